import { encodeMp3 } from '../local/elevenlabs/mp3.ts';
import { answeredCallScript } from '../local/elevenlabs/script.ts';
import { speak, voices } from '../local/elevenlabs/speech.ts';
import type { TranscriptTurn } from './speaking-turns.ts';

/** A spoken call made on this machine, with its transcript's timings. */
export interface SampleCall {
  readonly mp3: Buffer;
  readonly turns: TranscriptTurn[];
  readonly durationSeconds: number;
}

const pauseSeconds = 0.45;

/**
 * Real speech for the bench, the tests and demos: the local ElevenLabs emulator's scripted
 * call (espeak-ng voices: Santa low, the child high), repeated until it lasts `seconds`, cut
 * there, and encoded as mono MP3 with lamejs exactly like the emulator's recordings. Needs
 * espeak-ng (scripts/setup.sh installs it).
 *
 * @param seconds the length of the recording (> 0)
 * @param childName the name Santa says
 */
export async function sampleCall(seconds: number, childName = 'Ada'): Promise<SampleCall> {
  const lines = answeredCallScript({ child_name: childName, child_age: 7 });
  const spoken = await Promise.all(
    lines.map(async (line) => ({
      role: line.role === 'agent' ? ('santa' as const) : ('child' as const),
      pcm: await speak(line.message, voices[line.role]),
    })),
  );
  const sampleRate = spoken[0]?.pcm.sampleRate ?? 22_050;
  const total = Math.round(seconds * sampleRate);
  const samples = new Int16Array(total);
  const pause = Math.round(pauseSeconds * sampleRate);
  const turns: TranscriptTurn[] = [];
  let cursor = pause;
  for (let index = 0; cursor < total; index = (index + 1) % spoken.length) {
    const line = spoken[index];
    if (!line) break;
    turns.push({ role: line.role, timeInCallSecs: cursor / sampleRate });
    samples.set(line.pcm.samples.subarray(0, total - cursor), cursor);
    cursor += line.pcm.samples.length + pause;
  }
  return { mp3: await encodeMp3({ samples, sampleRate }), turns, durationSeconds: seconds };
}
