import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import {
  type SecretName,
  type SecretValue,
  secretArnEnv,
  secretLocalEnv,
  secretNames,
  secretSchemas,
} from './secret-schemas.ts';

export { type SecretName, type SecretValue, secretNames } from './secret-schemas.ts';

/**
 * How long a value read from Secrets Manager is kept in the container, in seconds: a value
 * put by ops (a rotation) reaches warm functions within this time.
 */
export const secretMaxAgeSeconds = 300;

/**
 * A secret that is missing, still the deploy's placeholder, or malformed. The message names the
 * secret and the keys, never a value.
 */
export class SecretNotReadyError extends Error {
  constructor(
    readonly secret: SecretName,
    readonly problems: readonly string[],
    where: string,
  ) {
    super(
      `Secret ${secret} (${where}) is not ready: ${problems.join('; ')}. ` +
        'Put the real values as docs/deploy.md, "Secrets", describes.',
    );
    this.name = 'SecretNotReadyError';
  }
}

/**
 * Reads and checks one of the app's secrets (`functions/config/secret-schemas.ts`).
 *
 * - Locally the values come from the environment, key by key (`secretLocalEnv`: STRIPE_SECRET_KEY
 *   etc.), as the local cloud sets them.
 * - In AWS from the Secrets Manager secret whose ARN is in `secretArnEnv[name]`, through
 *   Powertools Parameters: cached for `secretMaxAgeSeconds`, then read again, so a rotated value
 *   reaches warm functions without a deploy.
 *
 * Checked on every call against the secret's schema (cheap), so a placeholder or malformed value
 * stops the handler at its first use of the secret — in practice the first request of a cold
 * container — with a `SecretNotReadyError`; nothing ever runs with a placeholder key.
 * Throws `SecretNotReadyError`, or the SDK's error when Secrets Manager cannot be read.
 */
export async function readSecret<Name extends SecretName>(
  name: Name,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SecretValue<Name>> {
  const local = localValue(name, env);
  const arn = env[secretArnEnv[name]];
  if (!local && !arn) {
    throw new SecretNotReadyError(
      name,
      [`neither ${secretArnEnv[name]} nor its local variables are set`],
      'not granted to this function',
    );
  }
  const raw =
    local ?? jsonObjectIn(await getSecret(arn as string, { maxAge: secretMaxAgeSeconds }));
  if (raw === undefined) {
    throw new SecretNotReadyError(
      name,
      ['its value is not a JSON object of keys'],
      secretNameOf(arn as string),
    );
  }
  const parsed = secretSchemas[name].safeParse(raw);
  if (!parsed.success) {
    throw new SecretNotReadyError(
      name,
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(value)'} ${issue.message}`),
      local ? 'from the environment' : secretNameOf(arn as string),
    );
  }
  return parsed.data as SecretValue<Name>;
}

/**
 * The stored value as a JSON object, or undefined when it is not one (ops pasted the bare key,
 * say). Parsed here rather than by Powertools' `json` transform, whose error quotes the start
 * of the value (`Unexpected token 's', "sk_live_51"... is not valid JSON`) — a message that
 * reaches the runtime's log and Step Functions' history.
 */
function jsonObjectIn(stored: unknown): Record<string, unknown> | undefined {
  const text = stored instanceof Uint8Array ? Buffer.from(stored).toString('utf8') : stored;
  if (typeof text !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The names of the secrets this function can see, for the health check. */
export function configuredSecrets(env: NodeJS.ProcessEnv = process.env): SecretName[] {
  return secretNames.filter((name) => localValue(name, env) || env[secretArnEnv[name]]);
}

/** The values from the local variables when any of them is set (the local cloud). */
function localValue(name: SecretName, env: NodeJS.ProcessEnv): Record<string, string> | undefined {
  const entries = Object.entries(secretLocalEnv[name]).map(
    ([key, variable]) => [key, env[variable]] as const,
  );
  if (entries.every(([, value]) => value === undefined || value === '')) return undefined;
  return Object.fromEntries(
    entries.filter((entry): entry is readonly [string, string] => Boolean(entry[1])),
  );
}

/**
 * `callsanta/prod/stripe` from `arn:aws:secretsmanager:<region>:<account>:secret:callsanta/prod/stripe-AbC123`
 * (Secrets Manager appends a hyphen and six random characters).
 */
function secretNameOf(arn: string): string {
  const name = arn.split(':secret:')[1] ?? arn;
  return name.replace(/-[A-Za-z0-9]{6}$/, '');
}
