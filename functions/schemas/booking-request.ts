import * as z from 'zod';
import { affiliateSlugPattern } from '../core/affiliate-slug-pattern.ts';
import { maxChildrenPerCall } from '../core/children.ts';
import { consentTextVersion } from '../core/consent.ts';
import { contactDataIn, contactDataMessages } from '../core/contact-data.ts';
import { giftBudgetProblem } from '../core/gift-budget.ts';
import { type LanguageCode, languageCodes, preferredLanguage } from '../core/languages.ts';
import { canonicalLocale, defaultLocale } from '../core/locale.ts';
import {
  checkPersonName,
  describePersonNameProblem,
  personNameMaxGraphemes,
} from '../core/person-name.ts';
import { notePersonRelations, type SantaNotes } from '../core/santa-notes.ts';
import { repeatedChildName } from '../core/sibling-names.ts';
import { canonicalTimeZone } from '../core/time-zones.ts';
import {
  describeTypedPhoneNumberProblem,
  phoneCountryCode,
  readPhoneNumber,
} from '../core/typed-phone-number.ts';

export { affiliateSlugPattern, consentTextVersion, maxChildrenPerCall };

/**
 * The body of `POST /api/calls` — the one schema for a booking request, used by the API to
 * validate and by the site to check the form before sending.
 */

export const voiceNoteKeyPattern =
  /^voice-notes\/[0-9A-HJKMNP-TV-Z]{26}\.(webm|ogg|mp3|m4a|mp4|wav)$/;

export const childGenders = ['girl', 'boy', 'other', 'prefer_not_to_say'] as const;

/**
 * A person's name by the one name rule (core/person-name.ts): stored normalised (NFC, single
 * spaces, trimmed); refused, saying why, when it has no letter, digits, emoji, symbols or
 * stray invisible characters. `whose` names the field in messages ("the child's name").
 */
export function personNameSchema(whose: string, maxGraphemes = personNameMaxGraphemes) {
  return z
    .string({ error: describePersonNameProblem({ problem: 'empty' }, whose) })
    .max(maxGraphemes * 8, {
      error: describePersonNameProblem({ problem: 'too_long' }, whose, maxGraphemes),
    })
    .transform((typed, context) => {
      const check = checkPersonName(typed, maxGraphemes);
      if ('name' in check) return check.name;
      context.addIssue({
        code: 'custom',
        message: describePersonNameProblem(check, whose, maxGraphemes),
      });
      return z.NEVER;
    });
}

/**
 * The number as typed: its shape is judged with the country chosen beside it (`phoneCountry`,
 * see `checkPhoneNumber` below), so a national number ("07400 123456" with GB) is read as that
 * country's; without a country it must be in international format. Stored in E.164.
 */
export const phoneNumberSchema = z
  .string({ error: 'Enter the phone number Santa should call.' })
  .trim()
  .min(1, { error: 'Enter the phone number Santa should call.' })
  .max(50, { error: 'Enter a valid phone number.' })
  .meta({
    description:
      'The number Santa calls: E.164 (+14155552671), international format, or national format read as `phoneCountry`. Stored in E.164.',
  });

/** The country chosen beside the number, ISO 3166-1 alpha-2 (GB, not UK). */
export const phoneCountrySchema = z
  .string({ error: 'Choose the country of the phone number.' })
  .trim()
  .refine((code) => phoneCountryCode(code) !== undefined, {
    error: 'Choose the country of the phone number from the list.',
  })
  .transform((code) => code.toUpperCase())
  .meta({
    description:
      "Optional: the country the parent chose for the number (ISO 3166-1 alpha-2, e.g. GB). A national number is read as this country's, and messages give its example numbers.",
  });

/**
 * The shape check of the number with the small metadata, so the site stays light: valid for
 * its country, no extension, not an international network. The number types that need the
 * full metadata (premium rate, shared cost, …) and the number's time zone are checked by the
 * API (functions/core/phone-numbers.ts), the authority.
 */
export function checkPhoneNumber(
  request: { phoneNumber: string; phoneCountry?: string | undefined },
  context: z.core.$RefinementCtx,
): void {
  const read = readPhoneNumber(request.phoneNumber, request.phoneCountry);
  if ('problem' in read) {
    context.addIssue({
      code: 'custom',
      path: ['phoneNumber'],
      message: describeTypedPhoneNumberProblem(read.problem, read.country),
    });
  }
}

/** The number in E.164 once `checkPhoneNumber` passed; as typed otherwise (already refused). */
export function toE164<T extends { phoneNumber: string; phoneCountry?: string | undefined }>(
  request: T,
): T {
  const read = readPhoneNumber(request.phoneNumber, request.phoneCountry);
  return 'e164' in read ? { ...request, phoneNumber: read.e164 } : request;
}

/**
 * An IANA time zone, stored canonical (core/time-zones.ts): `UTC` for every name of UTC
 * (`Etc/UTC`, `GMT`, …), a renamed zone's current name for a deprecated one
 * (`Asia/Calcutta` → `Asia/Kolkata`, `Europe/Kiev` → `Europe/Kyiv`).
 */
export const timezoneSchema = z
  .string({ error: 'Choose a time zone.' })
  .refine((value) => canonicalTimeZone(value) !== undefined, {
    error: 'Choose a time zone from the list, e.g. Europe/London or UTC.',
  })
  .transform((value) => canonicalTimeZone(value) ?? value)
  .meta({
    description:
      "The callee's IANA time zone, e.g. America/New_York, or UTC. Deprecated names (Asia/Calcutta) are accepted and stored by their current name (Asia/Kolkata); every name of UTC is stored as UTC.",
  });

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

/** A child's age: whole years, 1–17. */
export const childAgeSchema = z
  .number({ error: "Enter the child's age as a number." })
  .int({ error: "Enter the child's age in whole years." })
  .min(1, { error: 'Santa calls children aged 1 to 17.' })
  .max(17, { error: 'Santa calls children aged 1 to 17.' });

export const childGenderSchema = z.enum(childGenders, {
  error: 'Choose girl, boy, other or prefer not to say.',
});

/**
 * Refuses a web address, email address or phone number in words the parent writes for Santa
 * (core/contact-data.ts): they go to the voice model and may be said to the child. One rule for
 * every such text — each child's words, the notes, the names in them.
 */
function refuseContactData(text: string, context: z.core.$RefinementCtx): void {
  const found = contactDataIn(text);
  if (found) context.addIssue({ code: 'custom', message: contactDataMessages[found] });
}

/** What the parent tells Santa about one child; empty once trimmed means nothing said. */
export const childInfoTextSchema = z
  .string({ error: 'Tell Santa about the child in words.' })
  .trim()
  .max(1000, { error: 'Keep what you tell Santa to 1000 characters.' })
  .superRefine(refuseContactData);

export const voiceNoteKeySchema = z
  .string()
  .regex(voiceNoteKeyPattern, { error: 'The voice note reference is not one we issued.' });

/** The proof `POST /api/voice-notes` gave with the key: only the uploader can name it. */
export const voiceNoteProofSchema = z
  .string({ error: 'Send the voice note proof you were given with its key.' })
  .max(100, { error: 'The voice note proof is not one we issued.' });

const voiceNoteWithoutProof =
  'Send the voice note proof you were given with its key, or upload it again.';

/**
 * One child of the call (`children[]`): name, age, and optionally gender, what Santa should
 * know, and a voice note (its key and the proof its upload gave).
 */
export const childRequestSchema = z
  .strictObject(
    {
      name: personNameSchema("the child's name"),
      age: childAgeSchema,
      gender: childGenderSchema.optional(),
      infoText: childInfoTextSchema.optional(),
      voiceNoteKey: voiceNoteKeySchema.optional(),
      voiceNoteProof: voiceNoteProofSchema.optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? 'Each child takes only name, age, gender, infoText, voiceNoteKey and voiceNoteProof.'
          : 'Give each child a name and an age.',
    },
  )
  .superRefine((child, context) => {
    if (child.voiceNoteKey && !child.voiceNoteProof) {
      context.addIssue({ code: 'custom', path: ['voiceNoteKey'], message: voiceNoteWithoutProof });
    }
  });
export type ChildRequest = z.infer<typeof childRequestSchema>;

/**
 * Free text of the notes for Santa: trimmed, at most `max` characters, and holding no web
 * address, email address or phone number (core/contact-data.ts: Santa reads the notes to the
 * child, and they go to the voice model). Empty once trimmed reads as not given.
 */
function noteTextSchema(max: number, tooLong: string) {
  return z
    .string({ error: 'Write the note for Santa as text.' })
    .trim()
    .max(max, { error: tooLong })
    .superRefine(refuseContactData)
    .transform((text) => (text === '' ? undefined : text))
    .optional();
}

/** A person's or pet's name in the notes: the person-name rule, at most 40 characters. */
const notePersonNameSchema = personNameSchema('the name', 40).superRefine(refuseContactData);

/**
 * A person or pet the children know. Its name follows the one person-name rule
 * (core/person-name.ts), pets included: "Mr Whiskers", "Mr. Whiskers", "Señor Bigotes" and
 * "Jean-Luc" all pass, while digits, emoji and symbols do not. Santa says these names aloud and
 * the voice model is given them, so a name may not carry digits (a phone number) or an
 * address; a pet called "R2-D2" is written "Artoo". 40 characters: a name, not a sentence.
 * A row whose name is left blank (an empty line of the form) reads as no one: dropped.
 */
const notePersonSchema = z
  .strictObject(
    {
      relation: z.enum(notePersonRelations, {
        error: 'Say who each person is: a sibling, a pet, a friend, a teacher or someone else.',
      }),
      name: z.string({ error: 'Enter the name.' }).max(400, {
        error: describePersonNameProblem({ problem: 'too_long' }, 'the name', 40),
      }),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? 'Each person takes only relation and name.'
          : 'Give each person a name and who they are.',
    },
  )
  .transform((person, context) => {
    if (person.name.trim() === '') return undefined;
    const name = notePersonNameSchema.safeParse(person.name);
    if (name.success) return { relation: person.relation, name: name.data };
    for (const issue of name.error.issues) {
      context.addIssue({ code: 'custom', path: ['name'], message: issue.message });
    }
    return z.NEVER;
  });

/** The most people and pets the notes may name. */
export const maxNotePeople = 8;

/**
 * The parent's notes for Santa (core/santa-notes.ts): all optional; empty texts are dropped,
 * and people whose name is blank too. Absent when nothing is left.
 */
export const santaNotesSchema = z
  .strictObject(
    {
      praise: noteTextSchema(200, 'Keep what Santa should praise to 200 characters.'),
      encouragement: noteTextSchema(
        200,
        'Keep what Santa should gently encourage to 200 characters.',
      ),
      people: z
        .array(notePersonSchema, { error: 'List the people and pets as a list.' })
        .max(maxNotePeople, { error: `Name at most ${maxNotePeople} people and pets.` })
        .transform((people) => people.filter((person) => person !== undefined))
        .optional(),
      avoidTopics: noteTextSchema(300, 'Keep the topics Santa should avoid to 300 characters.'),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? 'The notes for Santa take only praise, encouragement, people and avoidTopics.'
          : 'Send the notes for Santa as an object.',
    },
  )
  .transform((notes): SantaNotes | undefined => {
    const kept = {
      ...(notes.praise ? { praise: notes.praise } : {}),
      ...(notes.encouragement ? { encouragement: notes.encouragement } : {}),
      ...(notes.people && notes.people.length > 0 ? { people: notes.people } : {}),
      ...(notes.avoidTopics ? { avoidTopics: notes.avoidTopics } : {}),
    };
    return Object.keys(kept).length > 0 ? kept : undefined;
  });

/** The fields of the single child of a request in the old shape (before `children`). */
export const singleChildFields = [
  'childName',
  'childAge',
  'childGender',
  'childInfoText',
  'voiceNoteKey',
  'voiceNoteProof',
] as const;

export const bookingRequestSchema = z
  .strictObject({
    children: z
      .array(childRequestSchema, { error: 'List the children Santa should call.' })
      .min(1, { error: 'Tell us about at least one child.' })
      .max(maxChildrenPerCall, {
        error: `Santa talks to at most ${maxChildrenPerCall} children on one call: book another call for the others.`,
      })
      .optional()
      .meta({
        description: `The children Santa talks to on this call, 1–${maxChildrenPerCall}, in the order he greets them; names differ (ignoring case and accents). Send this or the single-child fields (childName, childAge, …), not both.`,
      }),
    // The single child of clients from before siblings: read as `children` with one child.
    childName: personNameSchema("the child's name")
      .optional()
      .meta({ description: "Older clients: the one child's name. Prefer `children`." }),
    childAge: childAgeSchema.optional(),
    childGender: childGenderSchema.optional(),
    childInfoText: childInfoTextSchema.optional(),
    voiceNoteKey: voiceNoteKeySchema.optional(),
    voiceNoteProof: voiceNoteProofSchema.optional(),
    language: z
      .enum(languageCodes, { error: 'Choose a language Santa speaks from the list.' })
      .optional()
      .meta({
        description:
          'The language Santa speaks on the call and the emails are written in. When absent: the language of `locale` when Santa speaks it, else English.',
      }),
    notesForSanta: santaNotesSchema.optional().meta({
      description:
        'Optional notes for Santa: something to praise, one gentle encouragement, people and pets by name, topics to avoid. No web addresses, emails or phone numbers.',
    }),
    phoneNumber: phoneNumberSchema,
    phoneCountry: phoneCountrySchema.optional(),
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
    checkPhoneNumber(request, context);
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
    checkChildren(request, context);
    if (request.purchaseRecording && request.consent.recording !== true) {
      context.addIssue({
        code: 'custom',
        path: ['consent', 'recording'],
        message: 'Agree to the call being recorded, or leave the recording out.',
      });
    }
  })
  // The number stored in E.164; a refused one is left as typed (the request is refused anyway).
  .overwrite(toE164)
  // Read as one shape: `children` (the single child of older clients as a list of one) and the
  // language always set.
  .overwrite((request) => ({
    ...request,
    children: [...requestedChildren(request)],
    language: requestedLanguage(request),
  }));

export type BookingRequest = z.infer<typeof bookingRequestSchema>;

type ChildrenOfRequest = Pick<BookingRequest, 'children' | (typeof singleChildFields)[number]>;

/**
 * The children of a request, in either shape: `children`, or the one child of the single-child
 * fields. Empty only for a request the schema refuses (neither shape).
 */
export function requestedChildren(request: ChildrenOfRequest): readonly ChildRequest[] {
  if (request.children) return request.children;
  if (request.childName === undefined || request.childAge === undefined) return [];
  return [
    {
      name: request.childName,
      age: request.childAge,
      ...(request.childGender ? { gender: request.childGender } : {}),
      ...(request.childInfoText ? { infoText: request.childInfoText } : {}),
      ...(request.voiceNoteKey ? { voiceNoteKey: request.voiceNoteKey } : {}),
      ...(request.voiceNoteProof ? { voiceNoteProof: request.voiceNoteProof } : {}),
    },
  ];
}

/** The call's language: the one asked for, else `locale`'s when Santa speaks it, else English. */
export function requestedLanguage(
  request: Pick<BookingRequest, 'language' | 'locale'>,
): LanguageCode {
  return request.language ?? preferredLanguage(request.locale ? [request.locale] : []);
}

/**
 * The field a child's error belongs to: `children.<index>.<field>`, or the single-child field
 * (`voiceNoteKey`, `childName`, …) when the request came in the old shape.
 */
export function childFieldPath(
  request: Pick<BookingRequest, 'childName'>,
  index: number,
  field: keyof ChildRequest,
): string {
  if (request.childName === undefined) return `children.${index}.${field}`;
  const single: Record<keyof ChildRequest, string> = {
    name: 'childName',
    age: 'childAge',
    gender: 'childGender',
    infoText: 'childInfoText',
    voiceNoteKey: 'voiceNoteKey',
    voiceNoteProof: 'voiceNoteProof',
  };
  return single[field];
}

/**
 * The rules between the children fields: one shape (`children` or the single-child fields),
 * the single child named and aged, names that differ, and each voice note used once.
 */
function checkChildren(request: ChildrenOfRequest, context: z.core.$RefinementCtx): void {
  const single = singleChildFields.filter((field) => request[field] !== undefined);
  if (request.children && single.length > 0) {
    context.addIssue({
      code: 'custom',
      path: ['children'],
      message: 'Send either children or childName and childAge, not both.',
    });
    return;
  }
  if (!request.children) {
    if (single.length === 0) {
      context.addIssue({
        code: 'custom',
        path: ['children'],
        message: 'Tell us about at least one child.',
      });
      return;
    }
    if (request.childName === undefined) {
      context.addIssue({ code: 'custom', path: ['childName'], message: "Enter the child's name." });
    }
    if (request.childAge === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['childAge'],
        message: "Enter the child's age as a number.",
      });
    }
    if (request.voiceNoteKey && !request.voiceNoteProof) {
      context.addIssue({ code: 'custom', path: ['voiceNoteKey'], message: voiceNoteWithoutProof });
    }
    return;
  }
  const repeated = repeatedChildName(request.children.map((child) => child.name));
  if (repeated) {
    context.addIssue({
      code: 'custom',
      path: ['children', repeated.index, 'name'],
      message: `Two children are called "${repeated.name}": give each child a different name, or the name Santa calls them by.`,
    });
  }
  const keys = request.children.map((child) => child.voiceNoteKey);
  for (const [index, key] of keys.entries()) {
    if (key !== undefined && keys.indexOf(key) !== index) {
      context.addIssue({
        code: 'custom',
        path: ['children', index, 'voiceNoteKey'],
        message: "Record a separate voice note for each child: this one is another child's.",
      });
    }
  }
}

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
