import type { StoredTranscript } from '../adapters/call-records.ts';
import type { BookingRecord } from '../core/booking.ts';
import type { CallingHours } from '../core/calling-hours.ts';
import type { NoRefundReason } from '../core/cancellation.ts';
import { bookingChildren } from '../core/children.ts';
import { languageOf } from '../core/languages.ts';
import { bookingFormattingLocale } from '../core/locale.ts';
import { formatMoney } from '../core/money-format.ts';
import { recordingOffer } from '../core/recording-purchase.ts';
import { formatCallingHours } from '../core/scheduling-rules.ts';
import { turnSpeakers } from '../core/transcript-speakers.ts';
import type { EmailProps } from '../email/registry.ts';
import { bookAgainUrl, manageUrl, recordingUrl, type SiteLinks, statusUrl } from './links.ts';

/**
 * Who a booking's emails are about and how they speak: every child's name (`bookingChildren`:
 * the list, or an older booking's one child), the booking's language (English for an older
 * booking) and the locale its dates and amounts are written in (`bookingFormattingLocale`).
 */
function addressed(booking: BookingRecord) {
  return {
    childNames: bookingChildren(booking).map((child) => child.name),
    language: languageOf(booking.language).code,
    locale: bookingFormattingLocale(booking),
  };
}

/**
 * What each of a booking's emails says, from the booking — the one place a booking becomes an
 * email's props (the templates' schemas check them). Names go only into the email itself.
 */
export const bookingEmails = {
  bookingConfirmation(booking: BookingRecord, links: SiteLinks): EmailProps<'bookingConfirmation'> {
    return {
      ...addressed(booking),
      callNow: booking.callNow,
      callAtUtc: booking.scheduledAt,
      timezone: booking.timezone,
      amountCents: booking.totalCents,
      currency: booking.currency,
      purchaseRecording: booking.purchaseRecording,
      manageUrl: manageUrl(links, booking.bookingId),
      statusUrl: statusUrl(links, booking.bookingId),
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
      ...addressed(booking),
      callNow: booking.callNow,
      callAtUtc: booking.scheduledAt,
      previousCallAtUtc,
      timezone: booking.timezone,
      manageUrl: manageUrl(links, booking.bookingId),
      statusUrl: statusUrl(links, booking.bookingId),
      calendarAttached,
    };
  },

  /** The call was cancelled: what was refunded (or why nothing was), and how to book again. */
  callCancelled(
    booking: BookingRecord,
    links: Pick<SiteLinks, 'publicSiteUrl'>,
    noRefundReason?: NoRefundReason,
  ): EmailProps<'callCancelled'> {
    const refunded =
      booking.amountRefundedCents ??
      (booking.paymentStatus === 'refunded' ? booking.totalCents : 0);
    return {
      ...addressed(booking),
      callAtUtc: booking.scheduledAt,
      timezone: booking.timezone,
      amountRefundedCents: refunded,
      currency: booking.currency,
      ...(refunded === 0 && noRefundReason ? { noRefundReason } : {}),
      bookAgainUrl: bookAgainUrl(links),
    };
  },

  callReminder(booking: BookingRecord, links: SiteLinks): EmailProps<'callReminder'> {
    return {
      ...addressed(booking),
      callAtUtc: booking.scheduledAt,
      timezone: booking.timezone,
      manageUrl: manageUrl(links, booking.bookingId),
    };
  },

  callTranscript(
    booking: BookingRecord,
    transcript: StoredTranscript,
    links: SiteLinks,
    now = new Date(),
  ): EmailProps<'callTranscript'> {
    const offer = recordingOffer(booking, now);
    const people = addressed(booking);
    // The same attribution as the booking view's `media.transcript[].speaker` (call-media.ts).
    const speakers = turnSpeakers(transcript.turns, people.childNames);
    return {
      ...people,
      callAtUtc: booking.scheduledAt,
      timezone: booking.timezone,
      durationSecs: transcript.durationSecs,
      transcript: transcript.turns.map(({ role, message }, index) => {
        const speaker = speakers[index];
        return speaker ? { role, message, speaker } : { role, message };
      }),
      ...(booking.callAnalysis
        ? {
            analysis: {
              ...(booking.callAnalysis.summary ? { summary: booking.callAnalysis.summary } : {}),
              children: booking.callAnalysis.children.map(({ name, wishes, proudOf, worries }) => ({
                name,
                wishes: [...wishes],
                ...(proudOf ? { proudOf } : {}),
                ...(worries ? { worries } : {}),
              })),
            },
          }
        : {}),
      ...(booking.purchaseRecording
        ? { recordingUrl: recordingUrl(links, booking.bookingId) }
        : offer.buyable
          ? {
              recordingOffer: {
                url: recordingUrl(links, booking.bookingId),
                price: formatMoney(
                  offer.amountCents,
                  offer.currency,
                  bookingFormattingLocale(booking),
                ),
              },
            }
          : {}),
    };
  },

  /** The video the parent bought is made: to the recording page that plays and shares it. */
  videoReady(booking: BookingRecord, links: SiteLinks): EmailProps<'videoReady'> {
    return { ...addressed(booking), recordingUrl: recordingUrl(links, booking.bookingId) };
  },

  /** The video could not be made after a retry: the audio is safe, it can be tried again. */
  videoNotMade(booking: BookingRecord, links: SiteLinks): EmailProps<'videoNotMade'> {
    return { ...addressed(booking), recordingUrl: recordingUrl(links, booking.bookingId) };
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
      ...addressed(booking),
      reason,
      attempts: booking.attempts,
      refunded: booking.paymentStatus === 'refunded',
      amountCents: booking.totalCents,
      currency: booking.currency,
      bookAgainUrl: bookAgainUrl(links),
      ...(reason === 'outside_calling_hours' ? { callingHours: formatCallingHours(hours) } : {}),
    };
  },
};
