import { z } from 'zod';
import { hashSeed, normalSample, seededRandom } from './seeded-random.ts';

/**
 * An opt-in plan for how calls to ordinary numbers (not the fixed test numbers) go, for
 * load benchmarks: a seeded distribution of ring time, talk length and first-attempt
 * busy/no-answer shares. Set with `POST /_emulator/call-plan`; without one every ordinary
 * number answers and talks for a few seconds, as before.
 */
export const callPlanSchema = z.object({
  /** Any string: the same seed, number and attempt always give the same call. */
  seed: z.string().min(1),
  /** Talk length after the line is answered, seconds: log-normal, clamped to [min, max]. */
  talkSecs: z
    .object({
      median: z.number().positive().default(240),
      /** σ of ln(talk length). */
      sigma: z.number().min(0).max(3).default(0.35),
      min: z.number().min(0).default(30),
      /** The agent's maximum call length (`santaMaxCallSeconds`, 300 s). */
      max: z.number().positive().default(300),
    })
    .prefault({}),
  /** Ringing before an answer, seconds, uniform in [min, max]. */
  ringSecs: z
    .object({ min: z.number().min(0).default(5), max: z.number().min(0).default(25) })
    .prefault({}),
  /** Shares (0–1) of a number's first call that find the line busy or ring out unanswered. */
  firstAttempt: z
    .object({
      busy: z.number().min(0).max(1).default(0.04),
      noAnswer: z.number().min(0).max(1).default(0.06),
    })
    .prefault({}),
});

export type CallPlan = z.infer<typeof callPlanSchema>;
export type CallPlanRequest = z.input<typeof callPlanSchema>;

/** How long a busy line takes to report busy, seconds. */
export const busySignalSecs = 2;
/** How long an unanswered call rings when the request set no `ringing_timeout_secs`. */
export const defaultRingingTimeoutSecs = 30;

/** One planned call. Seconds are simulated (the emulator divides them by the time scale). */
export type PlannedCall =
  | { readonly outcome: 'answered'; readonly ringSecs: number; readonly talkSecs: number }
  | { readonly outcome: 'busy' }
  | { readonly outcome: 'no-answer' };

/**
 * The call the plan gives the `earlierCalls`-th + 1 call to `toNumber`: busy or no-answer only
 * on a number's first call (shares `firstAttempt`), else answered after `ringSecs` and over
 * after `talkSecs`. Pure and deterministic in (plan.seed, toNumber, earlierCalls), so a
 * benchmark can compute the very calls the emulator will play.
 */
export function planCall(plan: CallPlan, toNumber: string, earlierCalls: number): PlannedCall {
  const random = seededRandom(hashSeed(`${plan.seed}|${toNumber}|${earlierCalls}`));
  const pick = random();
  if (earlierCalls === 0 && pick < plan.firstAttempt.busy) return { outcome: 'busy' };
  if (earlierCalls === 0 && pick < plan.firstAttempt.busy + plan.firstAttempt.noAnswer) {
    return { outcome: 'no-answer' };
  }
  const { min, max } = plan.ringSecs;
  const ringSecs = min + random() * Math.max(0, max - min);
  const talk = plan.talkSecs;
  const talkSecs = Math.min(
    talk.max,
    Math.max(talk.min, talk.median * Math.exp(talk.sigma * normalSample(random))),
  );
  return { outcome: 'answered', ringSecs, talkSecs };
}
