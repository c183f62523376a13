import type { FunctionDefinition } from './function-definition.ts';

/**
 * The functions a cold start could make a booked call late: the workflow's way from the booking
 * check to the ring and its outcome, and the ElevenLabs webhook that answers the waiting call.
 */
export const callPathFunctions: ReadonlySet<string> = new Set([
  'CheckBooking',
  'TranscribeVoiceNote',
  'AcquireCallCapacity',
  'PlaceCall',
  'CheckConversation',
  'ReleaseCallCapacity',
  'ElevenLabsWebhook',
]);

/**
 * How memory is sized, in MB (Lambda's unit; 1 MB of setting = 1 MiB). Lambda gives a function
 * CPU in proportion to its memory — one vCPU at 1,769 MB — so memory also sets how fast a cold
 * start imports its bundle.
 * - `headroomFactor`, `minimumMiB`: every function gets at least `headroomFactor` × the RSS its
 *   bundle reaches right after import (`npm run bench:bundles`, docs/benchmarks.md), and at
 *   least 256 MB; the factor leaves the other half for what a request allocates. A function
 *   that needs more says so with `memoryMiB` in its definition.
 * - `callPathMiB`: the call path runs at one full vCPU, so a cold start there costs a fraction
 *   of what it costs at 256 MB (Node's start-up is one thread; a second vCPU would not help).
 *   These functions run a few times per booking for well under a second: the cost is negligible.
 */
export const memorySizing = { minimumMiB: 256, headroomFactor: 2, callPathMiB: 1769 } as const;

/** A function's memory setting, MB: its own `memoryMiB` or the sizing above, whichever is more. */
export function memoryMiBOf(definition: FunctionDefinition): number {
  const floor = callPathFunctions.has(definition.name)
    ? memorySizing.callPathMiB
    : memorySizing.minimumMiB;
  return Math.max(floor, definition.memoryMiB ?? 0);
}
