import { ElevenLabsClient } from '@elevenlabs/elevenlabs-js';
import { requireEnv } from '../config/env.ts';

/**
 * The official SDK's client, for managing the Santa agent (`npm run agent:sync`) — not used
 * by the call workflow, which reads its few endpoints with its own schemas
 * (`functions/adapters/elevenlabs.ts` says why). `ELEVENLABS_API_KEY`, and
 * `ELEVENLABS_API_BASE_URL` when set (the local emulator), else api.elevenlabs.io.
 */
export function createElevenLabsClient(env: NodeJS.ProcessEnv = process.env): ElevenLabsClient {
  const apiKey = requireEnv('ELEVENLABS_API_KEY', env);
  const baseUrl = env.ELEVENLABS_API_BASE_URL?.trim().replace(/\/$/, '');
  return new ElevenLabsClient({ apiKey, ...(baseUrl ? { baseUrl } : {}) });
}
