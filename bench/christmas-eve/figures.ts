import { maxConcurrency, maxStartsInWindow, percentile } from './stats.ts';

/** One call start, in simulated epoch ms. */
export interface CallStart {
  readonly bookingId: string;
  /** 0 for a booking's first call, then 1, 2, … for retries. */
  readonly attempt: number;
  readonly at: number;
  /** When its line was free again; undefined while it still rings or talks. */
  readonly endsAt: number | undefined;
}

/** What the benchmark prints for one design; lateness in simulated seconds. */
export interface DesignFigures {
  readonly firstStarts: number;
  readonly retryStarts: number;
  readonly lateness: { readonly p50: number; readonly p99: number; readonly max: number };
  /** First starts before their booked instant. */
  readonly early: number;
  readonly maxConcurrency: number;
  /** Most starts in any one simulated second. */
  readonly maxStartsPerSecond: number;
}

/**
 * Figures over the starts of one design: first attempts are measured against `bookedAt`
 * (booking id → the instant sold, simulated epoch ms). Starts of bookings not in `bookedAt`
 * count as starts but have no lateness. Pure.
 */
export function designFigures(
  starts: readonly CallStart[],
  bookedAt: ReadonlyMap<string, number>,
): DesignFigures {
  const first = starts.filter((s) => s.attempt === 0);
  const lateness = first.flatMap((s) => {
    const booked = bookedAt.get(s.bookingId);
    return booked === undefined ? [] : [(s.at - booked) / 1000];
  });
  const lastEnd = Math.max(...starts.map((s) => s.endsAt ?? s.at));
  return {
    firstStarts: first.length,
    retryStarts: starts.length - first.length,
    lateness: {
      p50: percentile(lateness, 50),
      p99: percentile(lateness, 99),
      max: lateness.length ? Math.max(...lateness) : Number.NaN,
    },
    early: lateness.filter((late) => late < 0).length,
    maxConcurrency: maxConcurrency(starts.map((s) => ({ start: s.at, end: s.endsAt ?? lastEnd }))),
    maxStartsPerSecond: maxStartsInWindow(
      starts.map((s) => s.at),
      1000,
    ),
  };
}
