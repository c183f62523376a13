import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createElevenLabsClient } from '../functions/agent/elevenlabs-client.ts';
import { makeSantaSample } from '../functions/agent/santa-sample.ts';
import { santaSampleKey } from '../functions/core/santa-sample.ts';

/** The sample's name under `/media/`. */
export const santaSampleFileName = santaSampleKey.replace(/^media\//, '');

/**
 * `make`, run at most once at a time: callers while it runs share its promise; a failure is
 * forgotten so the next caller tries again (the file on disk is what makes it once for good).
 */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  return () => {
    running ??= make().finally(() => {
      running = undefined;
    });
    return running;
  };
}

export interface LocalSampleOptions {
  /** ElevenLabs as the handlers reach it: the emulator locally. */
  readonly baseUrl: string;
  readonly apiKey: string;
  /** The folder the API server serves as `/media/*`. */
  readonly mediaDir: string;
}

/**
 * Makes the landing page's "what the call sounds like" sample (on its first request), as
 * `npm run agent:sync` does in AWS: the same text through the same text-to-speech call, here
 * answered by the emulator's Santa voice, written where the API server serves `/media/*`.
 * Made once per data folder (it does not change between starts); written to a temporary file
 * and renamed, so a page never gets half an MP3. Returns the file's path.
 */
export async function publishLocalSantaSample(options: LocalSampleOptions): Promise<string> {
  const file = join(options.mediaDir, santaSampleFileName);
  const existing = await stat(file).catch(() => undefined);
  if (existing && existing.size > 0) return file;
  const client = createElevenLabsClient({
    ELEVENLABS_API_KEY: options.apiKey,
    ELEVENLABS_API_BASE_URL: options.baseUrl,
  });
  const mp3 = await makeSantaSample(client);
  await mkdir(options.mediaDir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, mp3);
  await rename(temporary, file);
  return file;
}
