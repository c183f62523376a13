import { loadavg } from 'node:os';

/** The p-th percentile (0–100, nearest rank) of `samples`; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export function mean(samples: readonly number[]): number {
  return samples.reduce((sum, value) => sum + value, 0) / samples.length;
}

/** Milliseconds with one decimal, e.g. `12.3 ms`. */
export const ms = (value: number): string => `${value.toFixed(value < 1 ? 2 : 1)} ms`;

/** The 1-minute load average with 1 decimal: on a shared machine, say what the figure saw. */
export const load = (): string => loadavg()[0]?.toFixed(1) ?? '?';

/** Prints rows as a Markdown table, columns padded to line up in a terminal too. */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(row));
}
