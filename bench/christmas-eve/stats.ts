/**
 * Figures over call starts, shared by the local-cloud run and the cron model. Pure; every
 * time is in the same unit as given (the benchmark passes simulated epoch ms).
 */

/** The nearest-rank p-th percentile (0–100) of `samples`; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

/** A call holding a line from `start` (inclusive) to `end` (exclusive). */
export interface LineInterval {
  readonly start: number;
  readonly end: number;
}

/** The most intervals open at one moment; an end and a start at the same time do not overlap. */
export function maxConcurrency(intervals: readonly LineInterval[]): number {
  const edges = intervals.flatMap(({ start, end }) => [
    { at: start, step: 1 },
    { at: end, step: -1 },
  ]);
  // Ends before starts at the same instant.
  edges.sort((a, b) => a.at - b.at || a.step - b.step);
  let open = 0;
  let most = 0;
  for (const { step } of edges) {
    open += step;
    most = Math.max(most, open);
  }
  return most;
}

/** The most `starts` inside any half-open window [t, t + windowLength). */
export function maxStartsInWindow(starts: readonly number[], windowLength: number): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let most = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last++) {
    while ((sorted[last] ?? 0) - (sorted[first] ?? 0) >= windowLength) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}
