/**
 * The booking workflow, written once: this module builds the Amazon States Language document
 * that `state-machines/booking.asl.json` holds (CDK deploys that file; the local cloud runs it).
 * Retry policies and catches are named here once and shared by every state that needs them.
 * `npm run asl` writes the file; `test/unit/booking-asl.test.ts` fails when the file and this
 * module disagree, so an edit to one without the other cannot land.
 */
import {
  taskContracts,
  taskErrors,
  type WorkflowTaskName,
} from '../functions/schemas/workflow-contract.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type State = { [key: string]: Json };

/** Lambda's own transient faults and ours (`TransientError`): retried quickly, a few times. */
const transientErrors = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Sandbox.Timedout',
  taskErrors.transient,
];

const retry = {
  transient: {
    ErrorEquals: transientErrors,
    IntervalSeconds: 2,
    MaxAttempts: 4,
    BackoffRate: 2,
    JitterStrategy: 'FULL',
  },
  /** ElevenLabs down or at its limit, on steps that are safe to repeat (reads, speech-to-text). */
  elevenLabs: (maxAttempts = 4): State => ({
    ErrorEquals: [taskErrors.elevenLabsUnavailable, taskErrors.elevenLabsTooManyRequests],
    IntervalSeconds: 5,
    MaxAttempts: maxAttempts,
    BackoffRate: 2,
    JitterStrategy: 'FULL',
  }),
  /**
   * A queued call checks in again when no line was handed to it within the task's timeout: it
   * keeps its place, and its check-in hands out any line a lost release left to expire. Up to
   * a day of check-ins: waiting for a line is never a reason to give up.
   */
  lineCheckIn: {
    ErrorEquals: ['States.Timeout'],
    IntervalSeconds: 1,
    MaxAttempts: 1440,
    BackoffRate: 1,
  },
  /**
   * The dial is not confirmed yet: ask ElevenLabs again. Each new dial waits out a settle window
   * (`DIAL_SETTLE_SECONDS`) first, so the waits are steady rather than jittered — a near-zero
   * jittered wait would only spend a try inside the window — and long enough in all (about 17
   * minutes) for a few ambiguous answers in a row.
   */
  dialUnconfirmed: {
    ErrorEquals: [taskErrors.dialUnconfirmed],
    IntervalSeconds: 10,
    MaxAttempts: 20,
    BackoffRate: 1.5,
    MaxDelaySeconds: 60,
  },
  /** The plan's concurrent calls are all in use at ElevenLabs: wait for one to end. */
  providerBusy: {
    ErrorEquals: [taskErrors.elevenLabsTooManyRequests],
    IntervalSeconds: 10,
    MaxAttempts: 30,
    BackoffRate: 1.5,
    MaxDelaySeconds: 60,
    JitterStrategy: 'FULL',
  },
  /**
   * The render failed or timed out (the renderer's webhook, or no word within the task's
   * timeout): render once more, after a pause for a passing fault to clear.
   */
  videoRenderOnceMore: {
    ErrorEquals: [taskErrors.videoRenderFailed, 'States.Timeout'],
    IntervalSeconds: 30,
    MaxAttempts: 1,
  },
  /** A 5xx from ElevenLabs that the dial step itself could not settle. */
  elevenLabsOutage: {
    ErrorEquals: [taskErrors.elevenLabsUnavailable],
    IntervalSeconds: 5,
    MaxAttempts: 4,
    BackoffRate: 2,
    JitterStrategy: 'FULL',
  },
} satisfies Record<string, State | ((maxAttempts?: number) => State)>;

const catchInto = (errors: string[], resultPath: string, next: string): State => ({
  ErrorEquals: errors,
  ResultPath: resultPath,
  Next: next,
});

const run = (extra: Record<string, Json> = {}): Record<string, Json> => ({
  'bookingId.$': '$.bookingId',
  'version.$': '$.version',
  ...extra,
});

interface TaskOptions {
  readonly payload: Record<string, Json>;
  readonly next: string;
  readonly resultPath?: string | null;
  readonly selector?: Record<string, string>;
  readonly retry?: State[];
  readonly catches: State[];
  readonly comment?: string;
  readonly waitForTaskToken?: boolean;
  readonly timeoutSeconds?: number;
}

/** A Lambda task of the contract; its ARN arrives as `${<Name>FunctionArn}`. */
function task(name: WorkflowTaskName, options: TaskOptions): State {
  return {
    Type: 'Task',
    ...(options.comment ? { Comment: options.comment } : {}),
    Resource: options.waitForTaskToken
      ? 'arn:aws:states:::lambda:invoke.waitForTaskToken'
      : 'arn:aws:states:::lambda:invoke',
    Parameters: { FunctionName: `\${${name}FunctionArn}`, Payload: options.payload },
    ...(options.timeoutSeconds ? { TimeoutSeconds: options.timeoutSeconds } : {}),
    ...(options.selector ? { ResultSelector: options.selector } : {}),
    ResultPath: options.resultPath ?? null,
    Retry: options.retry ?? [retry.transient],
    Catch: options.catches,
    Next: options.next,
  };
}

const giveUp = 'Give up on the call after an error';
const changed = 'The booking was changed or cancelled';

/** Every field CheckBooking answers, as its contract names them. */
const checkSelector = Object.fromEntries(
  Object.keys(taskContracts.CheckBooking.output.shape).map((field) => [
    `${field}.$`,
    `$.Payload.${field}`,
  ]),
);

/** Where the booking says a run goes; `call` continues at `onCall`. */
function route(onCall: string): State {
  const to = (action: string, next: string): State => ({
    Variable: '$.check.action',
    StringEquals: action,
    Next: next,
  });
  return {
    Type: 'Choice',
    Choices: [
      to('call', onCall),
      to('wait_for_hours', 'Wait until calling hours open'),
      to('resume_call', 'Ask ElevenLabs how the call went'),
      to('after_call', "Save the call's transcript and audio"),
      to('render_video', 'Make the video'),
      to('end_unsuccessful', 'The call will not happen'),
    ],
    Default: changed,
  };
}

/** A state that gives the line back and goes on, whatever happens to the release. */
function releaseLine(next: string, comment?: string): State {
  return task('ReleaseCallCapacity', {
    payload: run(),
    next,
    catches: [catchInto(['States.ALL'], '$.releaseError', next)],
    ...(comment ? { comment } : {}),
  });
}

function noteProblem(problem: string, failState: string): State {
  return task('NoteAfterCallProblem', {
    payload: run({ problem, 'error.$': '$.error.Error' }),
    next: failState,
    catches: [catchInto(['States.ALL'], '$.noteError', failState)],
    comment:
      'The call stays completed; the problem is shown on the booking and the reconciler retries the work.',
  });
}

const states: Record<string, State> = {
  'Check the booking is still on': task('CheckBooking', {
    comment:
      'Decides from the booking as stored: on to the call, or — for a run started again after a crash or by the reconciler — straight to the step the booking still needs.',
    payload: run({ stage: 'start' }),
    next: 'Where does this run go?',
    resultPath: '$.check',
    selector: checkSelector,
    catches: [catchInto(['States.ALL'], '$.error', giveUp)],
  }),
  'Where does this run go?': route('Is a reminder due?'),
  [changed]: {
    Type: 'Succeed',
    Comment:
      'A reschedule started a newer run, the parent cancelled, or everything is already done: this run has nothing to do.',
  },
  'Is a reminder due?': {
    Type: 'Choice',
    Choices: [
      { Variable: '$.check.reminderDue', BooleanEquals: true, Next: 'Send the reminder email' },
    ],
    Default: 'Transcribe the voice note',
  },
  'Send the reminder email': task('SendReminder', {
    comment: 'A reminder that cannot be sent must not stop the call.',
    payload: run(),
    next: 'Transcribe the voice note',
    catches: [catchInto(['States.ALL'], '$.reminderError', 'Transcribe the voice note')],
  }),
  'Transcribe the voice note': task('TranscribeVoiceNote', {
    comment:
      'Before the wait, so the call starts at its second. Santa can still call with the typed interests if transcription fails.',
    payload: run(),
    next: 'Wait until the call time',
    retry: [retry.elevenLabs(), retry.transient],
    catches: [catchInto(['States.ALL'], '$.transcriptionError', 'Wait until the call time')],
  }),
  'Wait until the call time': {
    Type: 'Wait',
    TimestampPath: '$.callAt',
    Comment: 'Scheduler fires within its minute; this Wait hits the booked second.',
    Next: 'Confirm the booking before calling',
  },
  'Confirm the booking before calling': task('CheckBooking', {
    comment:
      "Checked again before every attempt: the booking may have changed, and calling hours are the law at dial time in the callee's zone.",
    payload: run({ stage: 'dial' }),
    next: 'Is the booking still on at call time?',
    resultPath: '$.check',
    selector: checkSelector,
    catches: [catchInto(['States.ALL'], '$.error', giveUp)],
  }),
  'Is the booking still on at call time?': route('Wait for a free line'),
  'Wait until calling hours open': {
    Type: 'Wait',
    TimestampPath: '$.check.opensAt',
    Comment:
      'Only when the parent agreed at booking to a call at the next opening of calling hours.',
    Next: 'Confirm the booking before calling',
  },
  'Wait for a free line': task('AcquireCallCapacity', {
    comment:
      'The due call joins the queue of due calls; lines are handed out first due, first served (the dial then takes its second in the start pace). Over capacity a call waits here; it never fails because of it.',
    waitForTaskToken: true,
    payload: run({ 'taskToken.$': '$$.Task.Token' }),
    timeoutSeconds: 60,
    next: 'Place the call and wait for the outcome',
    resultPath: '$.line',
    retry: [retry.lineCheckIn, retry.transient],
    catches: [
      catchInto([taskErrors.bookingOvertaken], '$.error', changed),
      catchInto(['States.ALL'], '$.error', giveUp),
    ],
  }),
  'Place the call and wait for the outcome': task('PlaceCall', {
    comment:
      'Dials once per attempt (an idempotency marker is recorded first and looked up before any new dial) and parks the task token under the conversation id; the ElevenLabs webhook answers it.',
    waitForTaskToken: true,
    payload: run({ 'taskToken.$': '$$.Task.Token' }),
    timeoutSeconds: 900,
    next: 'Did the webhook settle the call?',
    resultPath: '$.call',
    retry: [retry.dialUnconfirmed, retry.providerBusy, retry.elevenLabsOutage, retry.transient],
    catches: [
      catchInto(
        [taskErrors.bookingOvertaken],
        '$.error',
        'Give the line back; the booking changed',
      ),
      catchInto(
        [taskErrors.outsideCallingHours],
        '$.error',
        'Give the line back until calling hours',
      ),
      catchInto(['States.Timeout'], '$.error', 'Ask ElevenLabs how the call went'),
      catchInto(['States.ALL'], '$.error', 'Release the line after an error'),
    ],
  }),
  'Did the webhook settle the call?': {
    Type: 'Choice',
    Choices: [
      {
        Or: [
          { Variable: '$.call.outcome', StringEquals: 'unconfirmed' },
          { Variable: '$.call.outcome', StringEquals: 'in_progress' },
        ],
        Next: 'Ask ElevenLabs how the call went',
      },
    ],
    Default: 'Release the line',
  },
  'Ask ElevenLabs how the call went': task('CheckConversation', {
    comment:
      'No webhook came in time, it could not tell, or the run resumes a call placed before a crash: ask for the conversation’s status instead of waiting for ever.',
    payload: run(),
    next: 'Is the call over?',
    resultPath: '$.call',
    selector: { 'outcome.$': '$.Payload.outcome' },
    retry: [retry.elevenLabs(6), retry.transient],
    catches: [catchInto(['States.ALL'], '$.error', 'Release the line after an error')],
  }),
  'Is the call over?': {
    Type: 'Choice',
    Choices: [
      {
        Variable: '$.call.outcome',
        StringEquals: 'in_progress',
        Next: 'Wait before asking again',
      },
    ],
    Default: 'Release the line',
  },
  'Wait before asking again': {
    Type: 'Wait',
    Seconds: 60,
    Next: 'Ask ElevenLabs how the call went',
  },
  'Release the line': releaseLine(
    'Decide what to do after the call',
    "If this fails after its retries, the line's lease expires by itself.",
  ),
  'Decide what to do after the call': task('DecideAfterCall', {
    comment:
      'Records the attempt’s outcome on the booking first (a completed call is completed from here on), then chooses.',
    payload: run({ 'outcome.$': '$.call.outcome' }),
    next: 'What happens next?',
    resultPath: '$.decision',
    selector: { 'next.$': '$.Payload.next' },
    catches: [
      catchInto([taskErrors.bookingOvertaken], '$.error', changed),
      catchInto(['States.ALL'], '$.error', giveUp),
    ],
  }),
  'What happens next?': {
    Type: 'Choice',
    Choices: [
      {
        Variable: '$.decision.next',
        StringEquals: 'save',
        Next: "Save the call's transcript and audio",
      },
      { Variable: '$.decision.next', StringEquals: 'retry', Next: 'Wait before calling again' },
      { Variable: '$.decision.next', StringEquals: 'stop', Next: changed },
    ],
    Default: 'Santa could not get through',
  },
  'Wait before calling again': {
    Type: 'Wait',
    SecondsPath: '$.check.retryWaitSeconds',
    Next: 'Confirm the booking before calling',
  },
  "Save the call's transcript and audio": task('SaveCallRecords', {
    comment: 'The transcript and the audio (fetched from ElevenLabs, not the webhook) go to S3.',
    payload: run(),
    next: 'Send the transcript email',
    retry: [retry.elevenLabs(), retry.transient],
    catches: [catchInto(['States.ALL'], '$.error', 'Note that the records were not saved')],
  }),
  'Send the transcript email': task('SendTranscriptEmail', {
    payload: run(),
    next: 'Is a video owed?',
    catches: [catchInto(['States.ALL'], '$.error', 'Note that the transcript email was not sent')],
  }),
  'Is a video owed?': task('CheckBooking', {
    comment: 'The parent bought the recording: its video is made after the transcript is out.',
    payload: run({ stage: 'start' }),
    next: 'Make the video?',
    resultPath: '$.check',
    selector: checkSelector,
    catches: [catchInto(['States.ALL'], '$.error', 'The video stage stopped')],
  }),
  'Make the video?': {
    Type: 'Choice',
    Choices: [{ Variable: '$.check.action', StringEquals: 'render_video', Next: 'Make the video' }],
    Default: "Santa's call is done",
  },
  'Make the video': task('RenderVideo', {
    comment:
      'Asks the renderer (Remotion Lambda; the local render service) for the video and parks the task token under the booking and attempt; the renderer’s webhook answers it. A failed or silent render is tried once more.',
    waitForTaskToken: true,
    payload: run({ 'taskToken.$': '$$.Task.Token' }),
    timeoutSeconds: 1800,
    next: 'Tell the parent the video is ready',
    resultPath: '$.video',
    retry: [retry.videoRenderOnceMore, retry.transient],
    catches: [catchInto(['States.ALL'], '$.error', 'The video could not be made')],
  }),
  'Tell the parent the video is ready': task('FinishVideo', {
    payload: run({ 'outcome.$': '$.video.outcome' }),
    next: "Santa's call is done",
    catches: [catchInto(['States.ALL'], '$.error', 'The video stage stopped')],
  }),
  'The video stage stopped': {
    Type: 'Fail',
    Error: 'Video.StageStopped',
    Cause:
      'The call was completed and emailed, but a step of the video stage failed after its retries; the booking still owes the video (or its email) and the reconciler starts a run that resumes it. See the history.',
  },
  'The video could not be made': task('FinishVideo', {
    comment:
      'The call stays completed; the video is failed, the parent told, and it can be tried again.',
    payload: run({ outcome: 'failed', 'error.$': '$.error.Error' }),
    next: 'Making the video failed',
    catches: [catchInto(['States.ALL'], '$.finishError', 'Making the video failed')],
  }),
  'Making the video failed': {
    Type: 'Fail',
    Error: 'Video.NotMade',
    Cause:
      'The call was completed and emailed, but its video could not be made after a retry; the booking says failed, the parent was told and can try again. See the history.',
  },
  "Santa's call is done": { Type: 'Succeed' },
  'Note that the records were not saved': noteProblem(
    'records_not_saved',
    'Saving the call failed',
  ),
  'Note that the transcript email was not sent': noteProblem(
    'transcript_email_not_sent',
    'Sending the transcript failed',
  ),
  'Saving the call failed': {
    Type: 'Fail',
    Error: 'Call.RecordsNotSaved',
    Cause:
      'The call was completed but its transcript or audio could not be saved; the booking says so and the reconciler retries. See the history.',
  },
  'Sending the transcript failed': {
    Type: 'Fail',
    Error: 'Call.TranscriptEmailNotSent',
    Cause:
      'The call was saved but the transcript email could not be sent; the booking says so and the reconciler retries. See the history.',
  },
  'The call will not happen': {
    Type: 'Pass',
    Parameters: { 'outcome.$': '$.check.outcome', 'reason.$': '$.check.reason' },
    ResultPath: '$.ending',
    Next: 'Tell the parent the call could not be completed',
  },
  'Santa could not get through': {
    Type: 'Pass',
    Parameters: { 'outcome.$': '$.call.outcome', reason: 'not_reached' },
    ResultPath: '$.ending',
    Next: 'Tell the parent the call could not be completed',
  },
  'Tell the parent the call could not be completed': task('FinishUnsuccessfulCall', {
    payload: run({ 'outcome.$': '$.ending.outcome', 'reason.$': '$.ending.reason' }),
    next: 'The call ended without Santa getting through',
    catches: [catchInto(['States.ALL'], '$.error', 'The workflow failed')],
  }),
  'The call ended without Santa getting through': {
    Type: 'Succeed',
    Comment:
      'Busy, no answer or voicemail after every retry, outside calling hours, or a failed call: the booking ends no_answer or failed, refunded, and the parent is told why.',
  },
  'Give the line back; the booking changed': releaseLine(
    changed,
    'A reschedule or cancellation landed between the check and the dial.',
  ),
  'Give the line back until calling hours': releaseLine(
    'Confirm the booking before calling',
    'Calling hours closed while the call waited for a line: the check decides whether to wait for them or end.',
  ),
  'Release the line after an error': releaseLine(giveUp),
  [giveUp]: task('FinishUnsuccessfulCall', {
    payload: run({ outcome: 'failed', reason: 'error', 'error.$': '$.error.Error' }),
    next: 'The workflow failed',
    catches: [catchInto(['States.ALL'], '$.finishError', 'The workflow failed')],
  }),
  'The workflow failed': {
    Type: 'Fail',
    Error: 'Workflow.Failed',
    Cause:
      'A step failed after its retries; the booking was marked failed, refunded and the parent told where possible. See the history.',
  },
};

/** The workflow's ASL document. */
export const bookingWorkflow = {
  Comment:
    "One booking's call from Santa: reminder, voice note, the exact second, calling hours, capacity, the call (never twice for one attempt, retried when the line is busy), and what the parent receives afterwards. Each run serves one version of the booking's schedule and starts by asking the booking where to go, so a run started again after a crash or by the reconciler resumes the step the booking needs. ARNs arrive as placeholders that CDK and the local cloud fill from the same workflow task table. Generated from state-machines/booking-workflow.ts (npm run asl).",
  StartAt: 'Check the booking is still on',
  States: states,
};

/** The file's text, exactly as `npm run asl` writes it. */
export function bookingAslText(): string {
  return `${JSON.stringify(bookingWorkflow, null, 2)}\n`;
}
