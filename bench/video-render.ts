/**
 * Render speed of the Santa call video on this machine: frames/s and wall time for 10 s and
 * 60 s of real speech (espeak-ng, as the local ElevenLabs emulator speaks) at 1080×1920@60,
 * the tuned `renderSantaCallVideo` side by side with a naive `renderMedia` of the same
 * composition with default options, runs interleaved (naive, tuned, naive, …) so both see the
 * same machine; and the waveform time for a 5-minute MP3. Prints medians and ratios, with the
 * load average at each figure (the machine is shared; CPU ms/frame is the steadier measure).
 * Run: `npm run bench:video [-- --runs 3 --long-runs 1]`. Asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { renderMedia, selectComposition } from '@remotion/renderer';
import { serveAudioFile } from '../video/audio-server.ts';
import { type SantaCallVideoProps, santaCallVideo } from '../video/props.ts';
import {
  bundleSantaCallVideo,
  chromiumExecutable,
  renderSantaCallVideo,
  tunedRender,
} from '../video/render-local.ts';
import { sampleCall } from '../video/sample-call.ts';
import { santaTurns } from '../video/speaking-turns.ts';
import { waveformPeaks } from '../video/waveform.ts';

interface Run {
  readonly fps: number;
  readonly wallSeconds: number;
  readonly cpuMsPerFrame: number;
  readonly load: string;
}

/** CPU seconds of this process and its reaped children (Chromium, ffmpeg), from /proc. */
function cpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0) / 100;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

async function measure(frames: number, render: () => Promise<unknown>): Promise<Run> {
  const cpuBefore = cpuSeconds();
  const started = performance.now();
  await render();
  const wallSeconds = (performance.now() - started) / 1000;
  // Chromium's and ffmpeg's CPU time lands in ours once they have exited and been reaped.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const cpuMsPerFrame = ((cpuSeconds() - cpuBefore) * 1000) / frames;
  return { fps: frames / wallSeconds, wallSeconds, cpuMsPerFrame, load: load() };
}

/** The naive render: Remotion's defaults, only what this machine needs (Debian's Chromium). */
async function naiveRender(
  serveUrl: string,
  inputProps: SantaCallVideoProps,
  outputLocation: string,
) {
  const composition = await selectComposition({
    serveUrl,
    id: santaCallVideo.id,
    inputProps,
    browserExecutable: chromiumExecutable,
    logLevel: 'error',
  });
  await renderMedia({
    serveUrl,
    composition,
    inputProps,
    codec: 'h264',
    outputLocation,
    browserExecutable: chromiumExecutable,
    overwrite: true,
    logLevel: 'error',
  });
}

function describeRuns(name: string, runs: readonly Run[]): string {
  const fps = median(runs.map((run) => run.fps));
  const wall = median(runs.map((run) => run.wallSeconds));
  const cpu = median(runs.map((run) => run.cpuMsPerFrame));
  return `${name.padEnd(6)} median ${fps.toFixed(1)} frames/s, wall ${wall.toFixed(1)} s, CPU ${cpu.toFixed(0)} ms/frame  [${runs
    .map((run) => `${run.fps.toFixed(1)} fps @ load ${run.load}`)
    .join('; ')}]`;
}

async function main() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      'long-runs': { type: 'string', default: '1' },
    },
  });
  const runsFor = { 10: Number(values.runs), 60: Number(values['long-runs']) } as const;
  const folder = await mkdtemp(join(tmpdir(), 'callsanta-bench-video-'));
  try {
    console.log(
      `machine: ${load()} load average (1, 5, 15 min); tuned settings ${JSON.stringify(tunedRender)}`,
    );

    const fiveMinutes = await sampleCall(300);
    const waveformTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await waveformPeaks(fiveMinutes.mp3);
      waveformTimes.push((performance.now() - started) / 1000);
    }
    console.log(
      `waveform, 5-minute MP3 (${(fiveMinutes.mp3.length / 1024).toFixed(0)} KiB): median ${median(waveformTimes).toFixed(3)} s over 5 runs, load ${load()}`,
    );

    const started = performance.now();
    const serveUrl = await bundleSantaCallVideo();
    console.log(
      `bundle (once per process): ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    for (const seconds of [10, 60] as const) {
      const call = await sampleCall(seconds);
      const mp3Path = join(folder, `call-${seconds}.mp3`);
      await writeFile(mp3Path, call.mp3);
      const served = await serveAudioFile(mp3Path);
      const { peaks, durationSeconds } = await waveformPeaks(call.mp3);
      const props: SantaCallVideoProps = {
        childName: 'Ada',
        audioUrl: served.url,
        durationSeconds: seconds,
        peaks,
        santaTurns: santaTurns(call.turns, durationSeconds),
      };
      const frames = seconds * santaCallVideo.fps;
      const naive: Run[] = [];
      const tuned: Run[] = [];
      for (let run = 0; run < runsFor[seconds]; run++) {
        naive.push(
          await measure(frames, () => naiveRender(serveUrl, props, join(folder, 'naive.mp4'))),
        );
        tuned.push(
          await measure(frames, () =>
            renderSantaCallVideo({ props, outPath: join(folder, 'tuned.mp4') }),
          ),
        );
      }
      await served.close();
      const ratio = median(tuned.map((run) => run.fps)) / median(naive.map((run) => run.fps));
      const cpuRatio =
        median(naive.map((run) => run.cpuMsPerFrame)) /
        median(tuned.map((run) => run.cpuMsPerFrame));
      console.log(`\n${seconds} s of speech, ${frames} frames at 1080×1920@60:`);
      console.log(describeRuns('naive', naive));
      console.log(describeRuns('tuned', tuned));
      console.log(
        `tuned/naive: ${ratio.toFixed(2)}× frames/s, ${cpuRatio.toFixed(2)}× less CPU per frame`,
      );
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
