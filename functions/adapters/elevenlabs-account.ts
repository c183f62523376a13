import { readSecret } from '../config/secrets.ts';
import { createElevenLabsAdapter, type ElevenLabsAdapter } from './elevenlabs.ts';

let adapter: { readonly apiKey: string; readonly adapter: ElevenLabsAdapter } | undefined;

/**
 * The ElevenLabs adapter for the current API key (the `elevenlabs` secret), shared by the
 * workflow's tasks and the erase service: kept while the key stays the same, made anew when a
 * rotation put another one.
 */
export async function elevenLabs(): Promise<ElevenLabsAdapter> {
  const { apiKey } = await readSecret('elevenlabs');
  if (adapter?.apiKey !== apiKey) {
    adapter = {
      apiKey,
      adapter: createElevenLabsAdapter({ ...process.env, ELEVENLABS_API_KEY: apiKey }),
    };
  }
  return adapter.adapter;
}
