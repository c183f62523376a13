/** What a creator earns of the revenue their link brings, unless agreed otherwise. */
export const defaultPayoutPercent = 20;

/**
 * The payout owed on `revenueCents` at `percent`, rounded down to a whole cent: we never pay
 * out a fraction of a cent we did not take. Worked in basis points so the arithmetic stays in
 * integers (a float percentage such as 12.5 would otherwise round unpredictably).
 */
export function payoutDueCents(revenueCents: number, percent: number): number {
  const basisPoints = Math.round(percent * 100);
  return Math.floor((revenueCents * basisPoints) / 10_000);
}
