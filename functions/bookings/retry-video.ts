import { ConflictError } from '../core/errors.ts';
import { listAuditEvents } from '../data/audit-trail.ts';
import { findBooking } from '../data/bookings.ts';
import { bookingView } from '../services/booking-view.ts';
import { startVideoRun } from '../services/video-run.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { logger } from '../shared/logger.ts';
import { authorizedBooking } from './authorize.ts';

/**
 * POST /api/calls/{callId}/video/retry with the booking's access token: "Try again" after the
 * video's render failed. Starts a new render run (`startVideoRun`) and answers 202 with the
 * booking view. 409 when there is no failed video to retry (not bought, not failed, erased).
 */
export const handler = httpHandler(async (event) => {
  const booking = await authorizedBooking(event);
  if (booking.dataErasedAt || !booking.audioKey) {
    throw new ConflictError('no_recording', 'This call has no recording to make a video from.');
  }
  if (!booking.purchaseRecording) {
    throw new ConflictError(
      'recording_not_bought',
      'The video comes with the recording: get it first.',
    );
  }
  if (booking.videoStatus !== 'failed') {
    throw new ConflictError(
      'video_not_failed',
      booking.videoStatus === 'completed'
        ? 'The video is ready: there is nothing to try again.'
        : 'The video is being made: there is nothing to try again yet.',
    );
  }
  await startVideoRun(booking, 'retry');
  logger.info('video render retried', { bookingId: booking.bookingId });
  const current = (await findBooking(booking.bookingId)) ?? booking;
  return jsonResponse(202, bookingView(current, await listAuditEvents(booking.bookingId)));
});
