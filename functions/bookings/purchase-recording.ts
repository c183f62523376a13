import { createRecordingPaymentIntent } from '../adapters/payments.ts';
import { ConflictError } from '../core/errors.ts';
import { notBuyableMessages, recordingOffer } from '../core/recording-purchase.ts';
import { appendAuditEvent } from '../data/audit-trail.ts';
import type { RecordingPurchase } from '../schemas/api/recording-purchase.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { bearerToken } from '../shared/request.ts';
import { authorizedBooking } from './authorize.ts';

/**
 * POST /api/calls/{callId}/recording-purchase with the booking's access token: buy the
 * recording (and its video) after the call. Answers 201 with a PaymentIntent for the booking's
 * frozen `recordingCents` (metadata `{ bookingId, purpose: 'recording' }`) for the site to
 * confirm; the Stripe webhook then marks it bought and starts the render. Asking again answers
 * the same intent (idempotency key per booking). 409 `{ error: { code, message } }` when it
 * cannot be bought now (not completed, no audio, erased, already bought, refunded, too late);
 * 404 for a wrong token; 502 when Stripe cannot be reached.
 */
export const handler = httpHandler(async (event) => {
  const booking = await authorizedBooking(event);
  const offer = recordingOffer(booking, new Date());
  if (!offer.buyable) throw new ConflictError(offer.reason, notBuyableMessages[offer.reason]);
  const intent = await createRecordingPaymentIntent({
    bookingId: booking.bookingId,
    amountCents: offer.amountCents,
    currency: offer.currency,
  });
  await appendAuditEvent(booking.bookingId, {
    type: 'recording_payment_intent_created',
    detail: { paymentIntentId: intent.id },
  });
  const answer: RecordingPurchase = {
    callId: booking.bookingId,
    clientSecret: intent.clientSecret,
    paymentIntentId: intent.id,
    accessToken: bearerToken(event) ?? '',
    amountCents: offer.amountCents,
    currency: offer.currency,
  };
  return jsonResponse(201, answer);
});
