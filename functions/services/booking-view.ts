import { DateTime } from 'luxon';
import { supportOnlyEventTypes } from '../core/call-analysis.ts';
import { afterCallProblems, unsuccessfulReasons } from '../core/call-outcome.ts';
import { bookingChildren } from '../core/children.ts';
import { formatCallTime } from '../core/date-format.ts';
import { detailsEditability } from '../core/details-edit.ts';
import { languageOf } from '../core/languages.ts';
import { bookingLocale } from '../core/locale.ts';
import { phoneNumberZones } from '../core/phone-numbers.ts';
import { type RecordingOffer, recordingOffer } from '../core/recording-purchase.ts';
import type { listAuditEvents } from '../data/audit-trail.ts';
import type { Booking } from '../data/bookings.ts';
import type { BookingView } from '../schemas/api/booking-view.ts';
import type { CallMedia } from './call-media.ts';

/** The post-call offer as the site shows it: its price, or null when it cannot be bought now. */
function offerView(offer: RecordingOffer): BookingView['recordingOffer'] {
  return offer.buyable ? { amountCents: offer.amountCents, currency: offer.currency } : null;
}

type AuditEvents = Awaited<ReturnType<typeof listAuditEvents>>;

/** The wish list and summary for the parent; null before the analysis and once erased. */
function callSummaryView(booking: Booking): BookingView['callSummary'] {
  const analysis = booking.callAnalysis;
  if (booking.dataErasedAt || !analysis) return null;
  return {
    summary: analysis.summary ?? null,
    children: analysis.children.map((child) => ({
      name: child.name,
      wishes: [...child.wishes],
      proudOf: child.proudOf ?? null,
      worries: child.worries ?? null,
    })),
  };
}

/** One of `values`, or null: the table stores these as plain strings. */
const oneOf = <Value extends string>(values: readonly Value[], value: string | undefined) =>
  values.find((known) => known === value) ?? null;

/**
 * What the parent sees of a booking: statuses, times in UTC and on the child's clock, history.
 * Shaped by `bookingViewSchema` (functions/schemas/api/booking-view.ts).
 */
export function bookingView(
  booking: Booking,
  events: AuditEvents,
  media: CallMedia = {},
  options: {
    /** How far the video is (see `videoProgressOf`); null when not asked. */
    readonly videoProgress?: number | null;
    readonly now?: Date;
  } = {},
): BookingView {
  const now = options.now ?? new Date();
  const editable = detailsEditability(booking, now);
  const local = DateTime.fromISO(booking.scheduledAt, { zone: booking.timezone });
  const erased = Boolean(booking.dataErasedAt);
  // Either stored shape: the `children` list, or the one child of a booking made before.
  const children = bookingChildren(booking);
  return {
    callId: booking.bookingId,
    callStatus: booking.callStatus,
    paymentStatus: booking.paymentStatus,
    videoStatus: booking.videoStatus,
    videoProgress: options.videoProgress ?? null,
    // Once erased, the child has no name here at all (the site says the details were deleted).
    child: { name: erased ? null : booking.childName, age: booking.childAge },
    children: children.map((child) => ({ name: erased ? null : child.name, age: child.age })),
    language: languageOf(booking.language).code,
    notesForSanta: erased ? null : (booking.notesForSanta ?? null),
    schedule: {
      callNow: booking.callNow,
      scheduledAt: booking.scheduledAt,
      timezone: booking.timezone,
      // The zone was checked at booking; luxon's type still allows null for an invalid one.
      localTime: local.toISO({ suppressMilliseconds: true }) ?? booking.scheduledAt,
      // As the emails say it (the booking's locale); the site formats in its reader's own.
      localDisplay: formatCallTime(booking.scheduledAt, booking.timezone, bookingLocale(booking)),
      /** The zones of the number's country a new time may be chosen in (empty: any zone). */
      zones: [...phoneNumberZones(booking.phoneNumber)],
      /** When a call drifts out of calling hours: wait for the next window, or end refunded. */
      waitForCallingHours: booking.waitForCallingHours === true,
    },
    amountCents: booking.totalCents,
    currency: booking.currency,
    locale: bookingLocale(booking),
    /** Minor units given back so far: all of it once refunded, part after a partial refund. */
    amountRefundedCents:
      booking.amountRefundedCents ??
      (booking.paymentStatus === 'refunded' ? booking.totalCents : 0),
    purchaseRecording: booking.purchaseRecording,
    recordingOffer: offerView(recordingOffer(booking, now)),
    giftBudget: booking.giftBudget,
    createdAt: booking.createdAt,
    timeline: events
      .filter((event) => !supportOnlyEventTypes.includes(event.type))
      .map((event) => ({
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
    endReason: oneOf(unsuccessfulReasons, booking.endReason),
    followUp: oneOf(afterCallProblems, booking.afterCallProblem),
    /** The transcript and, when bought, a short-lived audio link, once the call happened. */
    // Erased: nothing of the call is offered, whatever was fetched.
    media: booking.dataErasedAt ? {} : media,
    callSummary: callSummaryView(booking),
    dataErased: Boolean(booking.dataErasedAt),
    details: {
      phoneNumber: booking.dataErasedAt ? null : booking.phoneNumber,
      childInfoText: booking.dataErasedAt ? null : (booking.childInfoText ?? null),
      children: children.map((child) => ({ infoText: erased ? null : (child.infoText ?? null) })),
      editableUntil: editable.editable ? editable.until : null,
    },
  };
}
