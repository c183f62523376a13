import { $remove } from 'dynamodb-toolbox';
import { readTranscript } from '../adapters/call-records.ts';
import { changeBookingFromWorkflow, getBooking } from '../data/bookings.ts';
import { sendBookingEmailOnce } from '../email/send-once.ts';
import { bookingEmails } from '../services/booking-emails.ts';
import { siteLinks } from '../services/links.ts';
import { logger } from '../shared/logger.ts';
import { workflowTask } from './task.ts';

/**
 * The transcript email, once (see sendBookingEmailOnce). When the recording was bought it links
 * to the private, token-protected recording page. Nothing is sent about a child whose data was
 * erased. Clears a recorded after-call problem once the email is out.
 */
export const handler = workflowTask('SendTranscriptEmail', async ({ bookingId, version }) => {
  const booking = await getBooking(bookingId);
  if (booking.dataErasedAt) {
    logger.info('child data erased; no transcript email', { bookingId });
    return {};
  }
  if (!booking.transcriptKey) throw new Error('The call has no saved transcript.');
  const transcript = await readTranscript(booking.transcriptKey);
  await sendBookingEmailOnce(
    booking,
    'transcriptEmailSentAt',
    'callTranscript',
    bookingEmails.callTranscript(booking, transcript, await siteLinks()),
  );
  if (booking.afterCallProblem) {
    await changeBookingFromWorkflow(
      booking,
      version,
      { afterCallProblem: $remove() },
      { type: 'after_call_problem_resolved', detail: { problem: booking.afterCallProblem } },
    );
  }
  return {};
});
