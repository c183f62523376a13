import { spawn } from 'node:child_process';
import { type Pcm, readWav } from './wav.ts';

/** An espeak-ng voice: a variant of US English, its pitch (0–99) and speed (words a minute). */
export interface Voice {
  readonly name: string;
  readonly pitch: number;
  readonly wordsPerMinute: number;
}

/** Santa low and slow; the child high and quick — two voices anyone can tell apart. */
export const voices = {
  agent: { name: 'en-us+m3', pitch: 22, wordsPerMinute: 145 },
  user: { name: 'en-us+f4', pitch: 85, wordsPerMinute: 170 },
} as const satisfies Record<string, Voice>;

/**
 * The voice of `role` in `language` (ISO 639-1): the same pitch and pace, with espeak-ng's own
 * voice for the language, so a Spanish call sounds Spanish. English keeps `voices`.
 */
export function voiceFor(role: keyof typeof voices, language = 'en'): Voice {
  const voice = voices[role];
  if (language === 'en') return voice;
  return { ...voice, name: `${language}+${voice.name.split('+')[1] ?? 'm3'}` };
}

const espeak = 'espeak-ng';

/** Resolves if espeak-ng can be run; otherwise rejects with how to install it. */
export async function assertSpeechAvailable(): Promise<void> {
  await run(['--version']).catch(() => {
    throw new Error(
      'The local ElevenLabs emulator needs espeak-ng to voice its calls, and it is not installed: run `bash scripts/setup.sh` (or `apt-get install espeak-ng`).',
    );
  });
}

/** Speaks `text` with espeak-ng, which writes a WAV file to its standard output. */
export async function speak(text: string, voice: Voice): Promise<Pcm> {
  const wav = await run([
    '--stdout',
    '-v',
    voice.name,
    '-p',
    String(voice.pitch),
    '-s',
    String(voice.wordsPerMinute),
    // The text goes as one argument after `--`, never through a shell.
    '--',
    text,
  ]);
  return readWav(wav);
}

function run(args: readonly string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(espeak, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const output: Buffer[] = [];
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(output));
      else reject(new Error(`espeak-ng exited with ${code}: ${errors.trim()}`));
    });
  });
}
