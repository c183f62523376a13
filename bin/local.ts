import { startLocalCloud } from '../local/cloud.ts';
import { loadLocalCloudConfig } from '../local/config.ts';

/** `npm start`: the whole product on this machine, on the local cloud. Ctrl-C stops it all. */
async function main(): Promise<void> {
  const config = loadLocalCloudConfig();
  console.log(`Starting the CallSanta local cloud (data in ${config.dataDir}) …`);
  const cloud = await startLocalCloud(config, (line) => console.log(`  ${line}`));
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

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the local cloud …`);
    await cloud.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(
    `\nThe local cloud could not start: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
