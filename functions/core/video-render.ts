import type { BookingRecord } from './booking.ts';
import { stillOwed } from './booking.ts';

/**
 * Where a booking's video lives in the private videos bucket: one key per booking, so a render
 * that is repeated (a retry, a second webhook) overwrites the same object and never leaves two.
 */
export function videoKeyFor(bookingId: string): string {
  // Under `videos/`, the only prefix the renderer may write (`renderedVideoKeyPrefix`).
  return `videos/${bookingId}/santa-call.mp4`;
}

/** What the "Make the video" step does with the booking as stored. */
export type VideoRenderDecision =
  /** Start render number `attempt` (claimed on the booking before the renderer is asked). */
  | { readonly action: 'render'; readonly attempt: number; readonly outKey: string }
  /** The video exists already (a run resumed after the render finished): answer at once. */
  | { readonly action: 'already_made' }
  /** Nothing to make: not bought, no saved audio, or the child's data was erased. */
  | { readonly action: 'skip' };

/**
 * Decides the render step: every invocation of it (the first, Step Functions' one retry after
 * a failed or timed-out render, a run resumed by the reconciler) starts a new numbered attempt,
 * unless the video is made already or is not owed.
 */
export function decideVideoRender(
  booking: Pick<
    BookingRecord,
    | 'bookingId'
    | 'purchaseRecording'
    | 'videoStatus'
    | 'videoKey'
    | 'audioKey'
    | 'dataErasedAt'
    | 'videoRenderAttempts'
  >,
): VideoRenderDecision {
  if (booking.videoStatus === 'completed' && booking.videoKey && !booking.dataErasedAt) {
    return { action: 'already_made' };
  }
  if (!stillOwed.video(booking)) return { action: 'skip' };
  return {
    action: 'render',
    attempt: (booking.videoRenderAttempts ?? 0) + 1,
    outKey: videoKeyFor(booking.bookingId),
  };
}

/** How long after its start a render's report is believed, and how far ahead of our clock. */
export const renderReportWindow = { maxAgeSeconds: 2 * 60 * 60, maxAheadSeconds: 5 * 60 } as const;

/**
 * Whether a renderer's report about a render started at `startedAt` (ISO, from the render's
 * custom data) is timely: Remotion's webhook carries no timestamp of its own, so the render's
 * start bounds it — older than the longest render plus its retries is a replay, later than
 * our clock allows is forged or skewed.
 */
export function isTimelyRenderReport(startedAt: string, now: Date): boolean {
  const started = Date.parse(startedAt);
  if (Number.isNaN(started)) return false;
  const ageSeconds = (now.getTime() - started) / 1000;
  return (
    ageSeconds <= renderReportWindow.maxAgeSeconds &&
    -ageSeconds <= renderReportWindow.maxAheadSeconds
  );
}

/** Why a video cannot be asked for (again) now; each is a 409 the parent can read. */
export type VideoRequestProblem =
  | 'call_not_completed'
  | 'no_recording'
  | 'data_erased'
  | 'already_made'
  | 'being_made';

/**
 * Whether the parent may ask for the call's video now — bought after the call, or tried again
 * after a failed render: only for a completed call whose audio is saved and not erased, and not
 * while a video exists or is being made.
 *
 * @returns the problem, or undefined when the video can be asked for
 */
export function videoRequestProblem(
  booking: Pick<BookingRecord, 'callStatus' | 'audioKey' | 'dataErasedAt' | 'videoStatus'>,
): VideoRequestProblem | undefined {
  if (booking.callStatus !== 'completed') return 'call_not_completed';
  if (booking.dataErasedAt) return 'data_erased';
  if (!booking.audioKey) return 'no_recording';
  if (booking.videoStatus === 'completed') return 'already_made';
  if (booking.videoStatus === 'pending' || booking.videoStatus === 'processing') {
    return 'being_made';
  }
  return undefined;
}

/**
 * A run of the booking workflow that makes the video after the call (a later purchase, a
 * retry): its own name per run (`booking-<id>-v<version>-video<run>`), due at once. The run
 * decides from the booking, which says `render_video`.
 */
export function videoRunName(bookingId: string, version: number, run: number): string {
  return `booking-${bookingId}-v${version}-video${run}`;
}
