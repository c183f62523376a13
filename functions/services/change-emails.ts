import type { EmailAttachment } from '../adapters/email-sender.ts';
import type { BookingRecord } from '../core/booking.ts';
import {
  calendarContentType,
  calendarFileName,
  callCalendarFile,
  callEventSequence,
} from '../core/calendar-file.ts';
import type { NoRefundReason } from '../core/cancellation.ts';
import { type ChangeEmail, changeEmailStep, movedEmailKey } from '../core/change-emails.ts';
import { firstName } from '../core/format.ts';
import { santaMaxCallSeconds } from '../core/santa-limits.ts';
import { appendAuditEvent, listAuditEvents } from '../data/audit-trail.ts';
import { type Booking, releaseClaim, releaseClaimFor } from '../data/bookings.ts';
import { settleChangeEmail, takeOverChangeEmail } from '../data/change-email-outbox.ts';
import { calendarTexts } from '../email/calendar-texts.ts';
import type { EmailTemplateName } from '../email/registry.ts';
import { sendBookingEmailOnce, sendBookingEmailOncePer } from '../email/send-once.ts';
import { logger } from '../shared/logger.ts';
import { bookingEmails } from './booking-emails.ts';
import { siteLinks } from './links.ts';

/**
 * The booking's calendar file (`core/calendar-file.ts`) as an email attachment: PUBLISH for the
 * booked or moved call, CANCEL for a cancelled one; its SEQUENCE counted from the audit trail,
 * as the status page counts it from the view's timeline, so both make the same file.
 */
export async function callCalendarAttachment(
  booking: Pick<
    BookingRecord,
    'bookingId' | 'scheduledAt' | 'childName' | 'children' | 'language' | 'locale' | 'callStatus'
  >,
  now: Date,
): Promise<EmailAttachment> {
  const cancelled = booking.callStatus === 'cancelled';
  const events = await listAuditEvents(booking.bookingId);
  return {
    filename: calendarFileName,
    contentType: calendarContentType,
    content: callCalendarFile({
      bookingId: booking.bookingId,
      startUtc: booking.scheduledAt,
      durationMinutes: Math.ceil(santaMaxCallSeconds / 60),
      sequence: callEventSequence(events, cancelled),
      method: cancelled ? 'CANCEL' : 'PUBLISH',
      childFirstName: firstName(booking.childName),
      stampUtc: now.toISOString(),
      // In the booking's language, naming every child, as the email it travels with.
      texts: await calendarTexts(booking),
    }),
  };
}

/**
 * Sends the booking's owed change email ("Your call is moved" / "Your call is cancelled"), if
 * it owes one (`changeEmailStep`): the outbox item its reschedule or cancel recorded in the
 * same transaction. Called right after that transaction, again on the parent's retried request,
 * and by the reconciler for one left behind.
 *
 * - "moved": once per new schedule (claimed under `movedEmailKey`), from the time the parent
 *   was last told (`movedEmailOwedFrom`), with the new calendar file; not once a later move or
 *   a cancel has landed (the claim checks the schedule), nor after the call started.
 * - "cancelled": once per booking (`cancelledEmailSentAt`), to a parent who paid, with what
 *   was refunded or `noRefundReason`, and the calendar file's CANCEL.
 *
 * Idempotent: the send is claimed on the booking first (send-once), and the item is removed
 * once sent, so a repeat finds nothing owed. A send that died after its claim (a crash mid-send)
 * leaves the item: once the lease has run out the next caller takes it over (renewing the
 * lease conditionally, so one of many does), releases the dead claim and sends — at least once:
 * a send that reached SES just before the crash may go twice; the audit trail's `email_sent` is
 * checked first to make that window small.
 *
 * Never throws: the booking is already changed, and a failed email must not turn that into an
 * error the parent retries. A failure is logged and recorded as `change_email_failed`; the
 * item stays, so the reconciler sends it later (support can also `npm run support -- resend`).
 *
 * @param noRefundReason why a paid call was not refunded, for the "cancelled" email; when not
 *   given, it is the parent's late-cancel rule if the parent cancelled (`booking_cancelled.by`)
 * @returns whether this call sent the email
 */
export async function sendOwedChangeEmail(
  booking: Booking,
  now: Date,
  options: { readonly noRefundReason?: NoRefundReason } = {},
): Promise<boolean> {
  const template = booking.changeEmailOwed;
  if (!template) return false;
  let sent = false;
  await orRecordFailure(booking.bookingId, template, async () => {
    const step = changeEmailStep(booking, now);
    if (step === 'none') return;
    if (step === 'drop') {
      await settleChangeEmail(booking.bookingId, booking.changeEmailOwedAt);
      logger.info('owed change email no longer sent', { bookingId: booking.bookingId, template });
      return;
    }
    let current = booking;
    if (step === 'take_over') {
      const taken = await takeOver(booking, template, now);
      if (!taken) return;
      current = taken;
    }
    sent = await sendIt(current, template, now, options.noRefundReason);
    if (sent) await settleChangeEmail(current.bookingId, current.changeEmailOwedAt);
  });
  return sent;
}

/**
 * Takes over a send that died after its claim: unless its `email_sent` is in the trail after
 * all (then the item is only removed), renews the lease and releases the dead claim.
 *
 * @returns the booking as it now stands for the send, or undefined when there is nothing to send
 */
async function takeOver(
  booking: Booking,
  template: ChangeEmail,
  now: Date,
): Promise<Booking | undefined> {
  const owedAt = booking.changeEmailOwedAt;
  const events = await listAuditEvents(booking.bookingId);
  const sentSince = events.some(
    (event) =>
      event.type === 'email_sent' &&
      event.detail?.template === template &&
      (owedAt === undefined || event.at >= owedAt),
  );
  if (sentSince) {
    await settleChangeEmail(booking.bookingId, owedAt);
    return undefined;
  }
  if (!(await takeOverChangeEmail(booking.bookingId, owedAt, now))) return undefined;
  logger.warn('owed change email taken over: its send died', {
    bookingId: booking.bookingId,
    template,
  });
  const changeEmailOwedAt = now.toISOString();
  if (template === 'callMoved') {
    await releaseClaimFor(booking.bookingId, 'movedEmailSentFor', movedEmailKey(booking));
    return { ...booking, changeEmailOwedAt, movedEmailSentFor: undefined };
  }
  await releaseClaim(booking.bookingId, 'cancelledEmailSentAt');
  return { ...booking, changeEmailOwedAt, cancelledEmailSentAt: undefined };
}

async function sendIt(
  booking: Booking,
  template: ChangeEmail,
  now: Date,
  noRefundReason: NoRefundReason | undefined,
): Promise<boolean> {
  const calendar = await callCalendarAttachment(booking, now);
  if (template === 'callMoved') {
    return sendBookingEmailOncePer(
      booking,
      'movedEmailSentFor',
      movedEmailKey(booking),
      'callMoved',
      bookingEmails.callMoved(
        booking,
        booking.movedEmailOwedFrom ?? booking.scheduledAt,
        await siteLinks(),
        true,
      ),
      [calendar],
      // Not once a later move or a cancellation has landed: that one has its own email.
      booking.scheduledAt,
    );
  }
  return sendBookingEmailOnce(
    booking,
    'cancelledEmailSentAt',
    'callCancelled',
    bookingEmails.callCancelled(
      booking,
      await siteLinks(),
      noRefundReason ?? (await parentsNoRefundReason(booking.bookingId)),
    ),
    now,
    [calendar],
  );
}

/** The parent's own cancel refunds only in time (`late_cancellation`); support says nothing. */
async function parentsNoRefundReason(bookingId: string): Promise<NoRefundReason | undefined> {
  const events = await listAuditEvents(bookingId);
  const cancelled = events.findLast((event) => event.type === 'booking_cancelled');
  return cancelled?.detail?.by === 'parent' ? 'late_cancellation' : undefined;
}

async function orRecordFailure(
  bookingId: string,
  template: EmailTemplateName,
  send: () => Promise<void>,
): Promise<void> {
  try {
    await send();
  } catch (error) {
    const errorName = error instanceof Error ? error.name : 'unknown';
    logger.warn('change email failed; the reconciler sends it later', {
      bookingId,
      template,
      error: errorName,
    });
    try {
      await appendAuditEvent(bookingId, {
        type: 'change_email_failed',
        detail: { template, error: errorName },
      });
    } catch (recordError) {
      logger.error('change email failure not recorded', {
        bookingId,
        template,
        error: recordError instanceof Error ? recordError.name : 'unknown',
      });
    }
  }
}
