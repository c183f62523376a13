import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createS3Client } from '../adapters/s3-client.ts';
import { requireEnv } from '../config/env.ts';
import { changeBookingFromWorkflow, getBooking } from '../data/bookings.ts';
import { envNames } from '../resources.ts';
import { callRecordKeys, type StoredTranscript } from './call-records.ts';
import { elevenLabs } from './elevenlabs.ts';
import { runInput } from './run-input.ts';

const s3 = createS3Client();

/**
 * Saves a completed call: the transcript as JSON and the audio, fetched from ElevenLabs'
 * conversation-audio endpoint (the audio webhook can exceed Lambda's payload limit), into the
 * private recordings bucket. Retries overwrite the same keys; the booking completes once.
 */
export async function handler(event: unknown) {
  const { bookingId, version } = runInput.parse(event);
  const booking = await getBooking(bookingId);
  if (!booking.conversationId) throw new Error('A completed call has no conversation id.');
  const client = await elevenLabs();
  const [conversation, audio] = await Promise.all([
    client.getConversation(booking.conversationId),
    client.downloadConversationAudio(booking.conversationId),
  ]);
  const keys = callRecordKeys(bookingId);
  const transcript: StoredTranscript = {
    conversationId: booking.conversationId,
    durationSecs: conversation.durationSecs ?? 0,
    turns: conversation.transcript.map((turn) => ({
      role: turn.role === 'agent' ? 'santa' : 'child',
      message: turn.message,
      timeInCallSecs: turn.timeInCallSecs,
    })),
  };
  const bucket = requireEnv(envNames.buckets.recordings);
  await Promise.all([
    s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: keys.transcript,
        Body: JSON.stringify(transcript),
        ContentType: 'application/json',
      }),
    ),
    s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: keys.audio,
        Body: audio,
        ContentType: 'audio/mpeg',
      }),
    ),
  ]);
  if (booking.callStatus !== 'completed') {
    await changeBookingFromWorkflow(
      booking,
      version,
      {
        callStatus: 'completed',
        lastOutcome: 'completed',
        transcriptKey: keys.transcript,
        audioKey: keys.audio,
        callDurationSecs: transcript.durationSecs,
      },
      {
        type: 'call_completed',
        detail: {
          conversationId: booking.conversationId,
          durationSecs: String(transcript.durationSecs),
          audioBytes: String(audio.length),
        },
      },
    );
  }
  return { saved: true };
}
