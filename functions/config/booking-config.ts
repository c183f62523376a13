import { z } from 'zod';
import { defaultSchedulingRules, type SchedulingRules } from '../core/scheduling-rules.ts';

const clock = z
  .string()
  .regex(/^([01]\d|2[0-4]):[0-5]\d$/)
  .transform((value) => {
    const [hours, minutes] = value.split(':').map(Number);
    return (hours ?? 0) * 60 + (minutes ?? 0);
  });

const bookingEnvironment = z.object({
  CALLING_HOURS_START: clock.optional(),
  CALLING_HOURS_END: clock.optional(),
  CALL_CONCURRENCY_LIMIT: z.coerce.number().int().min(1).max(1000).optional(),
  EXPECTED_CALL_MINUTES: z.coerce.number().min(1).max(60).optional(),
  PUBLIC_SITE_URL: z.url(),
});

export interface BookingConfig {
  readonly rules: SchedulingRules;
  /** Where parents' links (manage, recording) point. */
  readonly publicSiteUrl: string;
}

/** Booking rules from the environment (set per stage by CDK and the local cloud). */
export function loadBookingConfig(env: NodeJS.ProcessEnv = process.env): BookingConfig {
  const parsed = bookingEnvironment.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Booking settings are invalid — ${problems.join('; ')}`);
  }
  const settings = parsed.data;
  return {
    rules: {
      ...defaultSchedulingRules,
      ...(settings.CALLING_HOURS_START !== undefined
        ? { callingHoursStartMinute: settings.CALLING_HOURS_START }
        : {}),
      ...(settings.CALLING_HOURS_END !== undefined
        ? { callingHoursEndMinute: settings.CALLING_HOURS_END }
        : {}),
      ...(settings.CALL_CONCURRENCY_LIMIT !== undefined
        ? { concurrentCalls: settings.CALL_CONCURRENCY_LIMIT }
        : {}),
      ...(settings.EXPECTED_CALL_MINUTES !== undefined
        ? { expectedCallMinutes: settings.EXPECTED_CALL_MINUTES }
        : {}),
    },
    publicSiteUrl: settings.PUBLIC_SITE_URL.replace(/\/$/, ''),
  };
}
