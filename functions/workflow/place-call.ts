import type { ElevenLabsAdapter } from '../adapters/elevenlabs.ts';
import { elevenLabs } from '../adapters/elevenlabs-account.ts';
import { answerCallTask } from '../adapters/workflow-callbacks.ts';
import { santaLanguageOverride } from '../agent/language-override.ts';
import { loadBookingConfig } from '../config/booking-config.ts';
import { loadWorkflowConfig } from '../config/workflow-config.ts';
import { callStartLatenessSeconds } from '../core/call-lateness.ts';
import { callingWindowAt } from '../core/calling-hours.ts';
import {
  type Booking,
  changeBookingFromWorkflow,
  claimDial,
  forgetDialMarker,
  getBooking,
} from '../data/bookings.ts';
import { claimStartSecond, keepCallLine } from '../data/call-lines.ts';
import { findEarlyCallReport, parkCallTokenTransaction } from '../data/call-tokens.ts';
import { taskErrors } from '../schemas/workflow-contract.ts';
import { logger } from '../shared/logger.ts';
import { countMetric, metricNames, recordSeconds } from '../shared/metrics.ts';
import { santaCallVariables } from './call-variables.ts';
import { TaskError, workflowTask } from './task.ts';

const workflow = loadWorkflowConfig();
const { rules } = loadBookingConfig();

/** How long the phone may ring before the attempt counts as unanswered (a stage setting). */
const ringingTimeoutSecs = rules.ringSeconds;

/** The idempotency marker of one dial: it travels with the call, so a look-up can find it. */
const dialMarkerFor = (bookingId: string, attempt: number) => `booking-${bookingId}-a${attempt}`;

const overtaken = () =>
  new TaskError(taskErrors.bookingOvertaken, 'The booking changed since this run started.');

/**
 * Rings the parent's phone — never twice for one attempt — and parks the workflow's task token
 * under the conversation id for the ElevenLabs webhook to answer.
 *
 * Idempotency: before the request, the attempt's marker (`booking-<id>-a<n>`) is recorded on
 * the booking and sent with the call. A later try of the same attempt (a Lambda retry after a
 * timeout or a 5xx, or a run started again after a crash) first asks ElevenLabs for a
 * conversation carrying that marker and adopts it; it dials again only once ElevenLabs has had
 * `DIAL_SETTLE_SECONDS` to list it and has not. A try that finds the call already recorded
 * (`in_progress`) only parks its new token.
 *
 * @throws TaskError BookingOvertaken (rescheduled or cancelled), OutsideCallingHours (hours
 *   closed while waiting for a line), DialUnconfirmed (retry later); ElevenLabs errors by name
 */
export const handler = workflowTask('PlaceCall', async ({ bookingId, version, taskToken }) => {
  const booking = await getBooking(bookingId);
  if (booking.version !== version) throw overtaken();
  const now = new Date();
  if (booking.callStatus === 'in_progress' && booking.conversationId) {
    await parkTokenAgain(booking, version, booking.conversationId, taskToken, now);
    await keepCallLine(bookingId, workflow.lines);
    await answerIfReportedEarly(booking.conversationId, taskToken);
    logger.info('call already placed; token parked again', { bookingId });
    return {};
  }
  if (booking.callStatus !== 'queued') throw overtaken();
  const attempt = booking.attempts + 1;
  const marker = dialMarkerFor(bookingId, attempt);
  const client = await elevenLabs();
  // An earlier try of this attempt claimed a dial: it may have reached ElevenLabs.
  const earlierDial = booking.dialMarker === marker ? booking.dialStartedAt : undefined;
  let conversationId: string | undefined;
  if (earlierDial) {
    conversationId = await client.findDialedConversation({
      dialMarker: marker,
      since: lookUpFrom(new Date(earlierDial)),
    });
    const settledAt = Date.parse(earlierDial) + workflow.dialSettleSeconds * 1000;
    if (!conversationId && now.getTime() < settledAt) {
      throw new TaskError(taskErrors.dialUnconfirmed, 'An earlier dial is not listed yet.');
    }
    if (conversationId) logger.info('earlier dial found; adopting it', { bookingId, attempt });
  }
  let dialAt = now;
  if (!conversationId) {
    // A new dial takes its second in the start pace (Twilio's calls per second) and waits for
    // it; hours and the dial claim are judged after that wait.
    await waitUntil(await claimStartSecond(workflow.lines));
    // The dial's own time, after the wait: its claim starts the settle window, which must not
    // be shortened by the seconds spent waiting for the start pace (a re-dial could ring twice).
    dialAt = new Date();
    // Hours are judged only before a new dial: a dial an earlier try made is adopted whatever
    // the clock says now, or a call that rang would be recorded as never placed.
    if (!callingWindowAt(dialAt, booking.timezone, rules).open) {
      throw new TaskError(
        taskErrors.outsideCallingHours,
        'Calling hours closed before a line came.',
      );
    }
    // Claim this dial before the request: a re-dial restarts the settle window, so no later
    // try can dial again before ElevenLabs has had its time to list this one.
    const claim = { marker, attempt, ...(earlierDial ? { previousStartedAt: earlierDial } : {}) };
    if (!(await claimDial(booking, version, claim, dialAt))) {
      throw new TaskError(taskErrors.dialUnconfirmed, 'Another try of this dial is under way.');
    }
  }
  const placed = conversationId ?? (await dial(client, booking, marker, dialAt, attempt));
  await recordCallPlaced(booking, version, placed, taskToken, attempt, dialAt);
  // The lease runs from the dial: the call keeps its line for the whole wait for its outcome.
  await keepCallLine(bookingId, workflow.lines);
  await answerIfReportedEarly(placed, taskToken);
  logger.info('call placed', { bookingId, conversationId: placed, attempt });
  // Counted by the try that recorded the dial (an adopted dial is counted by no other try
  // that got this far: the next finds the call `in_progress` and only parks its token).
  countMetric(metricNames.callsPlaced);
  const lateness = conversationId
    ? undefined
    : callStartLatenessSeconds(booking.scheduledAt, dialAt, attempt);
  if (lateness !== undefined) recordSeconds(metricNames.callStartLatenessSeconds, lateness);
  return {};
});

/** Sleeps until `epochMs` (no more than the dispatcher's pace bound; past instants: none). */
async function waitUntil(epochMs: number): Promise<void> {
  const ms = Math.min(epochMs - Date.now(), workflow.lines.maxPaceMs);
  if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Look-ups start a minute before the dial: ElevenLabs' start time and ours differ a little. */
const lookUpFrom = (dialledAt: Date) => new Date(dialledAt.getTime() - 60_000);

/**
 * A busy line can report before the token is parked: the webhook then keeps the outcome, and
 * this step, having parked the token, answers its own task with it (the webhook looks for the
 * token again after keeping the outcome, so one of the two always delivers it; a second answer
 * finds the task settled and changes nothing).
 */
async function answerIfReportedEarly(conversationId: string, taskToken: string): Promise<void> {
  const early = await findEarlyCallReport(conversationId);
  if (!early) return;
  await answerCallTask(taskToken, { outcome: early.outcome, conversationId });
  logger.info('call outcome had come before the token was parked', { conversationId });
}

/** Asks ElevenLabs to ring; settles an ambiguous answer by looking the marker up. */
async function dial(
  client: ElevenLabsAdapter,
  booking: Booking,
  marker: string,
  now: Date,
  attempt: number,
) {
  const variables = santaCallVariables(booking, now);
  try {
    const placed = await client.placeOutboundCall({
      toNumber: booking.phoneNumber,
      dynamicVariables: variables,
      languageOverride: santaLanguageOverride(variables.call_language, variables.child_count),
      dialMarker: marker,
      ringingTimeoutSecs,
    });
    return placed.conversationId;
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    const known = (error as { conversationId?: unknown }).conversationId;
    if (
      name === taskErrors.elevenLabsTooManyRequests ||
      name === taskErrors.elevenLabsRequestRejected
    ) {
      // Certainly not placed: forget the marker so the next try dials without waiting.
      await forgetDialMarker(booking.bookingId, marker).catch(() => undefined);
      throw error;
    }
    if (typeof known === 'string' && known) return known;
    // A timeout, a 5xx or an answer without a call id: the call may be ringing. Ask.
    const found = await client
      .findDialedConversation({ dialMarker: marker, since: lookUpFrom(now) })
      .catch(() => undefined);
    if (found) return found;
    logger.warn('dial outcome unknown; will ask again before any new dial', {
      bookingId: booking.bookingId,
      attempt,
      error: name,
    });
    throw new TaskError(taskErrors.dialUnconfirmed, 'ElevenLabs did not confirm the dial.', {
      cause: error,
    });
  }
}

/** The token's write, to join the booking change it belongs with in one transaction. */
function tokenWrite(
  booking: Booking,
  conversationId: string,
  taskToken: string,
  attempt: number,
  now: Date,
) {
  return parkCallTokenTransaction({
    conversationId,
    bookingId: booking.bookingId,
    taskToken,
    attempt,
    now,
  });
}

/**
 * Records the call as placed and parks the task token under its conversation id, in one
 * transaction: the webhook finds the token exactly when the booking says `in_progress`.
 */
async function recordCallPlaced(
  booking: Booking,
  version: number,
  conversationId: string,
  taskToken: string,
  attempt: number,
  now: Date,
): Promise<void> {
  await changeBookingFromWorkflow(
    booking,
    version,
    { callStatus: 'in_progress', conversationId, attempts: attempt },
    { type: 'call_placed', detail: { conversationId, attempt: String(attempt) } },
    {
      expectUnchangedStatus: true,
      alongside: [tokenWrite(booking, conversationId, taskToken, attempt, now)],
    },
  );
}

/** A call already recorded as placed gets this try's token (the workflow retried the task). */
async function parkTokenAgain(
  booking: Booking,
  version: number,
  conversationId: string,
  taskToken: string,
  now: Date,
): Promise<void> {
  await changeBookingFromWorkflow(
    booking,
    version,
    {},
    { type: 'call_token_parked', detail: { conversationId } },
    {
      expectUnchangedStatus: true,
      alongside: [tokenWrite(booking, conversationId, taskToken, booking.attempts, now)],
    },
  );
}
