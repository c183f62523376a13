/**
 * How many calls each bookable instant may sell so that every one of them starts at its second:
 * the one formula sales (availability, booking, reschedule, "call now") and the benchmark use.
 *
 * Derivation. A parent books an instant on a grid of `instantMinutes` (g). Every call sold
 * at instant T is due at T and holds one of Santa's L lines from its start until it hangs up:
 *
 *   hold = ring + talk + hang-up
 *
 * where ring is how long a phone may ring before it counts as no answer, talk is the length
 * planned for (the stage's expected call length, a high percentile, never above the agent's
 * hard cap — ElevenLabs ends every call at `maxCallSeconds`, so no call runs longer than that)
 * and hang-up is the few seconds the provider takes to free the line. A call started at T is
 * therefore still on its line at T + g, …, T + (k − 1)·g with k = ⌈hold / g⌉, and no later:
 * the calls of k consecutive instants are the most that can be on the lines together.
 *
 * Busy / no-answer retries are never sold but come back into the same lines (at their own due
 * time, first due first served). r = round(retryShare · L) lines are kept for them, so sold
 * calls get L − r lines, and over any k consecutive instants they may need at most L − r:
 *
 *   x = (L − r) / k   places per instant on average.
 *
 * x is rarely whole (4 lines, k = 2, r = 1 → 1.5), so the places of instant number i (counted
 * on the grid from the epoch) are ⌊(i + 1)·x⌋ − ⌊i·x⌋: the sum over any k consecutive
 * instants is then ⌊(i + k)·x⌋ − ⌊i·x⌋ = L − r exactly (k·x = L − r is whole), and no
 * instant is more than one place from the average. With fewer lines than one instant needs
 * (L − r < k) some instants sell nothing — the truth, not a rounding error.
 *
 * Starts are paced to R per second (Twilio's calls per second), so the n-th call due at T
 * starts (n − 1) / R seconds after it; every call of an instant must start within
 * `onTimeSeconds` of its second, which caps an instant at 1 + ⌊R · onTimeSeconds⌋.
 */

/** The bookable instants are this many minutes apart, on every clock (a product rule). */
export const instantMinutes = 5;

/** Every call of an instant starts within this many seconds of it (its start is paced). */
export const onTimeSeconds = 5;

/** Seconds after a call ends before the provider has freed its line (hang-up, webhook). */
export const hangUpSeconds = 15;

export interface LineLimits {
  /** L: Santa's concurrent calls (the ElevenLabs plan). */
  readonly concurrentCalls: number;
  /** R: call starts per second across all lines (Twilio's CPS). */
  readonly startsPerSecond: number;
  /** Planned talk time of one call, minutes (a high percentile of real calls). */
  readonly expectedCallMinutes: number;
  /** The agent's hard cap on a call's talk time, seconds. */
  readonly maxCallSeconds: number;
  /** How long a phone rings before the call counts as not answered, seconds. */
  readonly ringSeconds: number;
  /** The share of calls expected to need another attempt (busy, no answer), 0–1. */
  readonly retryShare: number;
}

/** Seconds one sold call holds its line, at most (ring + planned talk + hang-up). */
export function lineHoldSeconds(limits: LineLimits): number {
  const talk = Math.min(limits.expectedCallMinutes * 60, limits.maxCallSeconds);
  return limits.ringSeconds + talk + hangUpSeconds;
}

/** k: how many consecutive instants' calls can be on the lines at once. */
export function overlappingInstants(limits: LineLimits): number {
  return Math.max(1, Math.ceil(lineHoldSeconds(limits) / (instantMinutes * 60)));
}

/** r: lines kept free for retries, which are never sold. */
export function retryReserveLines(limits: LineLimits): number {
  return Math.min(limits.concurrentCalls, Math.round(limits.retryShare * limits.concurrentCalls));
}

/** The most calls one instant may hold and still start each within `onTimeSeconds`. */
export function startsPerInstant(limits: LineLimits): number {
  return 1 + Math.floor(limits.startsPerSecond * onTimeSeconds + 1e-9);
}

/** The grid number of an instant (minutes since the epoch / g), for the spreading rule. */
export function instantIndex(instant: Date): number {
  return Math.floor(instant.getTime() / (instantMinutes * 60_000));
}

/**
 * Places sold at `instant` (on the grid), from the limits alone: see the derivation above.
 * Deterministic, so every function that sells, and the benchmark, agree on each instant.
 */
export function placesAt(instant: Date, limits: LineLimits): number {
  const k = overlappingInstants(limits);
  const sold = limits.concurrentCalls - retryReserveLines(limits);
  const i = instantIndex(instant);
  // ⌊(i + 1)·x⌋ − ⌊i·x⌋ with x = sold / k, in integers so that it is exact for every i.
  const byLines = Math.floor(((i + 1) * sold) / k) - Math.floor((i * sold) / k);
  return Math.max(0, Math.min(byLines, startsPerInstant(limits)));
}
