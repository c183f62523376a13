import { startWorkflowNow, upsertBookingSchedule } from '../adapters/booking-workflow-starter.ts';
import { notifyPaidBooking } from '../adapters/discord-notifier.ts';
import { sendEmail } from '../adapters/email-sender.ts';
import { scheduleNameFor, workflowStart } from '../core/workflow-start.ts';
import { appendAuditEvent } from '../data/audit-trail.ts';
import { type Booking, claimOnce, recordWorkflowArmed, releaseClaim } from '../data/bookings.ts';
import { renderEmail } from '../email/render-email.ts';
import { manageUrl } from './manage-link.ts';

/**
 * Arms the call for the booking's current version: the workflow starts now ("call now") or
 * one Scheduler entry named after the booking starts it later. Safe to repeat: the schedule is
 * upserted, the execution name is fixed per version, and the audit event is written once.
 */
export async function armCall(booking: Booking, now: Date): Promise<void> {
  const wanted = booking.callNow ? now : new Date(booking.scheduledAt);
  const callAt = wanted < now ? now : wanted;
  const start = workflowStart(booking.bookingId, callAt, booking.version, now);
  if (booking.executionName === start.executionName) return;
  if (booking.callNow) await startWorkflowNow(start);
  else await upsertBookingSchedule(booking.bookingId, start);
  const armed = await recordWorkflowArmed(booking.bookingId, booking.version, {
    ...(booking.callNow ? {} : { scheduleName: scheduleNameFor(booking.bookingId) }),
    executionName: start.executionName,
  });
  if (armed) {
    await appendAuditEvent(booking.bookingId, {
      type: booking.callNow ? 'call_started' : 'call_scheduled',
      detail: { executionName: start.executionName, workflowStartsAt: start.startAt.toISOString() },
    });
  }
}

/**
 * Sends the booking confirmation at most once: the booking is marked first, and unmarked if
 * sending fails so that Stripe's retry of the webhook sends it then.
 */
export async function sendConfirmationOnce(
  booking: Booking,
  links: { publicSiteUrl: string; accessTokenSecret: string },
  now: Date,
): Promise<void> {
  if (booking.confirmationEmailSentAt) return;
  if (!(await claimOnce(booking.bookingId, 'confirmationEmailSentAt', now.toISOString()))) return;
  try {
    const email = await renderEmail('bookingConfirmation', {
      childName: booking.childName,
      callNow: booking.callNow,
      callAtUtc: booking.scheduledAt,
      timezone: booking.timezone,
      amountCents: booking.totalCents,
      currency: booking.currency,
      purchaseRecording: booking.purchaseRecording,
      manageUrl: manageUrl(links.publicSiteUrl, booking.bookingId, links.accessTokenSecret),
    });
    const { messageId } = await sendEmail({
      to: booking.parentEmail,
      email,
      tags: { template: 'bookingConfirmation', bookingId: booking.bookingId },
    });
    await appendAuditEvent(booking.bookingId, {
      type: 'confirmation_email_sent',
      detail: { messageId },
    });
  } catch (error) {
    await releaseClaim(booking.bookingId, 'confirmationEmailSentAt');
    throw error;
  }
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
