import { createElevenLabsClient } from '../functions/agent/elevenlabs-client.ts';
import { syncSantaAgent } from '../functions/agent/sync-agent.ts';

/**
 * `npm run agent:sync`: creates the Santa agent in ElevenLabs (no ELEVENLABS_AGENT_ID set) or
 * updates it (set). Reads ELEVENLABS_API_KEY and, for the local emulator,
 * ELEVENLABS_API_BASE_URL. Prints the agent id alone on stdout, so scripts can capture it.
 */
async function main(): Promise<void> {
  const agentId = process.env.ELEVENLABS_AGENT_ID?.trim() || undefined;
  const { agentId: id, action } = await syncSantaAgent(createElevenLabsClient(), agentId);
  console.log(id);
  console.error(
    action === 'created'
      ? `Created the Santa agent. Set ELEVENLABS_AGENT_ID=${id} so calls use it and later syncs update it.`
      : 'Updated the Santa agent.',
  );
}

main().catch((error: unknown) => {
  console.error(
    `The Santa agent could not be synced: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
