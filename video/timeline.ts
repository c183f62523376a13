import type { SpeakingTurn } from './speaking-turns.ts';

/**
 * Pure, per-frame readings of the props, shared by the composition's parts. Frames are video
 * frames (0-based), seconds are from the start of the recording.
 */

/** The loudness at `frame` (0..1); 0 past either end of `peaks`. */
export function peakAt(peaks: readonly number[], frame: number): number {
  return peaks[frame] ?? 0;
}

/**
 * The loudness at `frame`, smoothed: the highest of the last `window` frames, each faded by
 * how old it is, so bars and rings fall back gently instead of flickering at 60 fps.
 */
export function smoothedPeak(peaks: readonly number[], frame: number, window = 6): number {
  let level = 0;
  for (let age = 0; age < window; age++) {
    level = Math.max(level, peakAt(peaks, frame - age) * (1 - age / window));
  }
  return level;
}

/** Whether `seconds` falls in one of Santa's turns (start inclusive, end exclusive). */
export function isSantaSpeaking(turns: readonly SpeakingTurn[], seconds: number): boolean {
  return turns.some((turn) => seconds >= turn.startSeconds && seconds < turn.endSeconds);
}

/**
 * How strongly Santa's ring pulses at `frame` (0..1): the smoothed loudness inside Santa's
 * turns and 0 outside them; with no turns known, the loudness alone drives it.
 */
export function santaVoiceLevel(
  peaks: readonly number[],
  turns: readonly SpeakingTurn[],
  frame: number,
  fps: number,
): number {
  if (turns.length > 0 && !isSantaSpeaking(turns, frame / fps)) return 0;
  return smoothedPeak(peaks, frame);
}

/** A call timer: whole seconds elapsed as m:ss under an hour's worth of minutes ("07:05"). */
export function callTimer(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const minutes = Math.floor(whole / 60);
  return `${String(minutes).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
}
