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

/**
 * Why a cancelled call's payment was not given back, as the "cancelled" email says it (in the
 * parent's language): `late_cancellation`, cancelled within `refundCutoffMinutes` of the call.
 */
export const noRefundReasons = ['late_cancellation'] as const;
export type NoRefundReason = (typeof noRefundReasons)[number];
