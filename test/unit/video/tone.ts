import { encodeMp3 } from '../../../local/elevenlabs/mp3.ts';

/** One stretch of a test signal: a sine tone of `hz` (0 = silence) for `seconds`. */
export interface Segment {
  readonly seconds: number;
  readonly hz: number;
}

/**
 * A mono MP3 (lamejs, 32 kbit/s) of tones and silences at `sampleRate`, for tests that need
 * audio with known loud and quiet stretches.
 */
export async function toneMp3(segments: readonly Segment[], sampleRate = 22_050): Promise<Buffer> {
  const total = segments.reduce(
    (sum, segment) => sum + Math.round(segment.seconds * sampleRate),
    0,
  );
  const samples = new Int16Array(total);
  let cursor = 0;
  for (const { seconds, hz } of segments) {
    const length = Math.round(seconds * sampleRate);
    for (let i = 0; i < length; i++) {
      samples[cursor + i] =
        hz === 0 ? 0 : Math.round(12_000 * Math.sin((2 * Math.PI * hz * i) / sampleRate));
    }
    cursor += length;
  }
  return encodeMp3({ samples, sampleRate });
}
