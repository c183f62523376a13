import { readTranscript } from '../adapters/call-records.ts';
import { bookingChildren } from '../core/children.ts';
import { turnSpeakers } from '../core/transcript-speakers.ts';
import type { Booking } from '../data/bookings.ts';
import type { CallMedia } from '../schemas/api/booking-view.ts';
import { audioLinks, videoLinks } from './media-links.ts';

export type { CallMedia };

/**
 * The finished call's transcript, its child turns named by child where certain (`speaker`,
 * `functions/core/transcript-speakers.ts`), and, if the recording was bought, short-lived (15 min) links
 * to its audio and — once rendered — its video, each also as a download.
 */
export async function callMedia(booking: Booking): Promise<CallMedia> {
  if (booking.callStatus !== 'completed' || !booking.transcriptKey) return {};
  const bought = booking.purchaseRecording;
  const [transcript, audio, video] = await Promise.all([
    readTranscript(booking.transcriptKey),
    bought ? audioLinks(booking) : undefined,
    bought ? videoLinks(booking) : undefined,
  ]);
  const speakers = turnSpeakers(
    transcript.turns,
    bookingChildren(booking).map((child) => child.name),
  );
  return {
    transcript: transcript.turns.map((turn, index) => {
      const speaker = speakers[index];
      return speaker ? { ...turn, speaker } : turn;
    }),
    durationSecs: transcript.durationSecs,
    ...(audio ? { audioUrl: audio.url, downloadUrl: audio.downloadUrl } : {}),
    ...(video ? { videoUrl: video.url, videoDownloadUrl: video.downloadUrl } : {}),
    ...(audio ? { linksExpireAt: audio.expiresAt } : {}),
  };
}
