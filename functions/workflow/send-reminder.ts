import { getBooking } from '../data/bookings.ts';
import { sendBookingEmailOnce } from '../email/send-once.ts';
import { bookingEmails } from '../services/booking-emails.ts';
import { siteLinks } from '../services/links.ts';
import { workflowTask } from './task.ts';

/** The reminder an hour before the call, sent once however often this step runs. */
export const handler = workflowTask('SendReminder', async ({ bookingId }) => {
  const booking = await getBooking(bookingId);
  await sendBookingEmailOnce(
    booking,
    'reminderSentAt',
    'callReminder',
    bookingEmails.callReminder(booking, await siteLinks()),
  );
  return {};
});
