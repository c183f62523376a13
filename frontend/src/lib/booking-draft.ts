import { maxChildrenPerCall } from '../../../functions/core/children.ts';
import { isLanguageCode, type LanguageCode } from '../../../functions/core/languages.ts';
import type { NotePersonRelation } from '../../../functions/core/santa-notes.ts';
import {
  bookingRequestSchema,
  type childGenders,
  consentTextVersion,
  fieldErrors,
  singleChildFields,
} from '../../../functions/schemas/booking-request.ts';
import { currentAttribution } from './attribution.ts';
import { siteLocale } from './locale.ts';

/**
 * The wizard's form state, as typed, and how it becomes the body of POST /api/calls. Every
 * check is the shared booking schema's own (functions/schemas/booking-request.ts).
 */

/** One child as typed (functions/core/children.ts stores one to `maxChildrenPerCall`). */
export interface ChildDraft {
  /** Stable per child in this draft, for React keys and element ids; never sent. */
  id: string;
  name: string;
  age: string;
  gender: '' | (typeof childGenders)[number];
  infoText: string;
  voiceNoteKey?: string | undefined;
  /** The proof the upload gave with the key: a booking may only name its own voice note. */
  voiceNoteProof?: string | undefined;
}

/** The parent's notes for Santa as typed (functions/core/santa-notes.ts); every one optional. */
export interface NotesDraft {
  praise: string;
  encouragement: string;
  people: { id: string; relation: NotePersonRelation; name: string }[];
  avoidTopics: string;
}

export interface Draft {
  children: ChildDraft[];
  /** The language Santa speaks on the call; the site's language until the parent picks one. */
  language: LanguageCode;
  /** True once the parent chose the call's language; until then it follows the site's. */
  languageChosen?: boolean | undefined;
  notes: NotesDraft;
  timezone: string;
  callNow: boolean;
  /** If Santa cannot get through before calling hours end, try again when they open next. */
  waitForCallingHours: boolean;
  scheduledAt?: string | undefined;
  /** The day shown in the picker, to come back to it. */
  pickerDate?: string | undefined;
  country: string;
  phoneNational: string;
  /** E.164 once the number parses for the country; what is sent. */
  phoneNumber: string;
  parentEmail: string;
  giftBudget: string;
  /** The currency to pay in (and of the gift budget); '' until the price list has loaded. */
  currency: string;
  purchaseRecording: boolean;
  /** True once the parent ticked or unticked the recording; until then it is not bought. */
  recordingChosen?: boolean | undefined;
  consent: { ownsNumber: boolean; isGuardian: boolean; aiCall: boolean; recording: boolean };
}

let lastId = 0;
/** A new id for a child or a named person, unique in this page's life. */
export function draftId(): string {
  lastId += 1;
  return `d${Date.now().toString(36)}${lastId}`;
}

export function emptyChild(): ChildDraft {
  return { id: draftId(), name: '', age: '', gender: '', infoText: '' };
}

export function emptyNotes(): NotesDraft {
  return { praise: '', encouragement: '', people: [], avoidTopics: '' };
}

/** The steps, by number; their titles are the `book` namespace's `steps.<number>`. */
export const steps = [{ number: 1 }, { number: 2 }, { number: 3 }, { number: 4 }] as const;
export type StepNumber = (typeof steps)[number]['number'];

/** Which step each field of the request (and each API error) belongs to. */
export function stepOfField(field: string): StepNumber {
  const top = field.split('.')[0] ?? field;
  if (['children', 'language', 'notesForSanta', ...singleChildFields].includes(top)) return 1;
  // The number comes first on step 2: its country sets the time zone the times are shown in.
  if (
    [
      'phoneNumber',
      'phoneCountry',
      'timezone',
      'scheduledAt',
      'callNow',
      'waitForCallingHours',
    ].includes(top)
  ) {
    return 2;
  }
  if (['parentEmail', 'giftBudget', 'currency'].includes(top)) return 3;
  return 4;
}

const numberOrText = (value: string): number | string | undefined => {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
};

/** Attribution is only sent when the schema accepts it: the parent could not fix it. */
function attribution() {
  const { affiliateCode, utmSource } = currentAttribution();
  const shape = bookingRequestSchema.shape;
  return {
    ...(affiliateCode && shape.affiliateCode.safeParse(affiliateCode).success
      ? { affiliateCode }
      : {}),
    ...(utmSource && shape.utmSource.safeParse(utmSource).success ? { utmSource } : {}),
  };
}

/** A child's fields as the request names them (`children[]`). */
function childRequest(child: ChildDraft): Record<string, unknown> {
  const info = child.infoText.trim();
  return {
    name: child.name,
    age: numberOrText(child.age),
    ...(child.gender ? { gender: child.gender } : {}),
    ...(info ? { infoText: info } : {}),
    ...(child.voiceNoteKey
      ? { voiceNoteKey: child.voiceNoteKey, voiceNoteProof: child.voiceNoteProof }
      : {}),
  };
}

/** The notes as sent: trimmed, empty ones left out; undefined when nothing was written. */
export function notesRequest(notes: NotesDraft): Record<string, unknown> | undefined {
  const praise = notes.praise.trim();
  const encouragement = notes.encouragement.trim();
  const avoidTopics = notes.avoidTopics.trim();
  const people = notes.people
    .map((person) => ({ relation: person.relation, name: person.name.trim() }))
    .filter((person) => person.name !== '');
  const request = {
    ...(praise ? { praise } : {}),
    ...(encouragement ? { encouragement } : {}),
    ...(people.length ? { people } : {}),
    ...(avoidTopics ? { avoidTopics } : {}),
  };
  return Object.keys(request).length ? request : undefined;
}

/**
 * The request body for the draft as it stands (possibly invalid), in the shape the shared schema
 * takes since siblings (issue #14): children[], language, notesForSanta.
 */
export function toRequest(draft: Draft): Record<string, unknown> {
  const notes = notesRequest(draft.notes);
  return {
    children: draft.children.map(childRequest),
    language: draft.language,
    ...(notes ? { notesForSanta: notes } : {}),
    phoneNumber: draft.phoneNumber || draft.phoneNational,
    // The country chosen beside the number: a national number is read as its, and a refused
    // one is given its example numbers.
    ...(draft.country ? { phoneCountry: draft.country } : {}),
    timezone: draft.timezone,
    ...(draft.callNow
      ? { callNow: true }
      : draft.scheduledAt
        ? { scheduledAt: draft.scheduledAt }
        : {}),
    waitForCallingHours: draft.waitForCallingHours,
    parentEmail: draft.parentEmail.trim(),
    // A currency symbol typed before the number ("£50", "US$50") is not part of it.
    giftBudget: numberOrText(draft.giftBudget.trim().replace(/^[^\d-]+/, '')),
    ...(draft.currency ? { currency: draft.currency } : {}),
    locale: siteLocale(),
    purchaseRecording: draft.purchaseRecording,
    ...attribution(),
    consent: {
      ownsNumber: draft.consent.ownsNumber,
      isGuardian: draft.consent.isGuardian,
      aiCall: draft.consent.aiCall,
      ...(draft.purchaseRecording ? { recording: draft.consent.recording } : {}),
      version: consentTextVersion,
    },
  };
}

/**
 * Valid stand-ins for the fields of other steps. zod runs an object's cross-field rules
 * ("a time or call now", "recording needs consent") only once every field parses, so a step
 * is checked with the other steps filled in.
 */
const standIns: Record<StepNumber, Record<string, unknown>> = {
  1: { children: [{ name: 'Ada', age: 6 }], language: 'en' },
  2: {
    phoneNumber: '+14155552671',
    timezone: 'America/New_York',
    callNow: true,
    scheduledAt: undefined,
    waitForCallingHours: false,
  },
  3: { parentEmail: 'stand-in@example.com', giftBudget: 0 },
  4: {
    purchaseRecording: false,
    consent: { ownsNumber: true, isGuardian: true, aiCall: true, version: consentTextVersion },
  },
};

function standInsBut(step: StepNumber): Record<string, unknown> {
  return Object.assign(
    {},
    ...steps.filter((other) => other.number !== step).map((other) => standIns[other.number]),
  );
}

function issuesOf(request: Record<string, unknown>): Record<string, string> {
  for (const [field, value] of Object.entries(request)) {
    if (value === undefined) delete request[field];
  }
  const result = bookingRequestSchema.safeParse(request);
  return result.success ? {} : fieldErrors(result.error);
}

/** The request with step `step`'s real fields and valid stand-ins for the others. */
function stepRequest(draft: Draft, step: StepNumber): Record<string, unknown> {
  return { ...toRequest(draft), ...standInsBut(step) };
}

/** The schema's messages for one step's fields (`children.0.name`, `consent.aiCall`, …). */
export function validateStep(draft: Draft, step: StepNumber): Record<string, string> {
  const request = stepRequest(draft, step);
  const ofStep = (issues: Record<string, string>) =>
    Object.fromEntries(Object.entries(issues).filter(([field]) => stepOfField(field) === step));
  const issues = ofStep(issuesOf(request));
  if (step !== 4) return issues;
  // The recording consent is a cross-field rule: show it with the other boxes, not after them.
  const consent = request.consent as Record<string, unknown>;
  const crossField = ofStep(
    issuesOf({
      ...request,
      consent: { ...consent, ownsNumber: true, isGuardian: true, aiCall: true },
    }),
  );
  return { ...crossField, ...issues };
}

/** The schema's messages for every step, each checked as it would be on its own. */
export function validate(draft: Draft): Record<string, string> {
  return Object.assign({}, ...steps.map((step) => validateStep(draft, step.number)));
}

export function firstInvalidStep(errors: Record<string, string>): StepNumber | undefined {
  const found = Object.keys(errors).map(stepOfField);
  return found.length ? (Math.min(...found) as StepNumber) : undefined;
}

const storageKey = 'callsanta.draft';

/** A draft saved before siblings (issue #14): one child in flat fields. */
interface OldDraftFields {
  childName?: string;
  childAge?: string;
  childGender?: ChildDraft['gender'];
  childInfoText?: string;
  voiceNoteKey?: string;
  voiceNoteProof?: string;
}

/**
 * The draft to resume: what was saved over the defaults. A draft saved before siblings (flat
 * `childName`, …) comes back as its one child. A paid add-on the parent never chose is not
 * bought, whatever was saved (drafts saved before the add-on started unticked carry
 * `purchaseRecording: true` from the old default).
 */
export function restoreDraft(defaults: Draft, saved: Partial<Draft> & OldDraftFields): Draft {
  const { childName, childAge, childGender, childInfoText, voiceNoteKey, voiceNoteProof, ...rest } =
    saved;
  const oldChild: ChildDraft | undefined =
    !Array.isArray(saved.children) &&
    [childName, childAge, childGender, childInfoText, voiceNoteKey].some(Boolean)
      ? {
          id: draftId(),
          name: childName ?? '',
          age: childAge ?? '',
          gender: childGender ?? '',
          infoText: childInfoText ?? '',
          ...(voiceNoteKey ? { voiceNoteKey, voiceNoteProof } : {}),
        }
      : undefined;
  const children =
    oldChild !== undefined
      ? [oldChild]
      : Array.isArray(rest.children) && rest.children.length > 0
        ? rest.children.slice(0, maxChildrenPerCall)
        : defaults.children;
  const draft: Draft = {
    ...defaults,
    ...rest,
    children,
    notes: { ...defaults.notes, ...rest.notes },
    language: rest.language && isLanguageCode(rest.language) ? rest.language : defaults.language,
  };
  return draft.recordingChosen === true
    ? draft
    : { ...draft, purchaseRecording: false, recordingChosen: false };
}

export function loadDraft(defaults: Draft): Draft {
  try {
    const saved = sessionStorage.getItem(storageKey);
    return saved ? restoreDraft(defaults, JSON.parse(saved) as Partial<Draft>) : defaults;
  } catch {
    return defaults;
  }
}

export function saveDraft(draft: Draft): void {
  try {
    sessionStorage.setItem(storageKey, JSON.stringify(draft));
  } catch {
    // Nothing to do: the draft lives in memory.
  }
}

export function clearDraft(): void {
  try {
    sessionStorage.removeItem(storageKey);
  } catch {
    // Nothing to do.
  }
}
