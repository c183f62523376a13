import { sendEmail } from '../adapters/email-sender.ts';
import { appendAuditEvent } from '../data/audit-trail.ts';
import { type Booking, type ClaimField, claimOnce, releaseClaim } from '../data/bookings.ts';
import type { EmailProps, EmailTemplateName } from './registry.ts';
import { renderEmail } from './render-email.ts';

/**
 * Emails that promise a call ("Santa will call …"): never sent to a cancelled booking. The
 * claim checks the booking's status in the same atomic write, so a cancellation that lands
 * first always wins; see `confirmationInFlight` for one that lands just after.
 */
const onlyWhileOn: readonly ClaimField[] = ['confirmationEmailSentAt', 'reminderSentAt'];

/**
 * Sends one of a booking's emails at most once, however often the step that sends it is
 * retried: the booking is marked first and unmarked if sending fails, so the retry sends it.
 * The email is rendered before the claim, so the claimed window is only the send itself.
 */
export async function sendBookingEmailOnce<Name extends EmailTemplateName>(
  booking: Pick<Booking, 'bookingId' | 'parentEmail'> & Partial<Record<ClaimField, string>>,
  claim: ClaimField,
  template: Name,
  props: EmailProps<Name>,
  now = new Date(),
): Promise<void> {
  if (booking[claim]) return;
  const email = await renderEmail(template, props);
  const claimed = await claimOnce(booking.bookingId, claim, now.toISOString(), {
    unlessCancelled: onlyWhileOn.includes(claim),
  });
  if (!claimed) return;
  try {
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

/** How long a claimed confirmation may take to go out before we stop waiting for it. */
export const confirmationSendLeaseMs = 3_000;

/**
 * Whether the booking's confirmation is claimed but not yet known to be sent: the claim is
 * younger than the lease and no `email_sent` for it is in the audit trail. A cancellation
 * waits for it, so the parent never gets "Santa will call" after "cancelled".
 */
export function confirmationInFlight(
  booking: Pick<Booking, 'confirmationEmailSentAt'>,
  sentTemplates: readonly string[],
  now: Date,
): boolean {
  const claimedAt = booking.confirmationEmailSentAt;
  if (!claimedAt || sentTemplates.includes('bookingConfirmation')) return false;
  return now.getTime() - Date.parse(claimedAt) < confirmationSendLeaseMs;
}
