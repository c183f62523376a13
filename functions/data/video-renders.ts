import {
  $remove,
  executeTransactWrite,
  GetItemCommand,
  PutTransaction,
  UpdateItemCommand,
  UpdateTransaction,
} from 'dynamodb-toolbox';
import type { AuditEvent } from '../core/booking.ts';
import { auditEventTransaction } from './audit-trail.ts';
import type { Booking } from './bookings.ts';
import { BookingEntity, VideoRenderTokenEntity } from './entities.ts';

/** Parked render tokens are kept two days, far past any render; then TTL removes them. */
const renderTokenLifetimeSeconds = 2 * 24 * 60 * 60;

/** Which items of a cancelled transaction failed their condition. */
function conditionFailed(error: unknown): boolean {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return false;
  const reasons = (error as Error & { CancellationReasons?: { Code?: string }[] })
    .CancellationReasons;
  return reasons?.[0]?.Code === 'ConditionalCheckFailed';
}

/**
 * Claims render `attempt` of a booking's video and parks the task token that waits for it, in
 * one transaction with its audit event: the booking goes `processing` only if no other try
 * claimed this attempt number first (the condition is on the attempt count it saw) and the
 * video was not made meanwhile — a video completed between the caller's read and this write
 * (another run's finish) is never taken back to `processing` (`completed` is final).
 *
 * @returns false when another try claimed the attempt first or the video is made now
 */
export async function claimVideoRender(
  booking: Pick<Booking, 'bookingId' | 'videoRenderAttempts'>,
  render: {
    readonly attempt: number;
    readonly outKey: string;
    readonly taskToken: string;
    readonly now: Date;
  },
): Promise<boolean> {
  const startedAt = render.now.toISOString();
  const event: AuditEvent = {
    type: 'video_render_started',
    detail: { attempt: String(render.attempt) },
  };
  try {
    await executeTransactWrite(
      BookingEntity.build(UpdateTransaction)
        .item({
          bookingId: booking.bookingId,
          videoStatus: 'processing',
          videoRenderAttempts: render.attempt,
          videoRenderStartedAt: startedAt,
          videoRenderId: $remove(),
        })
        .options({
          condition: {
            and: [
              booking.videoRenderAttempts === undefined
                ? { attr: 'videoRenderAttempts', exists: false }
                : { attr: 'videoRenderAttempts', eq: booking.videoRenderAttempts },
              { attr: 'videoStatus', ne: 'completed' },
            ],
          },
        }),
      auditEventTransaction(booking.bookingId, event),
      VideoRenderTokenEntity.build(PutTransaction).item({
        bookingId: booking.bookingId,
        attempt: render.attempt,
        taskToken: render.taskToken,
        outKey: render.outKey,
        startedAt,
        expiresAt: Math.floor(render.now.getTime() / 1000) + renderTokenLifetimeSeconds,
      }),
    );
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
}

/**
 * Claims a video run on the booking: `pending`, its run number and execution name, and a new
 * failure to be told again — only if the video status and run count are still what the caller
 * saw, so two clicks or a repeated webhook claim one run.
 *
 * @returns false when another request claimed it first
 */
export async function claimVideoRun(
  booking: Pick<Booking, 'bookingId' | 'videoStatus' | 'videoRuns'>,
  run: { readonly run: number; readonly executionName: string },
): Promise<boolean> {
  try {
    await BookingEntity.build(UpdateItemCommand)
      .item({
        bookingId: booking.bookingId,
        videoStatus: 'pending',
        videoRuns: run.run,
        executionName: run.executionName,
        videoNotMadeEmailSentAt: $remove(),
      })
      .options({
        condition: {
          and: [
            { attr: 'videoStatus', eq: booking.videoStatus },
            booking.videoRuns === undefined
              ? { attr: 'videoRuns', exists: false }
              : { attr: 'videoRuns', eq: booking.videoRuns },
          ],
        },
      })
      .send();
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** Notes the renderer's id for the render of `attempt` (for progress), if it is still current. */
export async function recordVideoRenderId(
  bookingId: string,
  attempt: number,
  renderId: string,
): Promise<void> {
  try {
    await BookingEntity.build(UpdateItemCommand)
      .item({ bookingId, videoRenderId: renderId })
      .options({ condition: { attr: 'videoRenderAttempts', eq: attempt } })
      .send();
  } catch (error) {
    // A newer attempt took over meanwhile: its id is the one to follow.
    if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
  }
}

/** The token parked for render `attempt` of a booking, read consistently; undefined if none. */
export async function findVideoRenderToken(bookingId: string, attempt: number) {
  const { Item } = await VideoRenderTokenEntity.build(GetItemCommand)
    .key({ bookingId, attempt })
    .options({ consistent: true })
    .send();
  return Item;
}

/**
 * Marks a render's token settled, once: the first report about the render wins, every repeat
 * (Remotion retries its webhook; a replay) finds it settled.
 *
 * @returns false when it was settled before
 */
export async function claimVideoRenderSettlement(
  bookingId: string,
  attempt: number,
  renderId: string,
  now: Date,
): Promise<boolean> {
  try {
    await VideoRenderTokenEntity.build(UpdateItemCommand)
      .item({ bookingId, attempt, renderId, settledAt: now.toISOString() })
      .options({
        condition: {
          and: [
            { attr: 'settledAt', exists: false },
            { attr: 'taskToken', exists: true },
          ],
        },
      })
      .send();
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** Undoes a settlement claim whose answer could not be delivered, so the next report retries. */
export async function releaseVideoRenderSettlement(
  bookingId: string,
  attempt: number,
): Promise<void> {
  await VideoRenderTokenEntity.build(UpdateItemCommand)
    .item({ bookingId, attempt, settledAt: $remove() })
    .send();
}
