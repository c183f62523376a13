/** A paid call cancelled at least this long before it is due is refunded in full. */
export const refundCutoffMinutes = 10;

/** Why the parent's own cancel refunded nothing: it came too late (the API and the email say so). */
export const lateCancelNote = `Calls cancelled less than ${refundCutoffMinutes} minutes before they are due are not refunded.`;

/**
 * Does cancelling now give the money back? Only up to `refundCutoffMinutes` before the call
 * (inclusive): the same rule for the API that refunds and the site that says whether it will.
 */
export function isRefundableCancellation(scheduledAtIso: string, now: Date): boolean {
  return now.getTime() <= Date.parse(scheduledAtIso) - refundCutoffMinutes * 60_000;
}
