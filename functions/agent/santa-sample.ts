import type { ElevenLabsClient } from '@elevenlabs/elevenlabs-js';
import { santaSampleText } from '../core/santa-sample.ts';
import { santaAgent } from './santa-agent.ts';

/**
 * Speaks the landing page's sample (`santaSampleText`) with the Santa agent's voice, model and
 * voice settings through ElevenLabs text-to-speech (POST /v1/text-to-speech/{voice_id}), as an
 * MP3 (44.1 kHz, 128 kbit/s; about 160 KB for its ~12 s). Deterministic enough to redo: each
 * run makes a fresh file that replaces the last one under the same key.
 *
 * @throws the SDK's ElevenLabsError when the API refuses (bad key, unknown voice, quota)
 */
export async function makeSantaSample(client: ElevenLabsClient): Promise<Buffer> {
  const { tts } = santaAgent.conversationConfig;
  const stream = await client.textToSpeech.convert(tts.voiceId, {
    text: santaSampleText,
    // The agent speaks Flash v2 for latency; a recorded sample can afford the same voice's
    // multilingual v2 model, but then it would not sound like the call. Same model.
    modelId: tts.modelId,
    outputFormat: 'mp3_44100_128',
    voiceSettings: { stability: tts.stability, speed: tts.speed },
  });
  return Buffer.from(await new Response(stream).arrayBuffer());
}
