/**
 * What a booking's letting go of its voice note left: the ids of the bookings still claiming
 * it (possibly none), or `undefined` when the note has no claim item at all (a booking made
 * before claims existed, or a claim already removed by an earlier, retried release).
 */
export type RemainingClaims = readonly string[] | undefined;

/**
 * Whether the voice note's object may be deleted once a booking has let go of it: only when no
 * other booking still claims it. No claim item at all means a booking made before claims
 * existed (or a retry after the last release removed the item): delete, as before.
 */
export function mayDeleteVoiceNote(remaining: RemainingClaims): boolean {
  return remaining === undefined || remaining.length === 0;
}
