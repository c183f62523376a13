import { DateTime } from 'luxon';
import { phoneNumberZones } from '../core/phone-numbers.ts';
import type { listAuditEvents } from '../data/audit-trail.ts';
import type { Booking } from '../data/bookings.ts';
import type { CallMedia } from './call-media.ts';

type AuditEvents = Awaited<ReturnType<typeof listAuditEvents>>;

/** What the parent sees of a booking: statuses, times in UTC and on the child's clock, history. */
export function bookingView(booking: Booking, events: AuditEvents, media: CallMedia = {}) {
  const local = DateTime.fromISO(booking.scheduledAt, { zone: booking.timezone });
  return {
    callId: booking.bookingId,
    callStatus: booking.callStatus,
    paymentStatus: booking.paymentStatus,
    videoStatus: booking.videoStatus,
    // Once erased, the child has no name here at all (the site says the details were deleted).
    child: { name: booking.dataErasedAt ? null : booking.childName, age: booking.childAge },
    schedule: {
      callNow: booking.callNow,
      scheduledAt: booking.scheduledAt,
      timezone: booking.timezone,
      localTime: local.toISO({ suppressMilliseconds: true }),
      localDisplay: local.toLocaleString(DateTime.DATETIME_FULL, { locale: 'en-US' }),
      /** The zones of the number's country a new time may be chosen in (empty: any zone). */
      zones: phoneNumberZones(booking.phoneNumber),
      /** When a call drifts out of calling hours: wait for the next window, or end refunded. */
      waitForCallingHours: booking.waitForCallingHours === true,
    },
    amountCents: booking.totalCents,
    currency: booking.currency,
    /** Minor units given back so far: all of it once refunded, part after a partial refund. */
    amountRefundedCents:
      booking.amountRefundedCents ??
      (booking.paymentStatus === 'refunded' ? booking.totalCents : 0),
    purchaseRecording: booking.purchaseRecording,
    giftBudget: booking.giftBudget,
    createdAt: booking.createdAt,
    timeline: events.map((event) => ({
      type: event.type,
      at: event.at,
      ...(event.detail ? { detail: event.detail } : {}),
    })),
    attempts: booking.attempts,
    /**
     * Why a call that did not reach the child ended (`not_reached`, `outside_calling_hours`,
     * `error`), and what still follows a completed call (`records_not_saved`,
     * `transcript_email_not_sent`: being retried); null when nothing applies.
     */
    endReason: booking.endReason ?? null,
    followUp: booking.afterCallProblem ?? null,
    /** The transcript and, when bought, a short-lived audio link, once the call happened. */
    media,
  };
}
