import { isRefundableCancellation } from '../../functions/core/cancellation.ts';

/**
 * Whether support's cancel refunds. Support cancels on the parent's behalf, so never on worse
 * terms than the parent's own cancel: without `--refund` the parent's rule applies (refunded up
 * to 10 minutes before the call, `functions/core/cancellation.ts`); `--refund` refunds whatever
 * the cutoff. Pure.
 */
export function supportCancelRefunds(
  forceRefund: boolean,
  scheduledAtIso: string,
  now: Date,
): boolean {
  return forceRefund || isRefundableCancellation(scheduledAtIso, now);
}
