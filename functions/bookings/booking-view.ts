import { DateTime } from 'luxon';
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
    },
    amountCents: booking.totalCents,
    currency: booking.currency,
    purchaseRecording: booking.purchaseRecording,
    giftBudget: booking.giftBudget,
    createdAt: booking.createdAt,
    timeline: events.map((event) => ({
      type: event.type,
      at: event.at,
      ...(event.detail ? { detail: event.detail } : {}),
    })),
    attempts: booking.attempts,
    /** The transcript and, when bought, a short-lived audio link, once the call happened. */
    media,
  };
}
