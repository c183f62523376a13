import type * as z from 'zod';
import { bookingConfirmation } from './templates/booking-confirmation.tsx';
import { callCancelled } from './templates/call-cancelled.tsx';
import { callMoved } from './templates/call-moved.tsx';
import { callNotCompleted } from './templates/call-not-completed.tsx';
import { callReminder } from './templates/call-reminder.tsx';
import { callTranscript } from './templates/call-transcript.tsx';
import { videoNotMade } from './templates/video-not-made.tsx';
import { videoReady } from './templates/video-ready.tsx';

/**
 * Every email CallSanta sends, by name. Adding one: a file in templates/ exporting its schema,
 * subject and component via defineEmailTemplate, and one line here.
 */
export const emailTemplates = {
  bookingConfirmation,
  callReminder,
  callTranscript,
  callNotCompleted,
  videoReady,
  videoNotMade,
  callMoved,
  callCancelled,
} as const;

export type EmailTemplateName = keyof typeof emailTemplates;

/** The props a template accepts, before its schema checks them. */
export type EmailProps<Name extends EmailTemplateName> = z.input<
  (typeof emailTemplates)[Name]['schema']
>;
