import { signedAudioUrl } from '../adapters/call-records.ts';
import { signedVideoUrl } from '../adapters/video-files.ts';
import { attachmentDisposition, downloadFileName } from '../core/download-name.ts';
import type { Booking } from '../data/bookings.ts';

/** Media links live minutes, not days: a forwarded link stops working soon after. */
export const mediaLinkSeconds = 15 * 60;

/** A playable link and a download link to one media object, and when both stop working. */
export interface MediaLinks {
  readonly url: string;
  readonly downloadUrl: string;
  /** ISO 8601. */
  readonly expiresAt: string;
}

const expiry = (now: Date) => new Date(now.getTime() + mediaLinkSeconds * 1000).toISOString();

/**
 * Presigned links to the call's audio (MP3, recordings bucket), or undefined when the booking
 * has no audio (not called yet, or erased). The download is named after the child.
 */
export async function audioLinks(
  booking: Pick<Booking, 'audioKey' | 'childName' | 'dataErasedAt'>,
  now = new Date(),
): Promise<MediaLinks | undefined> {
  if (!booking.audioKey || booking.dataErasedAt) return undefined;
  const key = booking.audioKey;
  const [url, downloadUrl] = await Promise.all([
    signedAudioUrl(key, mediaLinkSeconds),
    signedAudioUrl(
      key,
      mediaLinkSeconds,
      attachmentDisposition(downloadFileName(booking.childName, 'mp3')),
    ),
  ]);
  return { url, downloadUrl, expiresAt: expiry(now) };
}

/**
 * Presigned links to the rendered video (MP4, videos bucket) once `videoStatus` is completed
 * and its key recorded; undefined otherwise (and after an erase).
 */
export async function videoLinks(
  booking: Pick<Booking, 'videoStatus' | 'videoKey' | 'childName' | 'dataErasedAt'>,
  now = new Date(),
): Promise<MediaLinks | undefined> {
  if (booking.videoStatus !== 'completed' || !booking.videoKey || booking.dataErasedAt) {
    return undefined;
  }
  const key = booking.videoKey;
  const [url, downloadUrl] = await Promise.all([
    signedVideoUrl(key, mediaLinkSeconds),
    signedVideoUrl(
      key,
      mediaLinkSeconds,
      attachmentDisposition(downloadFileName(booking.childName, 'mp4')),
    ),
  ]);
  return { url, downloadUrl, expiresAt: expiry(now) };
}
