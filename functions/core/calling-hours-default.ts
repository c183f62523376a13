/**
 * Calling hours a stage runs by unless its operator sets others (`CALLING_HOURS_START` /
 * `CALLING_HOURS_END`, functions/config/stage-config.ts), `HH:MM` on the callee's clock: the US
 * rule for telemarketing calls, 8 am to 9 pm (47 CFR § 64.1200(c)(1)). Its own file, free of
 * imports, so the landing page can state them without loading the stage config's zod schema.
 */
export const defaultCallingHours = { start: '08:00', end: '21:00' } as const;
