import type { ElevenLabsClient } from '@elevenlabs/elevenlabs-js';
import { santaAgent } from './santa-agent.ts';

export interface AgentSync {
  readonly agentId: string;
  readonly action: 'created' | 'updated';
}

/**
 * Makes the ElevenLabs agent match `santaAgent`: creates it when there is no agent id yet,
 * otherwise updates that agent in place (same id, so nothing else needs changing).
 */
export async function syncSantaAgent(
  client: ElevenLabsClient,
  agentId: string | undefined,
): Promise<AgentSync> {
  const agents = client.conversationalAi.agents;
  if (agentId) {
    const updated = await agents.update(agentId, santaAgent);
    return { agentId: updated.agentId, action: 'updated' };
  }
  const created = await agents.create(santaAgent);
  return { agentId: created.agentId, action: 'created' };
}
