import type { StoredTranscript } from '../adapters/call-records.ts';
import type { BookingRecord } from '../core/booking.ts';
import type { CallingHours } from '../core/calling-hours.ts';
import { bookingLocale } from '../core/locale.ts';
import { formatMoney } from '../core/money-format.ts';
import { recordingOffer } from '../core/recording-purchase.ts';
import { formatCallingHours } from '../core/scheduling-rules.ts';
import type { EmailProps } from '../email/registry.ts';
import { bookAgainUrl, manageUrl, recordingUrl, type SiteLinks, statusUrl } from './links.ts';

/**
 * What each of a booking's emails says, from the booking — the one place a booking becomes an
 * email's props (the templates' schemas check them). Names go only into the email itself.
 */
export const bookingEmails = {
  bookingConfirmation(booking: BookingRecord, links: SiteLinks): EmailProps<'bookingConfirmation'> {
    return {
      childName: booking.childName,
      callNow: booking.callNow,
      callAtUtc: booking.scheduledAt,
      timezone: booking.timezone,
      amountCents: booking.totalCents,
      currency: booking.currency,
      purchaseRecording: booking.purchaseRecording,
      manageUrl: manageUrl(links, booking.bookingId),
      statusUrl: statusUrl(links, booking.bookingId),
      locale: bookingLocale(booking),
    };
  },

  /** The call was moved (`previousCallAtUtc` → the booking's time), with the new calendar file. */
  callMoved(
    booking: BookingRecord,
    previousCallAtUtc: string,
    links: SiteLinks,
    calendarAttached: boolean,
  ): EmailProps<'callMoved'> {
    return {
      childName: booking.childName,
      callNow: booking.callNow,
      callAtUtc: booking.scheduledAt,
      previousCallAtUtc,
      timezone: booking.timezone,
      manageUrl: manageUrl(links, booking.bookingId),
      statusUrl: statusUrl(links, booking.bookingId),
      calendarAttached,
      locale: bookingLocale(booking),
    };
  },

  /** The call was cancelled: what was refunded (or why nothing was), and how to book again. */
  callCancelled(
    booking: BookingRecord,
    links: Pick<SiteLinks, 'publicSiteUrl'>,
    noRefundReason?: string,
  ): EmailProps<'callCancelled'> {
    const refunded =
      booking.amountRefundedCents ??
      (booking.paymentStatus === 'refunded' ? booking.totalCents : 0);
    return {
      childName: booking.childName,
      callAtUtc: booking.scheduledAt,
      timezone: booking.timezone,
      amountRefundedCents: refunded,
      currency: booking.currency,
      ...(refunded === 0 && noRefundReason ? { noRefundReason } : {}),
      bookAgainUrl: bookAgainUrl(links),
      locale: bookingLocale(booking),
    };
  },

  callReminder(booking: BookingRecord, links: SiteLinks): EmailProps<'callReminder'> {
    return {
      childName: booking.childName,
      callAtUtc: booking.scheduledAt,
      timezone: booking.timezone,
      manageUrl: manageUrl(links, booking.bookingId),
      locale: bookingLocale(booking),
    };
  },

  callTranscript(
    booking: BookingRecord,
    transcript: StoredTranscript,
    links: SiteLinks,
    now = new Date(),
  ): EmailProps<'callTranscript'> {
    const offer = recordingOffer(booking, now);
    return {
      childName: booking.childName,
      callAtUtc: booking.scheduledAt,
      timezone: booking.timezone,
      durationSecs: transcript.durationSecs,
      locale: bookingLocale(booking),
      transcript: transcript.turns.map(({ role, message }) => ({ role, message })),
      ...(booking.purchaseRecording
        ? { recordingUrl: recordingUrl(links, booking.bookingId) }
        : offer.buyable
          ? {
              recordingOffer: {
                url: recordingUrl(links, booking.bookingId),
                price: formatMoney(offer.amountCents, offer.currency, bookingLocale(booking)),
              },
            }
          : {}),
    };
  },

  /** The video the parent bought is made: to the recording page that plays and shares it. */
  videoReady(booking: BookingRecord, links: SiteLinks): EmailProps<'videoReady'> {
    return { childName: booking.childName, recordingUrl: recordingUrl(links, booking.bookingId) };
  },

  /** The video could not be made after a retry: the audio is safe, it can be tried again. */
  videoNotMade(booking: BookingRecord, links: SiteLinks): EmailProps<'videoNotMade'> {
    return { childName: booking.childName, recordingUrl: recordingUrl(links, booking.bookingId) };
  },

  /** Why the call did not take place: every attempt unanswered, out of hours, or a failure. */
  callNotCompleted(
    booking: BookingRecord,
    hours: CallingHours,
    links: Pick<SiteLinks, 'publicSiteUrl'>,
  ): EmailProps<'callNotCompleted'> {
    const reason =
      booking.endReason === 'outside_calling_hours'
        ? 'outside_calling_hours'
        : booking.callStatus === 'no_answer'
          ? 'no_answer'
          : 'failed';
    return {
      childName: booking.childName,
      reason,
      attempts: booking.attempts,
      refunded: booking.paymentStatus === 'refunded',
      amountCents: booking.totalCents,
      currency: booking.currency,
      locale: bookingLocale(booking),
      bookAgainUrl: bookAgainUrl(links),
      ...(reason === 'outside_calling_hours' ? { callingHours: formatCallingHours(hours) } : {}),
    };
  },
};
