/**
 * Renders the Santa call video for any MP3:
 *   npm run video:render -- --audio <file.mp3> --name <child> --out <file.mp4> [--seconds N]
 * The MP3 is served to Chromium from a loopback HTTP server (as a presigned S3 URL is in
 * production); the waveform is computed here in Node (video/waveform.ts). With no transcript,
 * Santa's ring follows the call's loudness. `--seconds N` renders only the first N seconds.
 * Prints progress and the frames rendered; exits 1 with the reason on bad arguments or a
 * failed render. The child's name is drawn in the video, never printed.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { serveAudioFile } from '../video/audio-server.ts';
import { durationInFrames, santaCallVideo } from '../video/props.ts';
import { renderSantaCallVideo } from '../video/render-local.ts';
import { waveformPeaks } from '../video/waveform.ts';

const usage =
  'usage: npm run video:render -- --audio <file.mp3> --name <child> --out <file.mp4> [--seconds N]';

const commandArgs = z.object({
  audio: z.string().min(1),
  name: z.string().trim().min(1).max(60),
  out: z.string().min(1),
  seconds: z.coerce.number().positive().max(1800).optional(),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      audio: { type: 'string' },
      name: { type: 'string' },
      out: { type: 'string' },
      seconds: { type: 'string' },
    },
    strict: true,
  });
  const parsed = commandArgs.safeParse(values);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new Error(`${usage}\n(missing or invalid: ${fields})`);
  }
  const args = parsed.data;
  const audioPath = resolve(args.audio);
  const outPath = resolve(args.out);
  const started = performance.now();
  const waveform = await waveformPeaks(await readFile(audioPath), santaCallVideo.fps);
  const durationSeconds = Math.min(
    waveform.durationSeconds,
    args.seconds ?? Number.POSITIVE_INFINITY,
  );
  const peaks = waveform.peaks.slice(0, durationInFrames(durationSeconds));
  console.log(
    `waveform: ${waveform.peaks.length} frames of ${waveform.durationSeconds.toFixed(2)} s in ${((performance.now() - started) / 1000).toFixed(2)} s; rendering ${durationSeconds.toFixed(2)} s`,
  );
  const served = await serveAudioFile(audioPath);
  try {
    let shown = -1;
    const result = await renderSantaCallVideo({
      props: { childName: args.name, audioUrl: served.url, durationSeconds, peaks, santaTurns: [] },
      outPath,
      onProgress: (fraction) => {
        const percent = Math.floor(fraction * 10) * 10;
        if (percent > shown) {
          shown = percent;
          console.log(`render: ${percent}%`);
        }
      },
    });
    console.log(
      `done: ${result.frames} frames in ${result.seconds.toFixed(1)} s (${(result.frames / result.seconds).toFixed(1)} frames/s) → ${outPath}`,
    );
  } finally {
    await served.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
