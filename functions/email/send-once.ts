import { type EmailAttachment, sendEmail } from '../adapters/email-sender.ts';
import { appendAuditEvent } from '../data/audit-trail.ts';
import {
  type Booking,
  type ClaimField,
  claimOnce,
  claimOnceFor,
  type KeyedClaimField,
  releaseClaim,
  releaseClaimFor,
} from '../data/bookings.ts';
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
 *
 * @returns true when this call sent it; false when it was claimed before (sent, or on its way)
 */
export async function sendBookingEmailOnce<Name extends EmailTemplateName>(
  booking: Pick<Booking, 'bookingId' | 'parentEmail'> & Partial<Record<ClaimField, string>>,
  claim: ClaimField,
  template: Name,
  props: EmailProps<Name>,
  now = new Date(),
  attachments: readonly EmailAttachment[] = [],
): Promise<boolean> {
  if (booking[claim]) return false;
  const email = await renderEmail(template, props);
  const claimed = await claimOnce(booking.bookingId, claim, now.toISOString(), {
    unlessCancelled: onlyWhileOn.includes(claim),
  });
  if (!claimed) return false;
  await sendClaimed(booking, template, email, attachments, () =>
    releaseClaim(booking.bookingId, claim),
  );
  return true;
}

/**
 * Sends one of a booking's emails at most once per `key` — an email owed once per change (the
 * "moved" email, once per new schedule) rather than once per booking. The same key again (a
 * retried request) sends nothing; a new key (the next change) sends again. Released if the
 * send fails, so a retry may send it.
 *
 * @returns true when this call sent it; false when this key was claimed before
 */
export async function sendBookingEmailOncePer<Name extends EmailTemplateName>(
  booking: Pick<Booking, 'bookingId' | 'parentEmail'> & Partial<Record<KeyedClaimField, string>>,
  claim: KeyedClaimField,
  key: string,
  template: Name,
  props: EmailProps<Name>,
  attachments: readonly EmailAttachment[] = [],
  whileScheduledAt?: string,
): Promise<boolean> {
  if (booking[claim] === key) return false;
  const email = await renderEmail(template, props);
  if (!(await claimOnceFor(booking.bookingId, claim, key, whileScheduledAt))) return false;
  await sendClaimed(booking, template, email, attachments, () =>
    releaseClaimFor(booking.bookingId, claim, key),
  );
  return true;
}

async function sendClaimed(
  booking: Pick<Booking, 'bookingId' | 'parentEmail'>,
  template: EmailTemplateName,
  email: Awaited<ReturnType<typeof renderEmail>>,
  attachments: readonly EmailAttachment[],
  release: () => Promise<void>,
): Promise<void> {
  try {
    const { messageId } = await sendEmail({
      to: booking.parentEmail,
      email,
      tags: { template, bookingId: booking.bookingId },
      attachments,
    });
    await appendAuditEvent(booking.bookingId, {
      type: 'email_sent',
      detail: { template, messageId },
    });
  } catch (error) {
    await release();
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
