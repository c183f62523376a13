/**
 * How the local cloud compresses time. The clock itself is never faked: only waits are
 * shortened, by `CALLSANTA_TIME_SCALE`.
 *
 * - Unanchored (default): a wait for an instant T, begun at real time `from`, ends at
 *   `from + max(0, T − from) / scale` — so two waits for the same T begun at different
 *   moments end at different real times.
 * - Anchored (`CALLSANTA_TIME_ANCHOR`): an instant T maps to the one real time
 *   `anchor + (T − anchor) / scale`, whoever waits for it and whenever they began, so calls
 *   booked for the same instant fire together and lateness against the booked instant can be
 *   measured (real lateness × scale = simulated lateness). Relative waits (Wait `Seconds`,
 *   retry intervals, timeouts) are divided by the scale in both modes.
 */
export interface TimeCompression {
  /** CALLSANTA_TIME_SCALE, > 0: simulated seconds per real second. */
  readonly scale: number;
  /** CALLSANTA_TIME_ANCHOR as epoch ms; undefined when unset (unanchored). */
  readonly anchorMs?: number;
}

/**
 * The real epoch ms at which a wait for the instant `targetMs` (epoch ms) ends, for a wait
 * begun at real epoch ms `fromMs`. Never earlier than `fromMs`: an instant already passed
 * (in the mapping) ends the wait at once. Pure; NaN in gives NaN out.
 */
export function realInstantFor(
  targetMs: number,
  fromMs: number,
  { scale, anchorMs }: TimeCompression,
): number {
  if (anchorMs === undefined) return fromMs + Math.max(0, targetMs - fromMs) / scale;
  return Math.max(fromMs, anchorMs + (targetMs - anchorMs) / scale);
}

/**
 * The simulated instant (epoch ms) that the real instant `realMs` stands for under an anchor:
 * `anchor + (realMs − anchor) × scale`, the inverse of `realInstantFor`. Pure.
 */
export function simulatedInstantFor(realMs: number, { scale, anchorMs }: TimeCompression): number {
  if (anchorMs === undefined) return realMs;
  return anchorMs + (realMs - anchorMs) * scale;
}
