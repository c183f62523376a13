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
  return stretchesOf(turns, durationSeconds, (turn) =>
    turn.role === 'santa' ? 'santa' : undefined,
  ).map(({ startSeconds, endSeconds }) => ({ startSeconds, endSeconds }));
}

/**
 * The stretches of the lines `whose` names a speaker for: each line lasts until the next line
 * (of anyone) starts, the last until the end; consecutive lines of one speaker merge; all
 * clamped to [0, durationSeconds]; lines at or after the end and empty stretches dropped.
 */
function stretchesOf<Turn extends TranscriptTurn>(
  turns: readonly Turn[],
  durationSeconds: number,
  whose: (turn: Turn) => string | undefined,
): ChildSpeakingTurn[] {
  const sorted = [...turns]
    .filter((turn) => turn.timeInCallSecs < durationSeconds)
    .sort((a, b) => a.timeInCallSecs - b.timeInCallSecs);
  const stretches: ChildSpeakingTurn[] = [];
  sorted.forEach((turn, index) => {
    const name = whose(turn);
    if (name === undefined) return;
    const startSeconds = Math.max(0, turn.timeInCallSecs);
    const endSeconds = Math.min(
      durationSeconds,
      sorted[index + 1]?.timeInCallSecs ?? durationSeconds,
    );
    if (endSeconds <= startSeconds) return;
    const last = stretches.at(-1);
    if (last && last.name === name && last.endSeconds >= startSeconds) {
      stretches[stretches.length - 1] = { ...last, endSeconds };
    } else {
      stretches.push({ startSeconds, endSeconds, name });
    }
  });
  return stretches;
}

/** A stretch in which one named child speaks. */
export interface ChildSpeakingTurn extends SpeakingTurn {
  readonly name: string;
}

/**
 * The stretches in which a child known by name speaks: each transcript line with a `speaker`
 * (attributed by `functions/core/transcript-speakers.ts`) lasts until the next line starts,
 * consecutive lines of the same child merge, all clamped to [0, durationSeconds]. Lines
 * without a speaker (Santa's, or a child's that cannot be told) give none.
 */
export function childTurns(
  turns: readonly (TranscriptTurn & { readonly speaker?: string | undefined })[],
  durationSeconds: number,
): ChildSpeakingTurn[] {
  return stretchesOf(turns, durationSeconds, (turn) =>
    turn.role === 'child' && turn.speaker ? turn.speaker : undefined,
  );
}

/** The name of the child speaking at `seconds`, if one known by name is. */
export function speakingChild(
  turns: readonly ChildSpeakingTurn[] | undefined,
  seconds: number,
): string | undefined {
  return turns?.find((turn) => seconds >= turn.startSeconds && seconds < turn.endSeconds)?.name;
}
