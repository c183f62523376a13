import { sendEmail } from '../adapters/email-sender.ts';
import { appendAuditEvent } from '../data/audit-trail.ts';
import { type Booking, type ClaimField, claimOnce, releaseClaim } from '../data/bookings.ts';
import type { EmailProps, EmailTemplateName } from './registry.ts';
import { renderEmail } from './render-email.ts';

/**
 * Sends one of a booking's emails at most once, however often the step that sends it is
 * retried: the booking is marked first and unmarked if sending fails, so the retry sends it.
 */
export async function sendBookingEmailOnce<Name extends EmailTemplateName>(
  booking: Pick<Booking, 'bookingId' | 'parentEmail'> & Partial<Record<ClaimField, string>>,
  claim: ClaimField,
  template: Name,
  props: EmailProps<Name>,
  now = new Date(),
): Promise<void> {
  if (booking[claim]) return;
  if (!(await claimOnce(booking.bookingId, claim, now.toISOString()))) return;
  try {
    const email = await renderEmail(template, props);
    const { messageId } = await sendEmail({
      to: booking.parentEmail,
      email,
      tags: { template, bookingId: booking.bookingId },
    });
    await appendAuditEvent(booking.bookingId, {
      type: 'email_sent',
      detail: { template, messageId },
    });
  } catch (error) {
    await releaseClaim(booking.bookingId, claim);
    throw error;
  }
}
