import { describe, expect, it } from 'vitest';
import { waveformPeaks } from '../../../video/waveform.ts';
import { toneMp3 } from './tone.ts';

const mean = (values: readonly number[]) =>
  values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

describe('waveformPeaks', () => {
  // 1 s silence, 1 s tone, 1 s silence, 0.5 s tone, 0.5 s silence: 4 s in all.
  const signal = toneMp3([
    { seconds: 1, hz: 0 },
    { seconds: 1, hz: 440 },
    { seconds: 1, hz: 0 },
    { seconds: 0.5, hz: 880 },
    { seconds: 0.5, hz: 0 },
  ]);

  it('gives one value per video frame: ceil(duration × fps)', async () => {
    const { peaks, durationSeconds } = await waveformPeaks(await signal, 60);
    // MP3 encoders add up to a frame of padding (1152 samples ≈ 52 ms at 22 050 Hz) and delay.
    expect(durationSeconds).toBeGreaterThanOrEqual(4);
    expect(durationSeconds).toBeLessThan(4.15);
    expect(peaks).toHaveLength(Math.ceil(durationSeconds * 60));
    const at30 = await waveformPeaks(await signal, 30);
    expect(at30.peaks).toHaveLength(Math.ceil(at30.durationSeconds * 30));
  });

  it('is loud where the tone is and ~0 in the silences', async () => {
    const { peaks } = await waveformPeaks(await signal, 60);
    // Keep 0.1 s away from each edge: the codec's delay shifts edges by a few ms.
    const frames = (from: number, to: number) => peaks.slice(from * 60 + 6, to * 60 - 6);
    expect(Math.max(...frames(0, 1))).toBeLessThan(0.02);
    expect(Math.min(...frames(1, 2))).toBeGreaterThan(0.8);
    expect(Math.max(...frames(2, 3))).toBeLessThan(0.02);
    expect(mean(frames(3, 3.5))).toBeGreaterThan(0.8);
    expect(Math.max(...frames(3.6, 4))).toBeLessThan(0.02);
    expect(peaks.every((value) => value >= 0 && value <= 1)).toBe(true);
  });

  it('reads a 44.1 kHz file the same way', async () => {
    const mp3 = await toneMp3(
      [
        { seconds: 0.5, hz: 0 },
        { seconds: 0.5, hz: 300 },
      ],
      44_100,
    );
    const { peaks, durationSeconds } = await waveformPeaks(mp3);
    expect(peaks).toHaveLength(Math.ceil(durationSeconds * 60));
    expect(mean(peaks.slice(3, 24))).toBeLessThan(0.02);
    expect(mean(peaks.slice(38, 54))).toBeGreaterThan(0.8);
  });

  it('refuses bytes that are not audio', async () => {
    await expect(
      waveformPeaks(new TextEncoder().encode('not an mp3 at all'.repeat(100))),
    ).rejects.toThrow(/no decodable audio/);
  });
});
