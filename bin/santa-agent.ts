import { createElevenLabsClient } from '../functions/agent/elevenlabs-client.ts';
import { makeSantaSample } from '../functions/agent/santa-sample.ts';
import { siteBucketName, uploadSantaSample } from '../functions/agent/site-media.ts';
import { syncSantaAgent } from '../functions/agent/sync-agent.ts';

/**
 * `npm run agent:sync`: creates the Santa agent in ElevenLabs (no ELEVENLABS_AGENT_ID set) or
 * updates it (set). Reads ELEVENLABS_API_KEY and, for the local emulator,
 * ELEVENLABS_API_BASE_URL. Prints the agent id alone on stdout, so scripts can capture it.
 *
 * Then makes the landing page's "what the call sounds like" sample with the agent's voice
 * (ElevenLabs text-to-speech) and uploads it to the site bucket — `SITE_BUCKET_NAME`, or the
 * `SiteBucketName` output of stack `CallSanta-<CALLSANTA_STAGE, default dev>`. Before the
 * first deploy there is no bucket: it says so, and the next sync uploads it. Against the local
 * emulator (ELEVENLABS_API_BASE_URL set) it uploads only to a SITE_BUCKET_NAME given: the local
 * cloud makes its own sample at start.
 */
async function main(): Promise<void> {
  const agentId = process.env.ELEVENLABS_AGENT_ID?.trim() || undefined;
  const client = createElevenLabsClient();
  const { agentId: id, action } = await syncSantaAgent(client, agentId);
  console.log(id);
  console.error(
    action === 'created'
      ? `Created the Santa agent. Set ELEVENLABS_AGENT_ID=${id} so calls use it and later syncs update it.`
      : 'Updated the Santa agent.',
  );
  const local = Boolean(process.env.ELEVENLABS_API_BASE_URL?.trim());
  if (local && !process.env.SITE_BUCKET_NAME?.trim()) return;
  const bucket = await siteBucketName(process.env);
  if (!bucket) {
    console.error(
      'No site bucket yet (the stack is not deployed): deploy, then run agent:sync again to upload the call sample.',
    );
    return;
  }
  const where = await uploadSantaSample(bucket, await makeSantaSample(client));
  console.error(`Uploaded the call sample to ${where}.`);
}

main().catch((error: unknown) => {
  console.error(
    `The Santa agent could not be synced: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
