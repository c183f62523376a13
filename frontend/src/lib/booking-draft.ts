import {
  bookingRequestSchema,
  type childGenders,
  consentTextVersion,
  fieldErrors,
} from '../../../functions/schemas/booking-request.ts';
import { currentAttribution } from './attribution.ts';
import { siteLocale } from './locale.ts';

/**
 * The wizard's form state, as typed, and how it becomes the body of POST /api/calls. Every
 * check is the shared booking schema's own (functions/schemas/booking-request.ts).
 */
export interface Draft {
  childName: string;
  childAge: string;
  childGender: '' | (typeof childGenders)[number];
  childInfoText: string;
  voiceNoteKey?: string | undefined;
  /** The proof the upload gave with the key: a booking may only name its own voice note. */
  voiceNoteProof?: string | undefined;
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

export const steps = [
  { number: 1, title: 'Your child' },
  { number: 2, title: 'Number and time' },
  { number: 3, title: 'Your details' },
  { number: 4, title: 'Review and pay' },
] as const;
export type StepNumber = (typeof steps)[number]['number'];

/** Which step each field of the request (and each API error) belongs to. */
export function stepOfField(field: string): StepNumber {
  const top = field.split('.')[0] ?? field;
  if (
    [
      'childName',
      'childAge',
      'childGender',
      'childInfoText',
      'voiceNoteKey',
      'voiceNoteProof',
    ].includes(top)
  ) {
    return 1;
  }
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

/** The request body for the draft as it stands (possibly invalid). */
export function toRequest(draft: Draft): Record<string, unknown> {
  const info = draft.childInfoText.trim();
  return {
    childName: draft.childName,
    childAge: numberOrText(draft.childAge),
    ...(draft.childGender ? { childGender: draft.childGender } : {}),
    ...(info ? { childInfoText: info } : {}),
    ...(draft.voiceNoteKey
      ? { voiceNoteKey: draft.voiceNoteKey, voiceNoteProof: draft.voiceNoteProof }
      : {}),
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
 * Valid stand-ins for the fields of later steps. zod runs an object's cross-field rules
 * ("a time or call now", "recording needs consent") only once every field parses, so a step
 * is checked with the steps after it filled in.
 */
const standIns: Record<2 | 3 | 4, Record<string, unknown>> = {
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

function standInsAfter(step: StepNumber): Record<string, unknown> {
  return Object.assign(
    {},
    ...([2, 3, 4] as const).filter((later) => later > step).map((later) => standIns[later]),
  );
}

function stepIssues(request: Record<string, unknown>, step: StepNumber): Record<string, string> {
  for (const [field, value] of Object.entries(request)) {
    if (value === undefined) delete request[field];
  }
  const result = bookingRequestSchema.safeParse(request);
  if (result.success) return {};
  return Object.fromEntries(
    Object.entries(fieldErrors(result.error)).filter(([field]) => stepOfField(field) === step),
  );
}

/** The schema's messages for one step's fields (`consent.aiCall`, …). */
export function validateStep(draft: Draft, step: StepNumber): Record<string, string> {
  const request = { ...toRequest(draft), ...standInsAfter(step) };
  const issues = stepIssues(request, step);
  if (step !== 4) return issues;
  // The recording consent is a cross-field rule: show it with the other boxes, not after them.
  const consent = request.consent as Record<string, unknown>;
  const crossField = stepIssues(
    { ...request, consent: { ...consent, ownsNumber: true, isGuardian: true, aiCall: true } },
    step,
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

/**
 * The draft to resume: what was saved over the defaults. A paid add-on the parent never chose
 * is not bought, whatever was saved (drafts saved before the add-on started unticked carry
 * `purchaseRecording: true` from the old default).
 */
export function restoreDraft(defaults: Draft, saved: Partial<Draft>): Draft {
  const draft = { ...defaults, ...saved };
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
