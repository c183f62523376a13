import type { FunctionDefinition } from '../function-definition.ts';

/** A Lambda the booking workflow calls, named in the ASL by a `${substitution}`. */
export interface WorkflowTaskFunction extends FunctionDefinition {
  /** The `${...}` placeholder in the ASL that receives this function's ARN. */
  readonly substitution: string;
  /**
   * Its task waits for real work that takes as long locally as anywhere (a video render): the
   * local cloud's time scale does not shorten its timeout.
   */
  readonly realTime?: boolean;
}

const task = (
  name: string,
  entry: string,
  access: FunctionDefinition['access'],
  extra: Partial<FunctionDefinition> & Pick<WorkflowTaskFunction, 'realTime'> = {},
): WorkflowTaskFunction => ({
  name,
  substitution: `${name}FunctionArn`,
  entry: `workflow/${entry}`,
  access,
  ...extra,
});

/**
 * The booking workflow's Lambda tasks. CDK creates each function and substitutes its ARN into
 * the ASL; the local Step Functions engine maps the same ARN to the same handler module.
 */
export const workflowTaskFunctions: readonly WorkflowTaskFunction[] = [
  task('CheckBooking', 'check-booking.ts', { table: 'read' }),
  task('SendReminder', 'send-reminder.ts', {
    table: 'readWrite',
    email: true,
    secrets: ['access-token'],
  }),
  task(
    'TranscribeVoiceNote',
    'transcribe-voice-note.ts',
    {
      table: 'readWrite',
      buckets: { voiceNotes: 'read' },
      secrets: ['elevenlabs'],
      elevenLabs: true,
    },
    { timeoutSeconds: 60 },
  ),
  task('AcquireCallCapacity', 'acquire-call-capacity.ts', {
    table: 'readWrite',
    workflow: ['callback'],
  }),
  task(
    'PlaceCall',
    'place-call.ts',
    // callback: it answers its own task when the call's outcome came before its token was parked.
    { table: 'readWrite', secrets: ['elevenlabs'], elevenLabs: true, workflow: ['callback'] },
    { timeoutSeconds: 30 },
  ),
  task('CheckConversation', 'check-conversation.ts', {
    // readWrite: it renews a live call's line lease.
    table: 'readWrite',
    secrets: ['elevenlabs'],
    elevenLabs: true,
  }),
  task('ReleaseCallCapacity', 'release-call-capacity.ts', {
    table: 'readWrite',
    workflow: ['callback'],
  }),
  task('DecideAfterCall', 'decide-after-call.ts', {
    table: 'readWrite',
    // It deletes the voice note once the call is over for good (S3 DeleteObject).
    buckets: { voiceNotes: 'readWriteDelete' },
  }),
  task(
    'SaveCallRecords',
    'save-call-records.ts',
    {
      table: 'readWrite',
      // readWriteDelete: it deletes the records it wrote when the parent erased the child's
      // data meanwhile (as FinishVideo does the video).
      buckets: { recordings: 'readWriteDelete' },
      secrets: ['elevenlabs'],
      elevenLabs: true,
    },
    { timeoutSeconds: 120, memoryMiB: 1024 },
  ),
  task('SendTranscriptEmail', 'send-transcript-email.ts', {
    table: 'readWrite',
    buckets: { recordings: 'read' },
    email: true,
    secrets: ['access-token'],
  }),
  task(
    'RenderVideo',
    'render-video.ts',
    // callback: it answers its own task when the video was made before (a resumed run).
    {
      table: 'readWrite',
      buckets: { recordings: 'read' },
      secrets: ['remotion'],
      videoRender: true,
      workflow: ['callback'],
    },
    // Decoding a 5-minute MP3 for the waveform takes about a second and some memory.
    { timeoutSeconds: 60, memoryMiB: 1024, realTime: true },
  ),
  task('FinishVideo', 'finish-video.ts', {
    table: 'readWrite',
    // readWriteDelete: it deletes a video that a render wrote after the parent erased the
    // child's data.
    buckets: { videos: 'readWriteDelete' },
    email: true,
    secrets: ['access-token'],
  }),
  task('NoteAfterCallProblem', 'note-after-call-problem.ts', { table: 'readWrite' }),
  task(
    'FinishUnsuccessfulCall',
    'finish-unsuccessful-call.ts',
    {
      table: 'readWrite',
      email: true,
      secrets: ['stripe', 'access-token'],
    },
    { timeoutSeconds: 30 },
  ),
];
