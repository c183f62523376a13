import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { readTranscript, type StoredTranscript } from '../adapters/call-records.ts';
import { createS3Client } from '../adapters/s3-client.ts';
import { requireEnv } from '../config/env.ts';
import type { Booking } from '../data/bookings.ts';
import { envNames } from '../resources.ts';

const s3 = createS3Client();
/** Media links live minutes, not days: a forwarded page stops working soon after. */
const linkSeconds = 15 * 60;

export interface CallMedia {
  readonly transcript?: StoredTranscript['turns'];
  readonly durationSecs?: number;
  /** The call's audio, when the recording was bought: a short-lived private link. */
  readonly audioUrl?: string;
  /** The same audio, served as a file download (Content-Disposition: attachment). */
  readonly downloadUrl?: string;
  readonly linksExpireAt?: string;
}

/** The finished call's transcript, and a short-lived link to its audio if it was bought. */
export async function callMedia(booking: Booking): Promise<CallMedia> {
  if (booking.callStatus !== 'completed' || !booking.transcriptKey) return {};
  const bucket = requireEnv(envNames.buckets.recordings);
  const transcript = await readTranscript(booking.transcriptKey);
  const audio = (disposition?: string) =>
    getSignedUrl(
      s3,
      new GetObjectCommand({
        Bucket: bucket,
        Key: booking.audioKey,
        ...(disposition ? { ResponseContentDisposition: disposition } : {}),
      }),
      { expiresIn: linkSeconds },
    );
  const bought = booking.purchaseRecording && booking.audioKey;
  const [audioUrl, downloadUrl] = bought
    ? await Promise.all([audio(), audio('attachment; filename="santa-call.mp3"')])
    : [undefined, undefined];
  return {
    transcript: transcript.turns,
    durationSecs: transcript.durationSecs,
    ...(audioUrl && downloadUrl
      ? {
          audioUrl,
          downloadUrl,
          linksExpireAt: new Date(Date.now() + linkSeconds * 1000).toISOString(),
        }
      : {}),
  };
}
