import type { EmailAttachment } from '../adapters/email-sender.ts';
import type { BookingRecord } from '../core/booking.ts';
import {
  calendarContentType,
  calendarFileName,
  callCalendarFile,
  callEventSequence,
} from '../core/calendar-file.ts';
import type { NoRefundReason } from '../core/cancellation.ts';
import { cancelledEmailOwed, movedEmailKey, movedEmailOwed } from '../core/change-emails.ts';
import { firstName } from '../core/format.ts';
import { santaMaxCallSeconds } from '../core/santa-limits.ts';
import { appendAuditEvent, listAuditEvents } from '../data/audit-trail.ts';
import type { Booking } from '../data/bookings.ts';
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
 * "Your call is moved", after a reschedule of a paid booking (`movedEmailOwed`), with the new
 * calendar file. Sent once per new schedule: the send is keyed by `movedEmailKey` (the schedule
 * this reschedule moved to), so a retried PATCH — which finds the booking already there and
 * moves nothing — sends nothing, while the next reschedule, to another time, sends again.
 * The claim holds only while the booking is still at the new time and not cancelled, so a
 * reschedule overtaken by another or by a cancel sends no "moved" after it.
 *
 * Never throws: the call is already moved, and a failed email must not turn that into an
 * error the parent retries. A failure is logged and recorded as `change_email_failed` in the
 * audit trail (as `confirmation_email_failed` is) and the claim released; support sends it
 * again with `npm run support -- resend <id> moved` (or `cancelled`).
 */
export async function emailCallMoved(before: Booking, moved: Booking, now: Date): Promise<void> {
  if (!movedEmailOwed(before, moved)) return;
  await orRecordFailure(moved.bookingId, 'callMoved', async () => {
    const calendar = await callCalendarAttachment(moved, now);
    await sendBookingEmailOncePer(
      moved,
      'movedEmailSentFor',
      movedEmailKey(moved),
      'callMoved',
      bookingEmails.callMoved(moved, before.scheduledAt, await siteLinks(), true),
      [calendar],
      // Not once a later move or a cancellation has landed: that one has its own email.
      moved.scheduledAt,
    );
  });
}

/**
 * "Your call is cancelled", once per booking (`cancelledEmailSentAt`: a booking is cancelled
 * once, and a retried cancel finds it claimed), to a parent who paid (`cancelledEmailOwed`):
 * what was refunded and when it lands, or why nothing was; with the calendar file's CANCEL for
 * the same event. Never throws; a failure is recorded as for `emailCallMoved`.
 */
export async function emailCallCancelled(
  cancelled: Booking,
  noRefundReason: NoRefundReason | undefined,
  now: Date,
): Promise<void> {
  if (!cancelledEmailOwed(cancelled)) return;
  await orRecordFailure(cancelled.bookingId, 'callCancelled', async () => {
    const calendar = await callCalendarAttachment(cancelled, now);
    await sendBookingEmailOnce(
      cancelled,
      'cancelledEmailSentAt',
      'callCancelled',
      bookingEmails.callCancelled(cancelled, await siteLinks(), noRefundReason),
      now,
      [calendar],
    );
  });
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
    logger.warn('change email failed; support can resend it', {
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
