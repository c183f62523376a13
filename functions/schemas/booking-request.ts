import { parsePhoneNumberFromString, parsePhoneNumberWithError } from 'libphonenumber-js';
import { IANAZone } from 'luxon';
import * as z from 'zod';
import { affiliateSlugPattern } from '../core/affiliate-slug-pattern.ts';
import { consentTextVersion } from '../core/consent.ts';
import { giftBudgetProblem } from '../core/gift-budget.ts';
import { canonicalLocale, defaultLocale } from '../core/locale.ts';
import {
  type PhoneNumberProblem,
  phoneNumberProblemMessages,
} from '../core/phone-number-problems.ts';

export { affiliateSlugPattern, consentTextVersion };

/**
 * The body of `POST /api/calls` — the one schema for a booking request, used by the API to
 * validate and by the site to check the form before sending.
 */

/** Letters (any script) and marks, single spaces, hyphens and apostrophes between them. */
const childNamePattern = /^[\p{L}\p{M}]+(?:[ '’-][\p{L}\p{M}]+)*$/u;
export const voiceNoteKeyPattern =
  /^voice-notes\/[0-9A-HJKMNP-TV-Z]{26}\.(webm|ogg|mp3|m4a|mp4|wav)$/;

export const childGenders = ['girl', 'boy', 'other', 'prefer_not_to_say'] as const;

/**
 * The number's shape, with libphonenumber-js's small default metadata so the site stays light:
 * international format, valid for its country, no extension, not an international network.
 * The number types that need the full metadata (premium rate, shared cost, …) and the
 * number's time zone are checked by the API (functions/core/phone-numbers.ts), the authority.
 */
export const phoneNumberSchema = z
  .string({ error: 'Enter the phone number Santa should call.' })
  .trim()
  .superRefine((value, context) => {
    const problem = lightPhoneNumberProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: phoneNumberProblemMessages[problem] });
  })
  .transform((value) => parsePhoneNumberWithError(value).number)
  .meta({
    description: 'The number Santa calls, international format (E.164), e.g. +14155552671.',
  });

function lightPhoneNumberProblem(value: string): PhoneNumberProblem | undefined {
  const parsed = value.startsWith('+') ? parsePhoneNumberFromString(value) : undefined;
  if (!parsed) return 'invalid';
  if (parsed.ext) return 'extension';
  if (parsed.isNonGeographic()) return 'international_network';
  return parsed.isValid() ? undefined : 'invalid';
}

export const timezoneSchema = z
  .string({ error: 'Choose a time zone.' })
  .refine((value) => IANAZone.isValidZone(value) && value.includes('/'), {
    error: 'Choose a time zone by its IANA name, e.g. America/New_York.',
  })
  .meta({ description: "The callee's IANA time zone, e.g. America/New_York." });

const consentSchema = z.object(
  {
    ownsNumber: z.literal(true, { error: 'Confirm that you own or may use this phone number.' }),
    isGuardian: z.literal(true, { error: "Confirm that you are the child's parent or guardian." }),
    aiCall: z.literal(true, { error: 'Agree to an AI-voiced call from Santa.' }),
    recording: z.boolean().optional(),
    version: z
      .literal(consentTextVersion, { error: 'The consent text has changed: reload the page.' })
      .optional(),
  },
  { error: 'Give your consent to the call.' },
);

export const bookingRequestSchema = z
  .strictObject({
    childName: z
      .string({ error: "Enter the child's name." })
      .trim()
      .min(1, { error: "Enter the child's name." })
      .max(50, { error: "The child's name can be at most 50 characters." })
      .regex(childNamePattern, {
        error: "Use letters, spaces, hyphens and apostrophes only in the child's name.",
      }),
    childAge: z
      .number({ error: "Enter the child's age as a number." })
      .int({ error: "Enter the child's age in whole years." })
      .min(1, { error: 'Santa calls children aged 1 to 17.' })
      .max(17, { error: 'Santa calls children aged 1 to 17.' }),
    childGender: z
      .enum(childGenders, { error: 'Choose girl, boy, other or prefer not to say.' })
      .optional(),
    childInfoText: z
      .string({ error: 'Tell Santa about the child in words.' })
      .trim()
      .max(1000, { error: 'Keep what you tell Santa to 1000 characters.' })
      .optional(),
    voiceNoteKey: z
      .string()
      .regex(voiceNoteKeyPattern, { error: 'The voice note reference is not one we issued.' })
      .optional(),
    /** The proof `POST /api/voice-notes` gave with the key: only the uploader can name it. */
    voiceNoteProof: z
      .string({ error: 'Send the voice note proof you were given with its key.' })
      .max(100, { error: 'The voice note proof is not one we issued.' })
      .optional(),
    phoneNumber: phoneNumberSchema,
    timezone: timezoneSchema,
    scheduledAt: z.iso
      .datetime({ offset: true, error: 'Give the call time as an ISO date and time.' })
      .optional(),
    callNow: z.literal(true, { error: 'callNow can only be true.' }).optional(),
    /**
     * If Santa cannot get through before calling hours end (a late payment, retries), try again
     * when they open next; otherwise such a call ends, refunded, and the parent is told why.
     */
    waitForCallingHours: z
      .boolean({ error: 'Say whether Santa should try again when calling hours open next.' })
      .optional(),
    parentEmail: z
      .email({ error: 'Enter a valid email address.' })
      .max(254, { error: 'Enter a valid email address.' })
      .transform((value) => value.toLowerCase()),
    /** Whole units of the booking's currency; its maximum is per currency (`gift-budget.ts`). */
    giftBudget: z
      .number({ error: 'Enter a gift budget as a whole number.' })
      .int({ error: 'Enter a gift budget as a whole number, without cents or pence.' })
      .min(0, { error: 'The gift budget cannot be below zero.' }),
    currency: z
      .string({ error: 'Give the currency as a three-letter code, e.g. gbp.' })
      .trim()
      .toLowerCase()
      .regex(/^[a-z]{3}$/, { error: 'Give the currency as a three-letter code, e.g. gbp.' })
      .optional()
      .meta({
        description:
          "The currency to pay in (ISO 4217), one the price list offers (GET /api/pricing); the list's default when absent.",
      }),
    locale: z
      .string({ error: 'Give the locale as a language tag, e.g. en-GB.' })
      .trim()
      .max(100, { error: 'Give the locale as a language tag, e.g. en-GB.' })
      .transform((value, context) => {
        const canonical = canonicalLocale(value);
        if (canonical) return canonical;
        context.addIssue({
          code: 'custom',
          message: 'Give the locale as a language tag, e.g. en-GB.',
          input: value,
        });
        return z.NEVER;
      })
      .optional()
      .meta({
        description:
          "The parent's language and region (BCP 47, e.g. en-GB): emails show dates and amounts as they read them. en-US when absent.",
      }),
    purchaseRecording: z.boolean({ error: 'Say whether you want the recording.' }),
    affiliateCode: z
      .string()
      .max(50, { error: 'That affiliate code is not valid.' })
      .regex(affiliateSlugPattern, { error: 'That affiliate code is not valid.' })
      .optional(),
    utmSource: z
      .string()
      .max(100, { error: 'utmSource can be at most 100 characters.' })
      .regex(/^[\w.\-~ ]*$/, { error: 'utmSource has characters we do not accept.' })
      .optional(),
    consent: consentSchema,
  })
  .superRefine((request, context) => {
    if (request.callNow && request.scheduledAt) {
      context.addIssue({
        code: 'custom',
        path: ['scheduledAt'],
        message: 'Choose a time or "call now", not both.',
      });
    }
    if (!request.callNow && !request.scheduledAt) {
      context.addIssue({
        code: 'custom',
        path: ['scheduledAt'],
        message: 'Choose when Santa should call, or "call now".',
      });
    }
    const budgetProblem = request.currency
      ? giftBudgetProblem(request.giftBudget, request.currency, request.locale ?? defaultLocale)
      : undefined;
    if (budgetProblem) {
      context.addIssue({ code: 'custom', path: ['giftBudget'], message: budgetProblem });
    }
    if (request.voiceNoteKey && !request.voiceNoteProof) {
      context.addIssue({
        code: 'custom',
        path: ['voiceNoteKey'],
        message: 'Send the voice note proof you were given with its key, or upload it again.',
      });
    }
    if (request.purchaseRecording && request.consent.recording !== true) {
      context.addIssue({
        code: 'custom',
        path: ['consent', 'recording'],
        message: 'Agree to the call being recorded, or leave the recording out.',
      });
    }
  });

export type BookingRequest = z.infer<typeof bookingRequestSchema>;

/** The body of `PATCH /api/calls/{callId}`: a new time, by the same rules. */
export const rescheduleRequestSchema = z
  .strictObject({
    scheduledAt: z.iso
      .datetime({ offset: true, error: 'Give the call time as an ISO date and time.' })
      .optional(),
    callNow: z.literal(true, { error: 'callNow can only be true.' }).optional(),
    timezone: timezoneSchema.optional(),
  })
  .refine((request) => Boolean(request.callNow) !== Boolean(request.scheduledAt), {
    path: ['scheduledAt'],
    error: 'Choose a new time, or "call now".',
  });
export type RescheduleRequest = z.infer<typeof rescheduleRequestSchema>;

/** zod issues as `{ field: message }`, the first message per field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.join('.') || 'body';
    fields[field] ??= issue.message;
  }
  return fields;
}
