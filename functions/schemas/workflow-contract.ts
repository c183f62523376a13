import * as z from 'zod';
import { afterCallSteps } from '../core/after-call.ts';
import {
  afterCallProblems,
  callOutcomes,
  reportedOutcomes,
  unsuccessfulReasons,
} from '../core/call-outcome.ts';
import { runActions, runStages } from '../core/workflow-run.ts';

/**
 * The booking workflow's contract: the errors its tasks may throw (the names its `Retry` and
 * `Catch` blocks match) and each task's input and output, as zod schemas. The task Lambdas
 * parse with these (through `functions/workflow/task.ts`); `test/unit/workflow-contract.test.ts` fails when
 * `state-machines/booking.asl.json` names an error, a payload field or a result field that is
 * not here.
 */

/** Errors our task Lambdas throw on purpose, by the `name` Step Functions sees. */
export const taskErrors = {
  /** A blip worth retrying: throttling, a 5xx from AWS, a network fault. */
  transient: 'TransientError',
  /** ElevenLabs answered 5xx, timed out or could not be reached. */
  elevenLabsUnavailable: 'ElevenLabsUnavailable',
  /** ElevenLabs is at the plan's concurrent-call limit (HTTP 429). */
  elevenLabsTooManyRequests: 'ElevenLabsTooManyRequests',
  /** ElevenLabs refused the request (a 4xx other than 429): repeating it will not help. */
  elevenLabsRequestRejected: 'ElevenLabsRequestRejected',
  /** It is not yet known whether the dial reached ElevenLabs; ask again before dialling. */
  dialUnconfirmed: 'DialUnconfirmed',
  /** Calling hours closed in the callee's zone while the call waited for a line. */
  outsideCallingHours: 'OutsideCallingHours',
  /** The parent rescheduled or cancelled since this run started: it has nothing to do. */
  bookingOvertaken: 'BookingOvertaken',
  /** The renderer reported the video's render failed or timed out (Remotion's webhook). */
  videoRenderFailed: 'VideoRenderFailed',
} as const;
export type TaskErrorName = (typeof taskErrors)[keyof typeof taskErrors];

/** Errors Step Functions and Lambda raise themselves, which the ASL may also match. */
export const serviceErrors = [
  'States.ALL',
  'States.Timeout',
  'States.TaskFailed',
  'States.Runtime',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Sandbox.Timedout',
] as const;

/** What every task of one run is given: the booking and the schedule version it serves. */
export const runInput = z.object({
  bookingId: z.string().min(1),
  version: z.number().int().min(1),
});
export type RunInput = z.infer<typeof runInput>;

/** A task whose result the workflow discards. */
const none = z.looseObject({});

/**
 * Each Lambda task's input (its `Payload`) and output (what `ResultSelector` reads from
 * `$.Payload`), keyed by the task's name in `task-functions.ts`. Outputs carry every field
 * always (null when it does not apply): a JSONPath selector fails on a missing field.
 */
export const taskContracts = {
  CheckBooking: {
    input: runInput.extend({ stage: z.enum(runStages) }),
    output: z.object({
      action: z.enum(runActions),
      reminderDue: z.boolean(),
      /** ISO instant calling hours open next, for `wait_for_hours`. */
      opensAt: z.string().nullable(),
      outcome: z.enum(callOutcomes),
      reason: z.enum(unsuccessfulReasons),
      retryWaitSeconds: z.number().int().positive(),
    }),
  },
  SendReminder: { input: runInput, output: none },
  TranscribeVoiceNote: { input: runInput, output: none },
  AcquireCallCapacity: {
    input: runInput.extend({ taskToken: z.string().min(1).max(2048) }),
    output: none,
  },
  PlaceCall: {
    input: runInput.extend({ taskToken: z.string().min(1).max(2048) }),
    output: none,
  },
  CheckConversation: {
    input: runInput,
    output: z.object({ outcome: z.enum(reportedOutcomes) }),
  },
  ReleaseCallCapacity: { input: runInput, output: none },
  DecideAfterCall: {
    input: runInput.extend({ outcome: z.enum(callOutcomes) }),
    output: z.object({ next: z.enum(afterCallSteps) }),
  },
  SaveCallRecords: { input: runInput, output: none },
  SendTranscriptEmail: { input: runInput, output: none },
  FinishUnsuccessfulCall: {
    input: runInput.extend({
      outcome: z.enum(callOutcomes),
      reason: z.enum(unsuccessfulReasons),
      error: z.string().optional(),
    }),
    output: none,
  },
  RenderVideo: {
    input: runInput.extend({ taskToken: z.string().min(1).max(2048) }),
    output: none,
  },
  FinishVideo: {
    input: runInput.extend({
      /** `made` and `skipped` come from the render's callback; `failed` after its retry. */
      outcome: z.enum(['made', 'skipped', 'failed']),
      error: z.string().optional(),
    }),
    output: none,
  },
  NoteAfterCallProblem: {
    input: runInput.extend({ problem: z.enum(afterCallProblems), error: z.string().optional() }),
    output: none,
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
export type WorkflowTaskName = keyof typeof taskContracts;

/**
 * What the line hand-out sends back through SendTaskSuccess for "Wait for a free line": when
 * the line was handed out (the dial then claims its paced start second).
 */
export const lineCallbackOutput = z.object({ startAt: z.iso.datetime() });
export type LineCallbackOutput = z.infer<typeof lineCallbackOutput>;

/**
 * What the ElevenLabs webhook sends back through SendTaskSuccess for the parked call task: the
 * output of "Place the call and wait for the outcome".
 */
export const callCallbackOutput = z.object({
  outcome: z.enum(reportedOutcomes),
  conversationId: z.string().min(1),
});
export type CallCallbackOutput = z.infer<typeof callCallbackOutput>;

/**
 * What the render's settlement (the Remotion webhook, or the render task itself when the video
 * was already made) sends back through SendTaskSuccess: the output of "Make the video".
 */
export const videoCallbackOutput = z.object({
  /** `skipped`: nothing was owed any more (not bought, no audio, erased meanwhile). */
  outcome: z.enum(['made', 'skipped']),
  renderId: z.string().min(1),
});
export type VideoCallbackOutput = z.infer<typeof videoCallbackOutput>;
