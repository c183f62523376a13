import { videoExists } from '../adapters/video-files.ts';
import { answerVideoTask, failVideoTask } from '../adapters/workflow-callbacks.ts';
import { appendAuditEvent } from '../data/audit-trail.ts';
import {
  claimVideoRenderSettlement,
  findVideoRenderToken,
  releaseVideoRenderSettlement,
} from '../data/video-renders.ts';
import { taskErrors } from '../schemas/workflow-contract.ts';

/** What a renderer reported about one render (Remotion's webhook, read by our own schema). */
export interface VideoRenderReport {
  readonly renderId: string;
  /** From the render's custom data: whose video, which attempt, when it started (ISO). */
  readonly bookingId: string;
  readonly attempt: number;
  readonly startedAt: string;
  readonly outcome: 'success' | 'error' | 'timeout';
  /** How many errors the renderer listed (none on success). */
  readonly errorCount: number;
}

/** What became of a report: see `settleVideoRender`. */
export type VideoRenderSettlement = 'settled' | 'already_settled' | 'unknown';

/**
 * Hands a renderer's report to the workflow task that waits for it: success answers "Make the
 * video" — once the video is really at the render's key (a success without the file counts as
 * a failure) — and an error or a timeout fails it with `VideoRenderFailed` (its Retry renders
 * once more, then the video is `failed`).
 *
 * Idempotent: the report settles the token parked for its booking and attempt once (a
 * conditional write); a repeat — the renderer retrying its webhook, a replay — finds it settled
 * and changes nothing. A report that could not be handed over is un-settled and the error
 * thrown, so the renderer's retry delivers it.
 *
 * @returns `settled` the first time; `already_settled` for a repeat, or when the workflow had
 *   moved on (the task timed out or its run ended); `unknown` when no render of that booking and
 *   attempt waits (a render started elsewhere, or long gone)
 */
export async function settleVideoRender(
  report: VideoRenderReport,
  now = new Date(),
): Promise<VideoRenderSettlement> {
  const token = await findVideoRenderToken(report.bookingId, report.attempt);
  if (!token) return 'unknown';
  if (token.settledAt) return 'already_settled';
  const claimed = await claimVideoRenderSettlement(
    report.bookingId,
    report.attempt,
    report.renderId,
    now,
  );
  if (!claimed) return 'already_settled';
  let delivered: boolean;
  let outcome: VideoRenderReport['outcome'] | 'missing' = report.outcome;
  try {
    // "Success" is believed only with the file where the render was told to write it.
    if (outcome === 'success' && !(await videoExists(token.outKey))) outcome = 'missing';
    delivered =
      outcome === 'success'
        ? await answerVideoTask(token.taskToken, { outcome: 'made', renderId: report.renderId })
        : await failVideoTask(
            token.taskToken,
            taskErrors.videoRenderFailed,
            outcome === 'missing'
              ? `The renderer reported success for render ${report.renderId}, but no video is at its key.`
              : `The renderer reported ${outcome} for render ${report.renderId} (${report.errorCount} errors).`,
          );
  } catch (error) {
    await releaseVideoRenderSettlement(report.bookingId, report.attempt);
    throw error;
  }
  await appendAuditEvent(report.bookingId, {
    type: 'video_render_reported',
    detail: {
      attempt: String(report.attempt),
      renderId: report.renderId,
      outcome,
      ...(delivered ? {} : { note: 'the workflow had moved on' }),
    },
  });
  return delivered ? 'settled' : 'already_settled';
}
