import { ulid } from 'ulid';
import { createPaymentIntent } from '../adapters/payments.ts';
import { loadBookingConfig } from '../config/booking-config.ts';
import { readSecret } from '../config/secrets.ts';
import { accessTokenFor } from '../core/access-token.ts';
import { ConflictError, UpstreamError, ValidationError } from '../core/errors.ts';
import { giftBudgetProblem } from '../core/gift-budget.ts';
import { defaultLocale } from '../core/locale.ts';
import { checkedCalleeTimezone, checkedCallTime, newBooking } from '../core/new-booking.ts';
import { priceBooking, pricingForBooking } from '../core/pricing.ts';
import { placeInstantFor, slotCapacity } from '../core/scheduling-rules.ts';
import { findActiveAffiliate } from '../data/affiliates.ts';
import type { AuditEvent } from '../data/audit-trail.ts';
import {
  createBooking,
  type NewBooking,
  SlotFullError,
  setPaymentIntent,
} from '../data/bookings.ts';
import { lineFreeNow } from '../data/call-lines.ts';
import { activePricing } from '../data/pricing.ts';
import { givePlaceBack } from '../data/slots.ts';
import type { CreatedBooking } from '../schemas/api/create-booking.ts';
import {
  bookingRequestSchema,
  childFieldPath,
  requestedChildren,
  requestedLanguage,
} from '../schemas/booking-request.ts';
import { nearestFreeTimes } from '../services/availability.ts';
import { reclaimExpiredPlaces } from '../services/hold-reclaim.ts';
import {
  knownFull,
  oneAtATime,
  rememberFull,
  sameRead,
  sharedRead,
} from '../services/instant-admission.ts';
import { assertVoiceNoteUploaded } from '../services/voice-note-check.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { logger, setBookingCorrelation } from '../shared/logger.ts';
import { countMetric, metricNames } from '../shared/metrics.ts';
import { parseJsonBody } from '../shared/request.ts';

const config = loadBookingConfig();

/**
 * POST /api/calls: validates the request (the number by the full metadata, the zone by the
 * number's country), freezes the price, holds a place in the slot with
 * the booking in one transaction, then asks Stripe for the PaymentIntent.
 */
export const handler = httpHandler(async (event) => {
  const parsed = parseJsonBody(event, bookingRequestSchema);
  // Calling hours are the callee's: the zone is the number's, whatever the browser said.
  const request = {
    ...parsed,
    children: requestedChildren(parsed),
    language: requestedLanguage(parsed),
    timezone: checkedCalleeTimezone(parsed.phoneNumber, parsed.timezone),
  };
  const now = new Date();
  const callAt = checkedCallTime(request, now, config.rules);
  // A burst at a full instant is answered before any other read (`instant-admission.ts`).
  const instant = placeInstantFor(callAt, request.callNow === true).toISOString();
  if (knownFull(instant)) throw await slotFull(callAt, request.timezone, now);
  // Each child's voice note: named with its upload's proof, and really uploaded.
  const voiceNotes = request.children.flatMap((child, index) =>
    child.voiceNoteKey ? [{ key: child.voiceNoteKey, proof: child.voiceNoteProof, index }] : [],
  );
  if (voiceNotes.length > 0) {
    const { signingKey } = await readSecret('access-token');
    for (const note of voiceNotes) {
      await assertVoiceNoteUploaded(
        note.key,
        note.proof,
        signingKey,
        childFieldPath(request, note.index, 'voiceNoteKey'),
      );
    }
  }

  const bookingId = ulid();
  setBookingCorrelation(bookingId);
  const [priceList, affiliate, accessToken] = await Promise.all([
    sameRead('pricing', activePricing),
    request.affiliateCode ? findActiveAffiliate(request.affiliateCode) : undefined,
    readSecret('access-token'),
  ]);
  // The currency the parent chose (the list's default for older clients); Stripe charges in it.
  const pricing = pricingForBooking(priceList, request.currency);
  const budgetProblem = giftBudgetProblem(
    request.giftBudget,
    pricing.currency,
    request.locale ?? defaultLocale,
  );
  if (budgetProblem) {
    throw new ValidationError('The gift budget is out of range.', { giftBudget: budgetProblem });
  }
  const price = priceBooking(pricing, request.purchaseRecording, request.children.length);
  const booking = newBooking({
    bookingId,
    request,
    callAt,
    price,
    affiliateSlug: affiliate?.slug,
    now,
  });
  const created = {
    type: 'booking_created',
    detail: {
      callNow: String(booking.callNow),
      scheduledAt: booking.scheduledAt,
      timezone: booking.timezone,
      waitForCallingHours: String(booking.waitForCallingHours === true),
      totalCents: String(price.totalCents),
      children: String(request.children.length),
      language: request.language,
      ...(affiliate ? { affiliate: affiliate.slug } : {}),
    },
  };

  // "Call now" only when a line is free this moment and nobody due is waiting for one.
  if (booking.callNow && !(await lineFreeNow(config.rules.concurrentCalls))) {
    throw await noLineNow(request.timezone, now);
  }
  await takePlace(booking, created, now);
  logger.info('booking created', { bookingId, callNow: booking.callNow });
  countMetric(metricNames.bookingsCreated);

  let intent: { id: string; clientSecret: string };
  try {
    intent = await createPaymentIntent({
      bookingId,
      amountCents: price.totalCents,
      currency: price.currency,
    });
  } catch (error) {
    logger.error('payment intent failed', {
      bookingId,
      error: error instanceof Error ? error.name : 'unknown',
    });
    // This parent is told to try again: the place must not stay held by a booking that can
    // never be paid (it would be lost to everyone until the hold expired).
    await givePlaceBack(booking.slotStart, bookingId);
    throw new UpstreamError('The payment service did not answer. Please try again in a moment.');
  }
  await setPaymentIntent(bookingId, intent.id);

  return jsonResponse(201, {
    callId: bookingId,
    clientSecret: intent.clientSecret,
    paymentIntentId: intent.id,
    accessToken: accessTokenFor(bookingId, accessToken.signingKey),
    amountCents: price.totalCents,
    currency: price.currency,
  } satisfies CreatedBooking);
});

/**
 * Takes the booking's place at its instant with the booking write (one transaction), giving
 * back expired unpaid holds when the instant is full. One request at a time per instant, and
 * a full instant is remembered for a moment (`instant-admission.ts`).
 *
 * @throws ConflictError `slot_full` with the nearest free times
 */
function takePlace(booking: NewBooking, created: AuditEvent, now: Date): Promise<void> {
  const instant = booking.slotStart;
  const callAt = new Date(booking.scheduledAt);
  const capacity = slotCapacity(new Date(instant), config.rules);
  const refuse = async () => slotFull(callAt, booking.timezone, now);
  return oneAtATime(instant, async () => {
    if (knownFull(instant)) throw await refuse();
    try {
      await createBooking(booking, created, capacity);
      return;
    } catch (error) {
      if (!(error instanceof SlotFullError)) throw error;
    }
    // Unpaid holds may have expired: give them back (their payments cancelled) and try again.
    if ((await reclaimExpiredPlaces(instant, now)) > 0) {
      try {
        await createBooking(booking, created, capacity);
        return;
      } catch (error) {
        if (!(error instanceof SlotFullError)) throw error;
      }
    }
    rememberFull(instant);
    throw await refuse();
  });
}

/** 409 for a full instant: nothing left there, and the nearest times that have places. */
async function slotFull(callAt: Date, timezone: string, now: Date): Promise<ConflictError> {
  const alternatives = await sharedRead(`${callAt.toISOString()} ${timezone}`, () =>
    nearestFreeTimes(callAt, timezone, now, config.rules),
  );
  return new ConflictError(
    'slot_full',
    'Santa is fully booked at that time. Please choose one of the nearest free times.',
    { placesLeft: 0, nearestFreeTimes: alternatives },
  );
}

/** 409 for "call now" while every line is busy: the nearest bookable times instead. */
async function noLineNow(timezone: string, now: Date): Promise<ConflictError> {
  const alternatives = await nearestFreeTimes(now, timezone, now, config.rules);
  return new ConflictError(
    'no_line_free',
    "All of Santa's lines are busy this minute. Please choose one of the nearest free times.",
    { placesLeft: 0, nearestFreeTimes: alternatives },
  );
}
