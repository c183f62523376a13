import { z } from 'zod';

/** What every task of one workflow run is given: the booking and the schedule version. */
export const runInput = z.object({
  bookingId: z.string().min(1),
  version: z.number().int().min(1),
});
export type RunInput = z.infer<typeof runInput>;

/** The outcome the ElevenLabs webhook (or the status check) reports for a call attempt. */
export const callOutcomes = ['completed', 'busy', 'no_answer', 'voicemail', 'failed'] as const;
export type CallOutcome = (typeof callOutcomes)[number];

/** Outcomes where calling again later may reach the child. */
export const retryableOutcomes: readonly CallOutcome[] = ['busy', 'no_answer', 'voicemail'];

/** A step that failed for a reason worth retrying (throttling, a provider blip). */
export class TransientError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransientError';
  }
}
