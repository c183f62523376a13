import { GetObjectCommand } from '@aws-sdk/client-s3';
import { createS3Client } from '../adapters/s3-client.ts';
import { requireEnv } from '../config/env.ts';
import { appSecrets } from '../config/secrets.ts';
import { loadWorkflowConfig } from '../config/workflow-config.ts';
import { accessTokenFor } from '../core/access-token.ts';
import { getBooking } from '../data/bookings.ts';
import { sendBookingEmailOnce } from '../email/send-once.ts';
import { envNames } from '../resources.ts';
import type { StoredTranscript } from './call-records.ts';
import { runInput } from './run-input.ts';

const s3 = createS3Client();
const config = loadWorkflowConfig();

/**
 * The transcript email, once. When the recording was bought it links to the private,
 * token-protected recording page. (The video stage will send its own email when it lands.)
 */
export async function handler(event: unknown) {
  const { bookingId } = runInput.parse(event);
  const booking = await getBooking(bookingId);
  if (!booking.transcriptKey) throw new Error('The call has no saved transcript.');
  const object = await s3.send(
    new GetObjectCommand({
      Bucket: requireEnv(envNames.buckets.recordings),
      Key: booking.transcriptKey,
    }),
  );
  const transcript = JSON.parse(
    (await object.Body?.transformToString()) ?? '{}',
  ) as StoredTranscript;
  const { accessTokenSecret } = await appSecrets();
  const recordingUrl = booking.purchaseRecording
    ? `${config.publicSiteUrl}/recording/${bookingId}#token=${accessTokenFor(bookingId, accessTokenSecret)}`
    : undefined;
  await sendBookingEmailOnce(booking, 'transcriptEmailSentAt', 'callTranscript', {
    childName: booking.childName,
    callAtUtc: booking.scheduledAt,
    timezone: booking.timezone,
    durationSecs: transcript.durationSecs,
    transcript: transcript.turns.map(({ role, message }) => ({ role, message })),
    ...(recordingUrl ? { recordingUrl } : {}),
  });
  return { sent: true };
}
