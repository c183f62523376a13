import { readTranscript } from '../adapters/call-records.ts';
import { sendEmail } from '../adapters/email-sender.ts';
import { loadBookingConfig } from '../config/booking-config.ts';
import { loadWorkflowConfig } from '../config/workflow-config.ts';
import { type ResendableEmail, resendProblem } from '../core/email-resend.ts';
import { ConflictError } from '../core/errors.ts';
import { appendAuditEvent, listAuditEvents } from '../data/audit-trail.ts';
import type { Booking } from '../data/bookings.ts';
import type { EmailProps } from '../email/registry.ts';
import { renderEmail } from '../email/render-email.ts';
import { bookingEmails } from './booking-emails.ts';
import { callCalendarAttachment } from './change-emails.ts';
import { siteLinks } from './links.ts';

/**
 * Sends one of a booking's emails again, on purpose (support's `resend`): the same props the
 * first send had (`bookingEmails`), rendered and sent, then an `email_sent` audit event with
 * `resent: true`. Not once-only like `sendBookingEmailOnce`: each call sends one more email, so
 * a person asks for it, never a retried path.
 *
 * @returns the SES message id
 * @throws ConflictError `email_not_resendable` with the reason (`resendProblem`)
 */
export async function resendBookingEmail(
  booking: Booking,
  template: ResendableEmail,
  by: string,
  now = new Date(),
): Promise<string> {
  const problem = resendProblem(booking, template);
  if (problem) throw new ConflictError('email_not_resendable', problem);
  const email = await renderEmail(template, await propsFor(booking, template, now));
  // The emails that carry the call's calendar file carry it again, as it stands now.
  const withCalendar: readonly ResendableEmail[] = ['callMoved', 'callCancelled'];
  const { messageId } = await sendEmail({
    to: booking.parentEmail,
    email,
    tags: { template, bookingId: booking.bookingId },
    ...(withCalendar.includes(template)
      ? { attachments: [await callCalendarAttachment(booking, now)] }
      : {}),
  });
  await appendAuditEvent(booking.bookingId, {
    type: 'email_sent',
    detail: { template, messageId, resent: 'true', by },
  });
  return messageId;
}

async function propsFor(
  booking: Booking,
  template: ResendableEmail,
  now: Date,
): Promise<EmailProps<ResendableEmail>> {
  const links = await siteLinks();
  switch (template) {
    case 'bookingConfirmation':
      return bookingEmails.bookingConfirmation(booking, links);
    case 'callReminder':
      return bookingEmails.callReminder(booking, links);
    case 'callTranscript':
      return bookingEmails.callTranscript(
        booking,
        await readTranscript(booking.transcriptKey ?? ''),
        links,
        now,
      );
    case 'callNotCompleted':
      return bookingEmails.callNotCompleted(
        booking,
        loadBookingConfig().rules,
        loadWorkflowConfig(),
      );
    case 'videoReady':
      return bookingEmails.videoReady(booking, links);
    case 'videoNotMade':
      return bookingEmails.videoNotMade(booking, links);
    case 'callMoved': {
      // The time it was last moved from, by the audit trail's latest move.
      const lastMove = (await listAuditEvents(booking.bookingId))
        .filter((event) => event.type === 'booking_rescheduled')
        .at(-1);
      return bookingEmails.callMoved(
        booking,
        lastMove?.detail?.from ?? booking.scheduledAt,
        links,
        true,
      );
    }
    case 'callCancelled':
      return bookingEmails.callCancelled(booking, links);
  }
}
