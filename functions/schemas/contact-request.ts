import * as z from 'zod';

/** The contact form's message: long enough to act on, short enough to read in one go. */
export const contactMessageLimits = { min: 10, max: 2000 } as const;

/** A booking id as the site shows it (a ULID: 26 Crockford base-32 characters). */
const bookingIdPattern = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * No control characters but line breaks and tabs: they could garble the email we send. A name
 * (one line, shown beside the sender's address) also takes no format characters (bidi overrides
 * such as U+202E, which could show the address reversed to support) and no line or paragraph
 * separators — but keeps the zero-width non-joiner and joiner that Persian and Sinhala names
 * are written with.
 */
const printable = /^(?:[^\p{C}\p{Zl}\p{Zp}]|[\u200c\u200d])*$/u;
const printableWithBreaks = /^(?:[^\p{Cc}]|[\n\r\t])*$/u;

/**
 * The body of `POST /api/contact`. `website` is the honeypot: a field people never see (it is
 * hidden from sight and from assistive technology), which form-filling bots fill in; a message
 * that has it is answered like any other and dropped (`functions/contact/post-contact.ts`).
 */
export const contactRequestSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .max(80, { error: 'Your name can be at most 80 characters.' })
    .regex(printable, { error: 'Your name has characters we cannot show.' })
    .optional()
    .transform((value) => value || undefined),
  email: z
    .email({ error: 'Enter your email address, so we can answer you.' })
    .max(254, { error: 'Enter a valid email address.' }),
  bookingId: z
    .string()
    .trim()
    .toUpperCase()
    .refine((value) => value === '' || bookingIdPattern.test(value), {
      error: 'A booking number is 26 letters and digits, as in your confirmation email.',
    })
    .optional()
    .transform((value) => value || undefined),
  message: z
    .string({ error: 'Write your message.' })
    .trim()
    .min(contactMessageLimits.min, {
      error: `Write a little more (at least ${contactMessageLimits.min} characters), so we can help.`,
    })
    .max(contactMessageLimits.max, {
      error: `Keep your message to ${contactMessageLimits.max} characters or fewer.`,
    })
    .regex(printableWithBreaks, { error: 'Your message has characters we cannot send.' }),
  website: z.string().max(200).optional(),
});
export type ContactRequest = z.infer<typeof contactRequestSchema>;

/** The answer of `POST /api/contact` (202: accepted to send). */
export const contactReceiptSchema = z.object({ received: z.literal(true) });
export type ContactReceipt = z.infer<typeof contactReceiptSchema>;
