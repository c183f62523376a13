import type { PaymentStatus } from './booking-status.ts';

/** What a booking's schedule is, as the "moved" email tells it. */
export interface ToldSchedule {
  /** ISO 8601 instant. */
  readonly scheduledAt: string;
  /** IANA zone the time is shown in. */
  readonly timezone: string;
  readonly callNow: boolean;
}

/**
 * The key a "Your call is moved" email is sent once for: the schedule it announces. Two
 * reschedules in a row always announce different schedules (a move to the time the call
 * already has is no move), so each reschedule sends its own email, while a retried request —
 * which finds the booking already there — finds the key claimed and sends nothing.
 */
export function movedEmailKey(schedule: ToldSchedule): string {
  return `${schedule.scheduledAt}|${schedule.timezone}|${schedule.callNow ? 'now' : 'at'}`;
}

/**
 * Does this reschedule owe the parent a "moved" email? Only a paid booking (an unpaid one has
 * had no confirmation; its confirmation will name the new time), and only when the schedule
 * really changed: same instant and zone is a retry or a no-op "Save", and "call now" again
 * while already "call now" is a retry of the same request. Pure.
 */
export function movedEmailOwed(
  before: ToldSchedule,
  after: ToldSchedule & {
    readonly paymentStatus: PaymentStatus;
    readonly dataErasedAt?: string | undefined;
  },
): boolean {
  // Erased: no email names the child any more (as `resendProblem` says).
  if (after.paymentStatus !== 'paid' || after.dataErasedAt) return false;
  if (before.callNow && after.callNow) return false;
  return movedEmailKey(before) !== movedEmailKey(after);
}

/**
 * Does a cancellation owe the parent a "cancelled" email? When they paid (refunded since or
 * not): they were told the call was booked. An unpaid hold let go (a declined card, a parent
 * going back to change details) was never confirmed, so nothing is said. Pure.
 */
export function cancelledEmailOwed(booking: {
  readonly paymentStatus: PaymentStatus;
  readonly dataErasedAt?: string | undefined;
}): boolean {
  if (booking.dataErasedAt) return false;
  return booking.paymentStatus === 'paid' || booking.paymentStatus === 'refunded';
}

/**
 * How long a card refund takes to reach the parent's statement, business days: Stripe submits
 * the refund at once, "it can take anywhere from 5-10 business days to show up on your
 * customer's bank account" (https://support.stripe.com/questions/customer-refund-processing-time).
 */
export const refundArrivalBusinessDays = { from: 5, to: 10 } as const;
