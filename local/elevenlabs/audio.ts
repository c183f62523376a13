import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeMp3 } from './mp3.ts';
import type { ScriptLine } from './script.ts';
import { speak, voiceFor } from './speech.ts';
import type { Pcm } from './wav.ts';

export interface RenderedCall {
  readonly mp3: Buffer;
  /** When each line starts, in seconds from the start of the recording. */
  readonly startsAtSecs: readonly number[];
  readonly durationSecs: number;
}

/** A breath at the start and between turns, as on a real line. */
const pauseSecs = 0.45;

/**
 * The recording of a scripted call: each line spoken in its speaker's voice, one after the
 * other, as one MP3. Line start times come from the audio itself, so a transcript built from
 * them lines up with the recording (captions in the video depend on that).
 */
export async function renderCall(lines: readonly ScriptLine[]): Promise<RenderedCall> {
  const spoken = await Promise.all(
    lines.map((line) => speak(line.message, voiceFor(line.role, line.language))),
  );
  const sampleRate = spoken[0]?.sampleRate ?? 22_050;
  if (spoken.some((pcm) => pcm.sampleRate !== sampleRate)) {
    throw new Error('espeak-ng voices spoke at different sample rates.');
  }
  const pause = Math.round(pauseSecs * sampleRate);
  const total = spoken.reduce((length, pcm) => length + pause + pcm.samples.length, pause);
  const samples = new Int16Array(total);
  const startsAtSecs: number[] = [];
  let cursor = pause;
  for (const pcm of spoken) {
    startsAtSecs.push(Math.round((cursor / sampleRate) * 100) / 100);
    samples.set(pcm.samples, cursor);
    cursor += pcm.samples.length + pause;
  }
  return {
    mp3: await encodeMp3(toPhoneRate({ samples, sampleRate })),
    startsAtSecs,
    durationSecs: total / sampleRate,
  };
}

/**
 * Halves the sample rate (espeak-ng speaks at 22 050 Hz): a phone line carries no more, and
 * the MP3 encoder has half the work. Averaging each pair filters what would otherwise alias.
 */
function toPhoneRate({ samples, sampleRate }: Pcm): Pcm {
  const halved = new Int16Array(Math.floor(samples.length / 2));
  for (let i = 0; i < halved.length; i++) {
    halved[i] = ((samples[2 * i] ?? 0) + (samples[2 * i + 1] ?? 0)) >> 1;
  }
  return { samples: halved, sampleRate: sampleRate / 2 };
}

/**
 * `render`, remembering the last `limit` scripts' recordings: a call plan's thousands of calls
 * speak a handful of scripts, so each is voiced and encoded once. Concurrent renders of one
 * script share the work.
 */
export function reusingRenders(
  render: (lines: readonly ScriptLine[]) => Promise<RenderedCall>,
  limit = 16,
): (lines: readonly ScriptLine[]) => Promise<RenderedCall> {
  const made = new Map<string, Promise<RenderedCall>>();
  return (lines) => {
    const key = JSON.stringify(lines);
    const known = made.get(key);
    if (known) return known;
    const rendering = render(lines);
    rendering.catch(() => made.delete(key));
    made.set(key, rendering);
    if (made.size > limit) made.delete(made.keys().next().value as string);
    return rendering;
  };
}

/** Recordings on disk, one MP3 per conversation, made once and served from there. */
export class AudioCache {
  constructor(private readonly directory: string) {}

  private file(conversationId: string): string {
    return join(this.directory, `${conversationId}.mp3`);
  }

  async save(conversationId: string, mp3: Buffer): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const temporary = `${this.file(conversationId)}.${process.pid}.tmp`;
    await writeFile(temporary, mp3);
    await rename(temporary, this.file(conversationId));
  }

  /** Deletes the recording; none on disk is fine. */
  async remove(conversationId: string): Promise<void> {
    await rm(this.file(conversationId), { force: true });
  }

  /** The recording, or undefined when there is none on disk. */
  async load(conversationId: string): Promise<Buffer | undefined> {
    return readFile(this.file(conversationId)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
  }
}
