import type { NewBooking } from '../data/bookings.ts';
import { type BookingRequest, consentTextVersion } from '../schemas/booking-request.ts';
import { ValidationError } from '../shared/errors.ts';
import type { PriceSnapshot } from './pricing.ts';
import {
  describeScheduleProblem,
  formatCallingHours,
  isWithinCallingHours,
  type SchedulingRules,
  scheduleProblem,
  slotStart,
} from './scheduling-rules.ts';

/** How long an unpaid booking keeps its place in a slot. */
export const holdMinutes = 30;

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

/** The booking record for a validated request, with its price frozen and place on hold. */
export function newBooking(options: {
  readonly bookingId: string;
  readonly request: BookingRequest;
  readonly callAt: Date;
  readonly price: PriceSnapshot;
  readonly affiliateSlug: string | undefined;
  readonly now: Date;
}): NewBooking {
  const { bookingId, request, callAt, price, affiliateSlug, now } = options;
  return {
    bookingId,
    version: 1,
    callStatus: 'pending',
    paymentStatus: 'pending',
    videoStatus: request.purchaseRecording ? 'pending' : 'not_requested',
    childName: request.childName,
    childAge: request.childAge,
    ...(request.childGender ? { childGender: request.childGender } : {}),
    ...(request.childInfoText ? { childInfoText: request.childInfoText } : {}),
    ...(request.voiceNoteKey ? { voiceNoteKey: request.voiceNoteKey } : {}),
    phoneNumber: request.phoneNumber,
    parentEmail: request.parentEmail,
    parentEmailKey: request.parentEmail.trim().toLowerCase(),
    giftBudget: request.giftBudget,
    purchaseRecording: request.purchaseRecording,
    callNow: request.callNow === true,
    scheduledAt: callAt.toISOString(),
    timezone: request.timezone,
    slotStart: slotStart(callAt).toISOString(),
    baseCents: price.baseCents,
    recordingCents: price.recordingCents,
    totalCents: price.totalCents,
    currency: price.currency,
    consentVersion: consentTextVersion,
    consentedAt: now.toISOString(),
    recordingConsent: request.consent.recording === true,
    ...(affiliateSlug ? { affiliateSlug } : {}),
    ...(request.utmSource ? { utmSource: request.utmSource } : {}),
    holdExpiresAt: new Date(now.getTime() + holdMinutes * 60_000).toISOString(),
    attempts: 0,
  };
}
