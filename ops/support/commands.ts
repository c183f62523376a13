/**
 * The support tool's commands, over the functions' own data access and services. Loaded only
 * after the stage's environment is in place (`main.ts`): the modules below read it when they
 * load (table name, endpoints, stage settings). The actions' services load only when an action
 * runs: they read settings (the site URL, secrets) that `find` and `show` do not need.
 */

import { emailKinds, resendableEmails } from '../../functions/core/email-resend.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../functions/core/errors.ts';
import type { ExecutionState } from '../../functions/core/reconcile.ts';
import { appendAuditEvent, listAuditEvents } from '../../functions/data/audit-trail.ts';
import { bookingIdsByContact } from '../../functions/data/booking-contacts.ts';
import { findBooking, getBooking } from '../../functions/data/bookings.ts';
import { rescheduleRequestSchema } from '../../functions/schemas/booking-request.ts';
import { supportBooking } from './booking-summary.ts';
import { flaggedCriteria } from './call-flags.ts';
import { bookingExecutions, candidateExecutionNames, redriveExecution } from './executions.ts';
import type { FindQuery } from './query.ts';
import { supportCancelRefunds } from './refund-rule.ts';
import type { ActionResult, FoundBooking, ShowView } from './render.ts';
import { executionConsoleUrl, type SupportStage } from './stage.ts';
import { bookingEmailList, mergeTimeline } from './timeline.ts';

/** Who acts and why: recorded on every action's audit event. */
export interface Actor {
  readonly by: string;
  readonly reason: string;
}

export async function find(query: FindQuery): Promise<FoundBooking[]> {
  const ids =
    query.kind === 'bookingId' ? [query.bookingId] : await bookingIdsByContact(query.contactKey);
  const bookings = await Promise.all(ids.map((id) => findBooking(id)));
  return bookings
    .filter((booking) => booking !== undefined)
    .map((booking) => ({
      bookingId: booking.bookingId,
      callStatus: booking.callStatus,
      paymentStatus: booking.paymentStatus,
      scheduledAt: booking.scheduledAt,
      createdAt: booking.createdAt,
    }));
}

/**
 * The booking, its emails, its executions with their histories and everything merged into one
 * timeline. With `reveal`, the child's details and the parent's contact too — and a
 * `support_viewed_personal_data` event records who looked and why.
 */
export async function show(
  bookingId: string,
  stage: SupportStage,
  reveal: { readonly by: string; readonly reason: string } | undefined,
): Promise<ShowView> {
  const booking = await getBooking(bookingId);
  if (reveal) {
    await appendAuditEvent(bookingId, {
      type: 'support_viewed_personal_data',
      detail: { by: reveal.by, reason: reveal.reason },
    });
  }
  const audit = await listAuditEvents(bookingId);
  const executions = await bookingExecutions(
    candidateExecutionNames(booking, audit),
    stage.kind === 'aws' ? (arn) => executionConsoleUrl(stage.region, arn) : undefined,
  );
  const emails = bookingEmailList(booking, audit);
  return {
    booking: supportBooking(booking, reveal !== undefined),
    flaggedCriteria: flaggedCriteria(booking),
    emails: emails.map(({ template, at, messageId }) => ({
      template,
      at,
      ...(messageId ? { messageId } : {}),
    })),
    executions: executions.map((execution) => execution.view),
    timeline: mergeTimeline({
      audit,
      executions: executions.map((execution) => execution.history),
      emails,
    }),
  };
}

/** Records a done action with who and why; the action's own event is already in the trail. */
async function recorded(
  action: string,
  bookingId: string,
  actor: Actor,
  outcome: Record<string, string>,
): Promise<ActionResult> {
  await appendAuditEvent(bookingId, {
    type: 'support_action',
    detail: { action, by: actor.by, reason: actor.reason, ...outcome },
  });
  return { action, bookingId, by: actor.by, reason: actor.reason, outcome };
}

export async function resend(bookingId: string, kind: string, actor: Actor): Promise<ActionResult> {
  const template = emailKinds[kind] ?? resendableEmails.find((name) => name === kind) ?? undefined;
  if (!template) {
    throw new ValidationError(`No email kind "${kind}".`, {
      kind: `One of: ${Object.keys(emailKinds).join(', ')}.`,
    });
  }
  const { resendBookingEmail } = await import('../../functions/services/resend-email.ts');
  const messageId = await resendBookingEmail(await getBooking(bookingId), template, actor.by);
  return recorded('resend', bookingId, actor, { email: template, messageId });
}

/**
 * A failed video's render is tried again (a new render run, as the parent's "Try again"); a
 * failed or timed-out execution is redriven by Step Functions from its failed state where the
 * engine can, else a recovery run is started as the reconciler does.
 *
 * @throws ConflictError `nothing_to_redrive` when no render or execution failed
 */
export async function redrive(bookingId: string, actor: Actor): Promise<ActionResult> {
  const { startVideoRun } = await import('../../functions/services/video-run.ts');
  const { startRecoveryRun } = await import('../../functions/services/recovery-run.ts');
  const booking = await getBooking(bookingId);
  if (booking.videoStatus === 'failed' && booking.purchaseRecording && booking.audioKey) {
    await startVideoRun(booking, 'retry');
    return recorded('redrive', bookingId, actor, { what: 'video_render' });
  }
  const audit = await listAuditEvents(bookingId);
  const executions = await bookingExecutions(candidateExecutionNames(booking, audit));
  const latest = executions.at(-1)?.view;
  if (!latest || !['FAILED', 'TIMED_OUT', 'ABORTED'].includes(latest.status)) {
    throw new ConflictError(
      'nothing_to_redrive',
      latest
        ? `The latest execution (${latest.name}) is ${latest.status}: nothing failed to redrive.`
        : 'The booking has no execution to redrive.',
    );
  }
  if (await redriveExecution(latest.executionArn)) {
    return recorded('redrive', bookingId, actor, {
      what: 'execution',
      executionName: latest.name,
      how: 'RedriveExecution',
    });
  }
  const executionName = await startRecoveryRun(
    booking,
    latest.status as ExecutionState,
    'support redrive',
    new Date(),
    { by: actor.by },
  );
  if (!executionName) {
    throw new ConflictError('booking_changed', 'The booking changed meanwhile: show it again.');
  }
  return recorded('redrive', bookingId, actor, {
    what: 'execution',
    failedExecution: latest.name,
    how: 'recovery_run',
    executionName,
  });
}

export async function reschedule(
  bookingId: string,
  at: string,
  timezone: string | undefined,
  actor: Actor,
): Promise<ActionResult> {
  const request = rescheduleRequestSchema.safeParse({
    scheduledAt: at,
    ...(timezone ? { timezone } : {}),
  });
  if (!request.success) {
    throw new ValidationError('That is not a call time.', {
      at: request.error.issues[0]?.message ?? 'Give an ISO date and time.',
    });
  }
  const { rescheduleCall } = await import('../../functions/services/reschedule-call.ts');
  const before = await getBooking(bookingId);
  const moved = await rescheduleCall(before, request.data, 'support');
  return recorded('reschedule', bookingId, actor, {
    from: before.scheduledAt,
    to: moved.scheduledAt,
  });
}

/**
 * Cancels on the parent's terms: refunded when the parent's own cancel would be (up to 10
 * minutes before the call); with `refund`, whatever the cutoff (`supportCancelRefunds`).
 */
export async function cancel(
  bookingId: string,
  refund: boolean,
  actor: Actor,
): Promise<ActionResult> {
  const { cancelCall } = await import('../../functions/services/cancel-call.ts');
  const now = new Date();
  const cancelled = await cancelCall(
    await getBooking(bookingId),
    {
      by: 'support',
      refund: (booking) => supportCancelRefunds(refund, booking.scheduledAt, now),
    },
    now,
  );
  return recorded('cancel', bookingId, actor, {
    callStatus: cancelled.callStatus,
    paymentStatus: cancelled.paymentStatus,
  });
}

export async function erase(bookingId: string, actor: Actor): Promise<ActionResult> {
  const { eraseBooking } = await import('../../functions/services/erase-booking.ts');
  // The erase's own event names support; the support_action event below names the person.
  const erased = await eraseBooking(await getBooking(bookingId), 'support');
  if (!erased.dataErasedAt) throw new NotFoundError('The erase did not complete.');
  return recorded('erase', bookingId, actor, { dataErasedAt: erased.dataErasedAt });
}
