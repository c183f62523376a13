/** Reads a required environment variable, or stops with a message that names what is missing. */
export function requireEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') {
    throw new Error(`Missing required environment variable ${name}: set it before starting.`);
  }
  return value;
}
