import { startWorkflowNow } from '../adapters/booking-workflow-starter.ts';
import { DomainError } from '../core/errors.ts';
import { videoRequestProblem, videoRunName } from '../core/video-render.ts';
import { appendAuditEvent } from '../data/audit-trail.ts';
import type { Booking } from '../data/bookings.ts';
import { claimVideoRun } from '../data/video-renders.ts';
import { logger } from '../shared/logger.ts';

const problemMessages = {
  call_not_completed: 'A video can be made only of a call that took place.',
  no_recording: 'This call has no saved recording to make a video from.',
  data_erased: "This call's recording was erased at your request, so no video can be made.",
  already_made: 'The video of this call is already made.',
  being_made: 'The video of this call is being made; it will be ready in a few minutes.',
} as const;

/**
 * Starts a workflow run that makes the call's video now: after the recording was bought after
 * the call (the payment sets `purchaseRecording` and `videoStatus: pending` first), or when the
 * parent tries a failed video again (`failed → pending`). The run is claimed on the booking —
 * a conditional write on the run count, which also names the execution — so two clicks or a
 * repeated webhook start one run; if starting it fails after the claim, the reconciler finds a
 * `pending` video with no run and starts one.
 *
 * @param why `purchase`: the payment webhook, after it set `pending`; `retry`: the parent asks
 *   again for a `failed` video
 * @returns `already_started` for a repeated purchase whose run was started before
 * @throws DomainError `conflict` with a message for the parent when no video can be asked for
 *   (see `videoRequestProblem`), or when another request claimed the run first
 */
export async function startVideoRun(
  booking: Booking,
  why: 'purchase' | 'retry',
  now = new Date(),
): Promise<'started' | 'already_started'> {
  const current = booking.videoRuns
    ? videoRunName(booking.bookingId, booking.version, booking.videoRuns)
    : undefined;
  if (
    why === 'purchase' &&
    booking.executionName !== undefined &&
    booking.executionName === current
  ) {
    // A repeated (or days-late) payment webhook: its run was started, whatever became of it —
    // a failed video is tried again only when the parent asks.
    return 'already_started';
  }
  // The payment has just put a bought video at `pending`; a retry starts from `failed`.
  const problem =
    why === 'purchase' && booking.videoStatus === 'pending' && booking.purchaseRecording
      ? videoRequestProblem({ ...booking, videoStatus: 'not_requested' })
      : videoRequestProblem(booking);
  if (problem) throw new DomainError('conflict', `video_${problem}`, problemMessages[problem]);
  const run = (booking.videoRuns ?? 0) + 1;
  const executionName = videoRunName(booking.bookingId, booking.version, run);
  if (!(await claimVideoRun(booking, { run, executionName }))) {
    throw new DomainError('conflict', 'video_being_made', problemMessages.being_made);
  }
  await appendAuditEvent(booking.bookingId, {
    type: 'video_run_started',
    detail: { executionName, why, from: booking.videoStatus },
  });
  await startWorkflowNow({
    executionName,
    input: { bookingId: booking.bookingId, callAt: now.toISOString(), version: booking.version },
    startAt: now,
  });
  logger.info('video run started', { bookingId: booking.bookingId, executionName, why });
  return 'started';
}
