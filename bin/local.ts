import { type RunningLocalCloud, startLocalCloud } from '../local/cloud.ts';
import { loadLocalCloudConfig } from '../local/config.ts';

const minimumNodeMajor = 24;
let cloud: RunningLocalCloud | undefined;
let stopping = false;

/**
 * Stops every part (Java included), then exits with `code`. Only the first call counts, and
 * only its line is printed: the local cloud is either whole or gone, never half alive.
 */
async function stopAndExit(code: number, line?: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (line) (code === 0 ? console.log : console.error)(line);
  // A part that hangs while stopping must not keep a half-stopped cloud alive; Java dies with
  // us anyway (its watchdog sees our end of the pipe close).
  setTimeout(() => process.exit(code), 15_000).unref();
  await cloud?.stop().catch(() => undefined);
  process.exit(code);
}

/** `Name: message (at file:line)`, on one line, for a last-resort report. */
function describeFailure(failure: unknown): string {
  if (!(failure instanceof Error)) return String(failure).replace(/\s+/g, ' ');
  const where = failure.stack
    ?.split('\n')
    .find((frame) => frame.trim().startsWith('at '))
    ?.trim();
  return `${failure.name}: ${failure.message}${where ? ` (${where})` : ''}`.replace(/\s+/g, ' ');
}

function lastResort(what: string) {
  return (failure: unknown) =>
    void stopAndExit(
      1,
      `The local cloud stopped: ${what} — ${describeFailure(failure)}. This is a bug in the local cloud; the data is kept, start again with npm start.`,
    );
}

process.on('unhandledRejection', lastResort('a promise was rejected and nothing handled it'));
process.on('uncaughtException', lastResort('an error was thrown and nothing caught it'));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => void stopAndExit(0, `\n${signal}: stopping the local cloud …`));
}

// `npm start` runs us under tsx, whose process only relays signals: if it is killed outright
// we are re-parented, and stop rather than hold every port with nobody to press Ctrl-C.
const launcher = process.ppid;
setInterval(() => {
  if (process.ppid !== launcher) {
    void stopAndExit(
      1,
      `The process that started the local cloud (pid ${launcher}) is gone: stopping.`,
    );
  }
}, 1000).unref();

/** `npm start`: the whole product on this machine, on the local cloud. Ctrl-C stops it all. */
async function main(): Promise<void> {
  // The engine and handlers need Node 24's runtime (Promise.withResolvers, …); the project
  // installs it, and npm scripts run it. A bare `tsx` may pick the machine's older Node.
  const major = Number(process.versions.node.split('.')[0]);
  if (major < minimumNodeMajor) {
    throw new Error(
      `it needs Node ${minimumNodeMajor} or newer, and this is Node ${process.versions.node}. Start it with npm start (or npm run local), which runs the Node ${minimumNodeMajor} that npm ci installed.`,
    );
  }
  const config = loadLocalCloudConfig();
  console.log(
    `Starting the CallSanta local cloud (pid ${process.pid}, data in ${config.dataDir}) …`,
  );
  cloud = await startLocalCloud(config, (line) => console.log(`  ${line}`), {
    onPartFailed: (line) => void stopAndExit(1, line),
  });
  console.log(`\nCallSanta is running: ${cloud.apiUrl}`);
  console.log(`  Health           ${cloud.apiUrl}/api/health`);
  console.log(`  Outbox           ${cloud.apiUrl}/_local/outbox`);
  console.log(
    `  Webhook secrets  Stripe ${config.secrets.stripeWebhook} · ElevenLabs ${config.secrets.elevenLabsWebhook} · Remotion ${config.secrets.remotionWebhook}`,
  );
  console.log(
    `  Admin key        ${config.adminKey}  (header x-callsanta-admin-key on IAM routes)`,
  );
  console.log(
    `  Stripe keys      ${config.stripeKeys.publishable} (browser) · ${config.stripeKeys.secret} (server)`,
  );
  console.log('Press Ctrl-C to stop.');
}

main().catch((error: unknown) => {
  console.error(
    `\nThe local cloud could not start: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
