import { videoRenderer } from '../adapters/video-renderer.ts';
import type { Booking } from '../data/bookings.ts';
import { logger } from '../shared/logger.ts';

/**
 * How far the booking's video is, in whole percent (0–100), for the status and recording pages:
 * 100 once made, the renderer's own progress while a render runs (Remotion's
 * `getRenderProgress`; the local render service's), 0 while it waits to start; null when no
 * video is bought or it failed. A renderer that cannot say right now gives null, never an error:
 * the page simply asks again.
 */
export async function videoProgressOf(
  booking: Pick<Booking, 'bookingId' | 'videoStatus' | 'videoRenderId'>,
): Promise<number | null> {
  switch (booking.videoStatus) {
    case 'completed':
      return 100;
    case 'pending':
      return 0;
    case 'not_requested':
    case 'failed':
      return null;
    case 'processing':
      break;
  }
  if (!booking.videoRenderId) return 0;
  try {
    const progress = await videoRenderer().progress(booking.videoRenderId);
    // A finished render is 100 only once the workflow has recorded the video.
    return Math.min(99, Math.max(0, Math.floor(progress.fraction * 100)));
  } catch (error) {
    logger.warn('could not read the render progress', { bookingId: booking.bookingId, error });
    return null;
  }
}
