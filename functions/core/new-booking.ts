import type { BookingRecord } from './booking.ts';
import type { StoredChild } from './children.ts';
import { consentTextVersion } from './consent.ts';
import { ValidationError } from './errors.ts';
import type { LanguageCode } from './languages.ts';
import { defaultLocale } from './locale.ts';
import {
  calleeTimezone,
  describePhoneNumberProblem,
  describeZoneMismatch,
  phoneNumberCountryCode,
  phoneNumberProblem,
} from './phone-numbers.ts';
import type { PriceSnapshot } from './pricing.ts';
import { bookingExpiresAt } from './retention.ts';
import {
  describeScheduleProblem,
  formatCallingHours,
  isWithinCallingHours,
  placeInstantFor,
  type SchedulingRules,
  scheduleProblem,
} from './scheduling-rules.ts';

/** One child of a validated request (the schema's `children[]`; the proof is not stored). */
export type RequestedChild = Pick<
  StoredChild,
  'name' | 'age' | 'gender' | 'infoText' | 'voiceNoteKey'
>;

/**
 * What a validated booking request says (the API's booking schema gives exactly this, with
 * the single child of older clients read as `children`, and the language decided).
 */
export type BookingRequestFields = Pick<
  BookingRecord,
  | 'notesForSanta'
  | 'phoneNumber'
  | 'parentEmail'
  | 'giftBudget'
  | 'purchaseRecording'
  | 'waitForCallingHours'
  | 'timezone'
  | 'utmSource'
  | 'locale'
> & {
  readonly children: readonly RequestedChild[];
  readonly language: LanguageCode;
  readonly callNow?: true | undefined;
  readonly consent: { readonly recording?: boolean | undefined };
};

/** How long an unpaid booking keeps its place in a slot. */
export const holdMinutes = 30;

/**
 * The callee's time zone for a booking, the one calling hours are judged in: from the phone
 * number's country when it has one zone, else the zone the parent chose when it is one of the
 * country's (see `calleeTimezone`).
 *
 * @throws ValidationError on `phoneNumber` when Santa will not call the number (full metadata:
 *   premium rate, shared cost, extensions, …), or on `timezone` when the chosen zone is not
 *   where the number is, naming the zone(s) that are.
 */
export function checkedCalleeTimezone(phoneNumber: string, chosenZone: string): string {
  const problem = phoneNumberProblem(phoneNumber);
  if (problem) {
    throw new ValidationError('Santa cannot call that number.', {
      phoneNumber: describePhoneNumberProblem(problem, phoneNumberCountryCode(phoneNumber)),
    });
  }
  const callee = calleeTimezone(phoneNumber, chosenZone);
  if ('problem' in callee) {
    throw new ValidationError("The time zone is not the phone number's.", {
      timezone: describeZoneMismatch(phoneNumber, callee.zones),
    });
  }
  return callee.zone;
}

/** The instant a call is booked for, checked against the scheduling rules. */
export function checkedCallTime(
  request: { callNow?: true | undefined; scheduledAt?: string | undefined; timezone: string },
  now: Date,
  rules: SchedulingRules,
): Date {
  if (request.callNow) {
    if (!isWithinCallingHours(now, request.timezone, rules)) {
      throw new ValidationError('Santa cannot call right now.', {
        callNow: `Santa calls between ${formatCallingHours(rules)} in the child's time zone; choose a time instead.`,
      });
    }
    return now;
  }
  const callAt = new Date(request.scheduledAt ?? '');
  const problem = scheduleProblem(callAt, request.timezone, now, rules);
  if (problem) {
    throw new ValidationError('That call time cannot be booked.', {
      scheduledAt: describeScheduleProblem(problem, rules),
    });
  }
  return callAt;
}

/**
 * The booking record for a validated request, with its price frozen and place on hold.
 * `request.timezone` must already be the callee's zone (`checkedCalleeTimezone`). The children
 * are stored as `children` and, for readers of the single-child shape (a Lambda of the previous
 * version mid-deploy, old emails), the first child in the flat fields too.
 *
 * @throws Error when the request names no child (the schema refuses such a request first)
 */
export function newBooking(options: {
  readonly bookingId: string;
  readonly request: BookingRequestFields;
  readonly callAt: Date;
  readonly price: PriceSnapshot;
  readonly affiliateSlug: string | undefined;
  readonly now: Date;
}): BookingRecord {
  const { bookingId, request, callAt, price, affiliateSlug, now } = options;
  const children = request.children.map(storedChild);
  const first = children[0];
  if (!first) throw new Error('A booking needs at least one child.');
  return {
    bookingId,
    version: 1,
    callStatus: 'pending',
    paymentStatus: 'pending',
    videoStatus: request.purchaseRecording ? 'pending' : 'not_requested',
    children,
    language: request.language,
    ...(request.notesForSanta ? { notesForSanta: request.notesForSanta } : {}),
    childName: first.name,
    childAge: first.age,
    ...(first.gender ? { childGender: first.gender } : {}),
    ...(first.infoText ? { childInfoText: first.infoText } : {}),
    ...(first.voiceNoteKey ? { voiceNoteKey: first.voiceNoteKey } : {}),
    phoneNumber: request.phoneNumber,
    parentEmail: request.parentEmail,
    parentEmailKey: request.parentEmail.trim().toLowerCase(),
    giftBudget: request.giftBudget,
    purchaseRecording: request.purchaseRecording,
    callNow: request.callNow === true,
    waitForCallingHours: request.waitForCallingHours === true,
    scheduledAt: callAt.toISOString(),
    expiresAt: bookingExpiresAt(callAt.toISOString()),
    timezone: request.timezone,
    slotStart: placeInstantFor(callAt, request.callNow === true).toISOString(),
    baseCents: price.baseCents,
    extraChildrenCents: price.extraChildrenCents,
    recordingCents: price.recordingCents,
    totalCents: price.totalCents,
    currency: price.currency,
    locale: request.locale ?? defaultLocale,
    consentVersion: consentTextVersion,
    consentedAt: now.toISOString(),
    recordingConsent: request.consent.recording === true,
    ...(affiliateSlug ? { affiliateSlug } : {}),
    ...(request.utmSource ? { utmSource: request.utmSource } : {}),
    holdExpiresAt: freshHoldExpiry(now),
    attempts: 0,
  };
}

/** A requested child as stored: only the fields given (no proof: it served the request). */
function storedChild(child: RequestedChild): StoredChild {
  return {
    name: child.name,
    age: child.age,
    ...(child.gender ? { gender: child.gender } : {}),
    ...(child.infoText ? { infoText: child.infoText } : {}),
    ...(child.voiceNoteKey ? { voiceNoteKey: child.voiceNoteKey } : {}),
  };
}

/** When an unpaid place taken `now` is given back if still not paid (ISO). */
export function freshHoldExpiry(now: Date): string {
  return new Date(now.getTime() + holdMinutes * 60_000).toISOString();
}
