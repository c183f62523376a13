import { appSecrets } from '../config/secrets.ts';
import { createElevenLabsAdapter, type ElevenLabsAdapter } from './elevenlabs.ts';

let adapter: Promise<ElevenLabsAdapter> | undefined;

/** The ElevenLabs adapter with the API key from the app's secrets, made once per container. */
export function elevenLabs(): Promise<ElevenLabsAdapter> {
  adapter ??= appSecrets().then((secrets) =>
    createElevenLabsAdapter({ ...process.env, ELEVENLABS_API_KEY: secrets.elevenLabsApiKey }),
  );
  return adapter;
}
