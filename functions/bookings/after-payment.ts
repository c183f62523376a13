import { notifyPaidBooking } from '../adapters/discord-notifier.ts';
import type { Booking } from '../data/bookings.ts';
import { sendBookingEmailOnce } from '../email/send-once.ts';
import { manageUrl } from './manage-link.ts';

/** The booking confirmation, sent once (see sendBookingEmailOnce). */
export async function sendConfirmationOnce(
  booking: Booking,
  links: { publicSiteUrl: string; accessTokenSecret: string },
  now: Date,
): Promise<void> {
  await sendBookingEmailOnce(
    booking,
    'confirmationEmailSentAt',
    'bookingConfirmation',
    {
      childName: booking.childName,
      callNow: booking.callNow,
      callAtUtc: booking.scheduledAt,
      timezone: booking.timezone,
      amountCents: booking.totalCents,
      currency: booking.currency,
      purchaseRecording: booking.purchaseRecording,
      manageUrl: manageUrl(links.publicSiteUrl, booking.bookingId, links.accessTokenSecret),
    },
    now,
  );
}

/** Tells the team's Discord about a paid booking, personal data masked; never fails. */
export async function announcePaidBooking(booking: Booking): Promise<void> {
  await notifyPaidBooking({
    bookingId: booking.bookingId,
    childName: booking.childName,
    parentEmail: booking.parentEmail,
    phoneNumber: booking.phoneNumber,
    amountCents: booking.totalCents,
    currency: booking.currency,
    callAtUtc: booking.scheduledAt,
    ...(booking.affiliateSlug ? { affiliateSlug: booking.affiliateSlug } : {}),
  });
}
