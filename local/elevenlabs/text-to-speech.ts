import { renderCall } from './audio.ts';

/**
 * Text-to-speech as the emulator does it: `text` in the Santa voice its calls use (espeak-ng,
 * `speech.ts`), encoded as the MP3 its call recordings are (`audio.ts`) — a real MP3 a browser
 * plays, with a breath of silence either side.
 */
export async function speakAsSanta(text: string): Promise<Buffer> {
  const { mp3 } = await renderCall([{ role: 'agent', message: text }]);
  return mp3;
}
