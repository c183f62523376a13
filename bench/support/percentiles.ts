/** The p-th percentile (nearest rank) of `samples`; NaN for none. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Milliseconds, one decimal: "12.3 ms". */
export const ms = (value: number) => `${value.toFixed(1)} ms`;
