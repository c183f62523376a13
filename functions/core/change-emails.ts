import type { BookingRecord } from './booking.ts';
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

/** The change emails a booking can owe the parent (their template names). */
export const changeEmails = ['callMoved', 'callCancelled'] as const;
export type ChangeEmail = (typeof changeEmails)[number];

/**
 * How long a change email's send may be under way before another request may take it over, ms:
 * longer than anything that sends one runs before it is cut off (the API's functions time out
 * within 20 s, API Gateway gives up at 29 s). A send claimed longer ago whose email is still
 * owed died mid-send (its function killed, the machine gone).
 */
export const changeEmailLeaseMs = 30_000;

/** The outbox fields a booking change writes: a new owed email, or nothing to change. */
export type ChangeEmailOutbox = Partial<
  Pick<BookingRecord, 'changeEmailOwed' | 'changeEmailOwedAt' | 'movedEmailOwedFrom'>
>;

/**
 * What a reschedule records, in its own transaction, about the "moved" email: owed when
 * `movedEmailOwed` says so, moved from the time the parent was last told — an earlier move
 * whose email is still owed keeps its "from", so two quick moves tell one move, from the time
 * the parent knew to the new one. Nothing changes when nothing is owed (a retried PATCH finds
 * the booking already there and must keep what the first try recorded). A move back to the
 * very time the parent was last told owes nothing, and takes the owed email back. Pure.
 */
export function movedEmailOutbox(
  before: ToldSchedule &
    Pick<BookingRecord, 'changeEmailOwed' | 'movedEmailOwedFrom'> & {
      readonly paymentStatus: PaymentStatus;
    },
  after: ToldSchedule & {
    readonly paymentStatus: PaymentStatus;
    readonly dataErasedAt?: string | undefined;
  },
  now: Date,
): ChangeEmailOutbox | 'take_back' {
  if (!movedEmailOwed(before, after)) return {};
  const from =
    before.changeEmailOwed === 'callMoved' && before.movedEmailOwedFrom
      ? before.movedEmailOwedFrom
      : before.scheduledAt;
  if (!after.callNow && from === after.scheduledAt) return 'take_back';
  return {
    changeEmailOwed: 'callMoved',
    changeEmailOwedAt: now.toISOString(),
    movedEmailOwedFrom: from,
  };
}

/**
 * What a cancel records, in its own transaction: the "cancelled" email is owed. Recorded for
 * every cancel, paid or not: whether it is sent is decided when sending (`cancelledEmailOwed`),
 * so a payment that lands after the cancel — refunded at once — is told too. Replaces any
 * "moved" still owed: the parent hears the cancellation, not an earlier move. Pure.
 */
export function cancelledEmailOutbox(now: Date): ChangeEmailOutbox {
  return { changeEmailOwed: 'callCancelled', changeEmailOwedAt: now.toISOString() };
}

/** What a booking's owed change email needs now. */
export type ChangeEmailStep =
  /** Nothing owed, not owed yet (an unpaid cancel), or its send is under way. */
  | 'none'
  /** Owed and not claimed: send it (claimed once, `sendBookingEmailOnce`). */
  | 'send'
  /** Claimed longer ago than the lease and still owed: that send died; take it over. */
  | 'take_over'
  /** Recorded, but no longer to be sent (the call started, data erased): forget it. */
  | 'drop';

/**
 * What to do about a booking's owed change email — the one rule for the request that changed
 * the booking (right after its transaction, and on its retries) and for the reconciler.
 * A "moved" email is sent while the paid call is still ahead at that schedule (the claim is
 * per schedule, `movedEmailKey`); a "cancelled" one once the booking is paid or refunded (an
 * unpaid cancel waits: a late payment is refunded and then told). Pure.
 */
export function changeEmailStep(
  booking: Pick<
    BookingRecord,
    | 'changeEmailOwed'
    | 'changeEmailOwedAt'
    | 'callStatus'
    | 'paymentStatus'
    | 'dataErasedAt'
    | 'scheduledAt'
    | 'timezone'
    | 'callNow'
    | 'movedEmailSentFor'
    | 'cancelledEmailSentAt'
  >,
  now: Date,
): ChangeEmailStep {
  if (!booking.changeEmailOwed) return 'none';
  let claimed: boolean;
  if (booking.changeEmailOwed === 'callMoved') {
    if (
      booking.callStatus !== 'scheduled' ||
      booking.paymentStatus !== 'paid' ||
      booking.dataErasedAt
    ) {
      return 'drop';
    }
    claimed = booking.movedEmailSentFor === movedEmailKey(booking);
  } else {
    if (booking.dataErasedAt) return 'drop';
    if (!cancelledEmailOwed(booking)) return 'none';
    claimed = booking.cancelledEmailSentAt !== undefined;
  }
  if (!claimed) return 'send';
  const owedAt = Date.parse(booking.changeEmailOwedAt ?? '');
  // A missing or unreadable time is an old item: no send of it can still be under way.
  return Number.isNaN(owedAt) || now.getTime() - owedAt > changeEmailLeaseMs ? 'take_over' : 'none';
}

/**
 * How long a card refund takes to reach the parent's statement, business days: Stripe submits
 * the refund at once, "it can take anywhere from 5-10 business days to show up on your
 * customer's bank account" (https://support.stripe.com/questions/customer-refund-processing-time).
 */
export const refundArrivalBusinessDays = { from: 5, to: 10 } as const;
