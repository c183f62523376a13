import { defaultCallingHours } from '../../../functions/core/calling-hours-default.ts';

/**
 * Calling hours in words, for pages that state them (landing, FAQ, terms). Free of the stage
 * config (and its zod schema), so the landing page's first load stays small.
 */

/** The hours a page states before `config.json`'s `callRules` is read: the stage default. */
export const defaultCallingHoursFacts = {
  callingHoursStart: defaultCallingHours.start,
  callingHoursEnd: defaultCallingHours.end,
} as const;

/** A clock time `HH:MM` (00:00–24:00) as on a poster: `8 am`, `9:30 pm`, `noon`, `midnight`. */
export function clockText(time: string): string {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  if (minutes === 0 && hours === 12) return 'noon';
  if (minutes === 0 && (hours === 0 || hours === 24)) return 'midnight';
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  const suffix = hours < 12 || hours === 24 ? 'am' : 'pm';
  return minutes === 0
    ? `${hour12} ${suffix}`
    : `${hour12}:${String(minutes).padStart(2, '0')} ${suffix}`;
}

/**
 * The calling hours as a parent reads them: "between 8 am and 9 pm", or "at any hour" for a
 * stage that calls round the clock (00:00–24:00).
 */
export function callingHoursText(facts: {
  readonly callingHoursStart: string;
  readonly callingHoursEnd: string;
}): string {
  if (facts.callingHoursStart === '00:00' && facts.callingHoursEnd === '24:00')
    return 'at any hour';
  return `between ${clockText(facts.callingHoursStart)} and ${clockText(facts.callingHoursEnd)}`;
}

/** "Between 8 am…" from "between 8 am…": a phrase that starts a sentence. */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
