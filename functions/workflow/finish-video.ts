import { $remove } from 'dynamodb-toolbox';
import { deleteVideo } from '../adapters/video-files.ts';
import { canMoveVideo } from '../core/booking-status.ts';
import { videoKeyFor } from '../core/video-render.ts';
import { changeBookingFromWorkflow, getBooking } from '../data/bookings.ts';
import { sendBookingEmailOnce } from '../email/send-once.ts';
import { bookingEmails } from '../services/booking-emails.ts';
import { siteLinks } from '../services/links.ts';
import { logger } from '../shared/logger.ts';
import { countMetric, metricNames } from '../shared/metrics.ts';
import { workflowTask } from './task.ts';

/**
 * Ends the video stage. `made`: the booking's video is `completed` at its key, then the parent
 * gets the video-ready email. `failed` (the render and its one retry failed or timed out): the
 * video is `failed` — the call itself stays completed — and the parent is told that the audio is
 * safe and the video can be tried again. Nothing is written or sent after an erase, and a video that a
 * render wrote after it is deleted.
 *
 * Idempotent: the status is written only while the render is still open (a retried step finds
 * it written), and each email is claimed on the booking before it is sent.
 */
export const handler = workflowTask(
  'FinishVideo',
  async ({ bookingId, version, outcome, error }) => {
    const booking = await getBooking(bookingId);
    if (booking.dataErasedAt) {
      // Erased while the render ran: what it wrote after the erase goes too.
      await deleteVideo(videoKeyFor(bookingId));
      logger.info('video of erased child data deleted', { bookingId, outcome });
      return {};
    }
    if (outcome === 'skipped') {
      logger.info('no video to finish', { bookingId, outcome });
      return {};
    }
    const to = outcome === 'made' ? 'completed' : 'failed';
    if (booking.videoStatus !== to && !canMoveVideo(booking.videoStatus, to)) {
      // Settled otherwise meanwhile (made by another run, or asked for again): nothing to say.
      logger.info('video already settled', {
        bookingId,
        videoStatus: booking.videoStatus,
        outcome,
      });
      return {};
    }
    if (booking.videoStatus !== to) {
      await changeBookingFromWorkflow(
        booking,
        version,
        to === 'completed'
          ? { videoStatus: to, videoKey: videoKeyFor(bookingId) }
          : { videoStatus: to, videoRenderId: $remove() },
        {
          type: to === 'completed' ? 'video_made' : 'video_not_made',
          detail: {
            attempts: String(booking.videoRenderAttempts ?? 0),
            ...(error ? { error } : {}),
          },
        },
      );
      // Once per video: a repeat finds the status moved and skips this write.
      countMetric(to === 'completed' ? metricNames.rendersCompleted : metricNames.rendersFailed);
    }
    const current = { ...booking, videoStatus: to } as const;
    if (to === 'completed') {
      await sendBookingEmailOnce(
        current,
        'videoReadyEmailSentAt',
        'videoReady',
        bookingEmails.videoReady(current, await siteLinks()),
      );
    } else {
      await sendBookingEmailOnce(
        current,
        'videoNotMadeEmailSentAt',
        'videoNotMade',
        bookingEmails.videoNotMade(current, await siteLinks()),
      );
    }
    return {};
  },
);
