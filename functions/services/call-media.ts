import { readTranscript, signedAudioUrl } from '../adapters/call-records.ts';
import type { Booking } from '../data/bookings.ts';
import type { CallMedia } from '../schemas/api/booking-view.ts';

/** Media links live minutes, not days: a forwarded page stops working soon after. */
const linkSeconds = 15 * 60;

export type { CallMedia };

/** The finished call's transcript, and a short-lived link to its audio if it was bought. */
export async function callMedia(booking: Booking): Promise<CallMedia> {
  if (booking.callStatus !== 'completed' || !booking.transcriptKey) return {};
  const transcript = await readTranscript(booking.transcriptKey);
  const audio = (disposition?: string) =>
    signedAudioUrl(booking.audioKey ?? '', linkSeconds, disposition);
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
