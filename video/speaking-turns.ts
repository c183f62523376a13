/** One line of the stored transcript: who spoke and when the line started, in seconds. */
export interface TranscriptTurn {
  readonly role: 'santa' | 'child';
  readonly timeInCallSecs: number;
}

/** When Santa speaks, in seconds from the start of the recording. */
export interface SpeakingTurn {
  readonly startSeconds: number;
  readonly endSeconds: number;
}

/**
 * Santa's speaking stretches from the transcript's timings (functions/adapters/call-records.ts):
 * a line lasts until the next line starts (the last one until the end of the call), consecutive
 * Santa lines merge into one stretch, and everything is clamped to [0, durationSeconds].
 * Lines may come in any order; they are sorted by start time. Lines starting at or after the
 * end of the call are dropped, and so are stretches of zero length.
 *
 * @param turns the transcript's turns (role + `timeInCallSecs`, seconds ≥ 0)
 * @param durationSeconds the recording's length in seconds (> 0)
 * @returns Santa's stretches, sorted and non-overlapping, `{ startSeconds, endSeconds }`
 */
export function santaTurns(
  turns: readonly TranscriptTurn[],
  durationSeconds: number,
): SpeakingTurn[] {
  const sorted = [...turns]
    .filter((turn) => turn.timeInCallSecs < durationSeconds)
    .sort((a, b) => a.timeInCallSecs - b.timeInCallSecs);
  const stretches: SpeakingTurn[] = [];
  sorted.forEach((turn, index) => {
    if (turn.role !== 'santa') return;
    const startSeconds = Math.max(0, turn.timeInCallSecs);
    const endSeconds = Math.min(
      durationSeconds,
      sorted[index + 1]?.timeInCallSecs ?? durationSeconds,
    );
    if (endSeconds <= startSeconds) return;
    const last = stretches.at(-1);
    if (last && last.endSeconds >= startSeconds) {
      stretches[stretches.length - 1] = { startSeconds: last.startSeconds, endSeconds };
    } else {
      stretches.push({ startSeconds, endSeconds });
    }
  });
  return stretches;
}
