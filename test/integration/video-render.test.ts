import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServedAudio, serveAudioFile } from '../../video/audio-server.ts';
import { durationInFrames } from '../../video/props.ts';
import { renderSantaCallVideo } from '../../video/render-local.ts';
import { sampleCall } from '../../video/sample-call.ts';
import { santaTurns } from '../../video/speaking-turns.ts';
import { waveformPeaks } from '../../video/waveform.ts';
import { type Probe, probe } from './support/ffprobe.ts';

/** What every Santa call video must be: portrait 1080×1920, 60 fps H.264 (BT.709) + AAC. */
function expectSantaCallVideo(media: Probe, seconds: number) {
  const video = media.streams.find((stream) => stream.codec_type === 'video');
  const audio = media.streams.find((stream) => stream.codec_type === 'audio');
  expect(video).toMatchObject({
    codec_name: 'h264',
    width: 1080,
    height: 1920,
    r_frame_rate: '60/1',
    color_space: 'bt709',
    color_primaries: 'bt709',
    color_transfer: 'bt709',
  });
  expect(audio?.codec_name).toBe('aac');
  expect(media.format.duration).toBeGreaterThan(seconds - 0.05);
  expect(media.format.duration).toBeLessThan(seconds + 0.1);
}

describe('the Santa call video, rendered locally with Chromium', () => {
  let folder: string;
  let mp3Path: string;
  let served: ServedAudio;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'callsanta-video-'));
    mp3Path = join(folder, 'call.mp3');
    const call = await sampleCall(3);
    await writeFile(mp3Path, call.mp3);
    served = await serveAudioFile(mp3Path);
  });

  afterAll(async () => {
    await served?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('renders 2 s of a spoken call to a 1080×1920 60 fps H.264 + AAC MP4', async () => {
    const call = await sampleCall(3);
    const waveform = await waveformPeaks(call.mp3);
    const outPath = join(folder, 'two-seconds.mp4');
    const progress: number[] = [];
    const result = await renderSantaCallVideo({
      props: {
        childName: 'Ada',
        audioUrl: served.url,
        durationSeconds: 2,
        peaks: waveform.peaks.slice(0, durationInFrames(2)),
        santaTurns: santaTurns(call.turns, 2),
      },
      outPath,
      onProgress: (fraction) => progress.push(fraction),
    });
    expect(result.frames).toBe(120);
    expect(progress.at(-1)).toBe(1);
    expectSantaCallVideo(await probe(outPath), 2);
  }, 300_000);

  it('renders only the frames asked for', async () => {
    const outPath = join(folder, 'range.mp4');
    const result = await renderSantaCallVideo({
      props: {
        childName: 'Ada',
        audioUrl: served.url,
        durationSeconds: 3,
        peaks: [],
        santaTurns: [],
      },
      outPath,
      frameRange: [60, 89],
    });
    expect(result.frames).toBe(30);
    const media = await probe(outPath);
    expect(media.format.duration).toBeGreaterThan(0.45);
    expect(media.format.duration).toBeLessThan(0.6);
  }, 300_000);

  it('refuses invalid props before opening a browser', async () => {
    await expect(
      renderSantaCallVideo({
        props: {
          childName: ' ',
          audioUrl: served.url,
          durationSeconds: 2,
          peaks: [],
          santaTurns: [],
        },
        outPath: join(folder, 'never.mp4'),
      }),
    ).rejects.toThrow(/childName|too_small|at least/i);
  });

  it('stops when its signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      renderSantaCallVideo({
        props: {
          childName: 'Ada',
          audioUrl: served.url,
          durationSeconds: 2,
          peaks: [],
          santaTurns: [],
        },
        outPath: join(folder, 'aborted.mp4'),
        signal: controller.signal,
      }),
    ).rejects.toThrow(/abort/i);
  });

  it('`npm run video:render` renders the first N seconds of an MP3 for a named child', async () => {
    const outPath = join(folder, 'cli.mp4');
    const run = await npmRun([
      '--audio',
      mp3Path,
      '--name',
      'Ada',
      '--out',
      outPath,
      '--seconds',
      '2',
    ]);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/done: 120 frames/);
    // The child's name is drawn in the video, never printed.
    expect(run.output).not.toMatch(/Ada/);
    expectSantaCallVideo(await probe(outPath), 2);
  }, 300_000);

  it('`npm run video:render` explains its usage when an argument is missing', async () => {
    const run = await npmRun(['--audio', mp3Path, '--out', join(folder, 'no-name.mp4')]);
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/usage: npm run video:render/);
    expect(run.output).toMatch(/name/);
  });
});

function npmRun(args: readonly string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'video:render', '--', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
