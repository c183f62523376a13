import { appSecrets } from '../config/secrets.ts';
import { loadWorkflowConfig } from '../config/workflow-config.ts';
import { getBooking } from '../data/bookings.ts';
import { sendBookingEmailOnce } from '../email/send-once.ts';
import { bookingEmails } from '../services/booking-emails.ts';
import { workflowTask } from './task.ts';

const config = loadWorkflowConfig();

/** The reminder an hour before the call, sent once however often this step runs. */
export const handler = workflowTask('SendReminder', async ({ bookingId }) => {
  const booking = await getBooking(bookingId);
  const { accessTokenSecret } = await appSecrets();
  await sendBookingEmailOnce(
    booking,
    'reminderSentAt',
    'callReminder',
    bookingEmails.callReminder(booking, { publicSiteUrl: config.publicSiteUrl, accessTokenSecret }),
  );
  return {};
});
