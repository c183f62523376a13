import Stripe from 'stripe';
import type * as z from 'zod';
import { readSecret } from '../config/secrets.ts';
import { stripePersonalDataUpdate } from '../core/erasure.ts';
import { DomainError, UpstreamError } from '../core/errors.ts';
import { recordingPurpose } from '../core/recording-purchase.ts';
import { describeIssues } from '../schemas/describe-issues.ts';
import { type StripeCharge, stripeChargeSchema } from '../schemas/stripe-charge.ts';
import {
  MalformedStripeEventError,
  parseStripeEvent,
  type StripeEvent,
} from '../schemas/stripe-event.ts';
import {
  type StripePaymentIntent,
  stripePaymentIntentPersonalSchema,
  stripePaymentIntentSchema,
} from '../schemas/stripe-payment-intent.ts';
import { stripeRefundSchema } from '../schemas/stripe-refund.ts';
import { logger } from '../shared/logger.ts';
import { createStripeClient } from './stripe-client.ts';
import { stripeSignatureHeaderProblem } from './stripe-signature-header.ts';

let client: { readonly secretKey: string; readonly stripe: Stripe } | undefined;

/**
 * The Stripe client for the current secret key: kept while the key stays the same, made anew
 * when a rotation put another one (`readSecret` re-reads the secret every few minutes).
 */
async function stripe(): Promise<Stripe> {
  const { secretKey } = await readSecret('stripe');
  if (client?.secretKey !== secretKey) {
    client = {
      secretKey,
      stripe: createStripeClient({ ...process.env, STRIPE_SECRET_KEY: secretKey }),
    };
  }
  return client.stripe;
}

/**
 * How far a `Stripe-Signature` timestamp may be from our clock, either way, in seconds.
 * stripe-node bounds only the past (its default, 300 s); a signature from the future is as
 * suspect as a stale one (a replay prepared in advance, or a broken clock), so we bound both.
 */
export const signatureToleranceSeconds = 300;

/** A webhook whose signature does not verify, or whose timestamp is out of tolerance: 400. */
export class WebhookSignatureError extends DomainError {
  constructor(code: 'invalid_signature' | 'signature_outside_tolerance', message: string) {
    super('invalid', code, message);
  }
}

/**
 * Stripe could not be asked (network, timeout, 5xx, 429), or answered something we cannot
 * read. A 502: for a webhook that means Stripe delivers it again later.
 */
export class PaymentProviderError extends UpstreamError {
  constructor(operation: string, cause: unknown) {
    super(`The payment service could not ${operation} just now. Please try again in a moment.`);
    this.cause = cause;
  }
}

/**
 * What a PaymentIntent is made from. No parent email or name goes to Stripe: our confirmation
 * email states what was paid, and data Stripe never had needs no erasing there (an email given
 * as `receipt_email` is copied onto the Charge, which an erase cannot reliably clear).
 */
export interface PaymentRequest {
  readonly bookingId: string;
  readonly amountCents: number;
  readonly currency: string;
}

/**
 * A PaymentIntent for the booking. The idempotency key is the booking id, so a retry after a
 * timeout returns the same intent and the parent is never charged twice.
 */
export async function createPaymentIntent(
  request: PaymentRequest,
): Promise<{ id: string; clientSecret: string }> {
  const intent = await (await stripe()).paymentIntents.create(
    {
      amount: request.amountCents,
      currency: request.currency,
      automatic_payment_methods: { enabled: true },
      description: 'A phone call from Santa',
      metadata: { bookingId: request.bookingId },
    },
    { idempotencyKey: `payment-intent-${request.bookingId}` },
  );
  if (!intent.client_secret)
    throw new Error('Stripe returned a PaymentIntent without a client secret.');
  return { id: intent.id, clientSecret: intent.client_secret };
}

/**
 * The PaymentIntent for a recording bought after the call: the booking's frozen
 * `recordingCents`, metadata `{ bookingId, purpose: 'recording' }`. The idempotency key is per
 * booking, so a double click or a retry returns the same intent and the parent pays once.
 * Throws PaymentProviderError when Stripe cannot be reached.
 */
export async function createRecordingPaymentIntent(
  request: PaymentRequest,
): Promise<{ id: string; clientSecret: string }> {
  let intent: Stripe.PaymentIntent;
  try {
    intent = await (await stripe()).paymentIntents.create(
      {
        amount: request.amountCents,
        currency: request.currency,
        automatic_payment_methods: { enabled: true },
        description: 'The video and recording of a call from Santa',
        metadata: { bookingId: request.bookingId, purpose: recordingPurpose },
      },
      { idempotencyKey: `recording-payment-intent-${request.bookingId}` },
    );
  } catch (error) {
    throw asProviderError('start the payment', error);
  }
  if (!intent.client_secret) {
    throw new PaymentProviderError(
      'start the payment',
      new Error('Stripe returned a PaymentIntent without a client secret.'),
    );
  }
  return { id: intent.id, clientSecret: intent.client_secret };
}

/**
 * Refunds a recording payment that cannot be honoured, in full; idempotent per intent (its own
 * key, apart from the booking's refund). Answers the refund id, or `already_refunded`.
 */
export async function refundRecordingPayment(
  bookingId: string,
  paymentIntentId: string,
): Promise<string> {
  try {
    const refund = await (await stripe()).refunds.create(
      {
        payment_intent: paymentIntentId,
        reason: 'requested_by_customer',
        metadata: { bookingId, purpose: recordingPurpose },
      },
      { idempotencyKey: `refund-recording-${paymentIntentId}` },
    );
    return readAnswer(stripeRefundSchema, refund, 'refund').id;
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError && error.code === 'charge_already_refunded') {
      return alreadyRefunded;
    }
    throw asProviderError('refund the payment', error);
  }
}

/** What `refundPayment` answers when Stripe says the charge was already refunded in full. */
const alreadyRefunded = 'already_refunded';

/**
 * Refunds what is left of the booking's payment; idempotent per booking (one idempotency key,
 * so the cancel, the late-payment webhook and the workflow never refund twice). Answers the
 * refund id, or `alreadyRefunded` when nothing was left (e.g. refunded in the dashboard).
 * Throws PaymentProviderError when Stripe cannot be reached.
 */
export async function refundPayment(bookingId: string, paymentIntentId: string): Promise<string> {
  try {
    const refund = await (await stripe()).refunds.create(
      {
        payment_intent: paymentIntentId,
        reason: 'requested_by_customer',
        metadata: { bookingId },
      },
      { idempotencyKey: `refund-${bookingId}` },
    );
    return readAnswer(stripeRefundSchema, refund, 'refund').id;
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError && error.code === 'charge_already_refunded') {
      return alreadyRefunded;
    }
    throw asProviderError('refund the payment', error);
  }
}

/**
 * Verifies a webhook on its raw body and reads it with our schema. stripe-node checks the
 * HMAC and refuses timestamps more than 300 s old; we also refuse ones more than 300 s ahead.
 * Throws WebhookSignatureError (400) for a bad signature or timestamp, and
 * MalformedStripeEventError (400) for a signed body that is not an event we can read.
 */
export async function verifyStripeEvent(
  rawBody: string,
  signature: string,
  now = new Date(),
): Promise<StripeEvent> {
  const malformed = stripeSignatureHeaderProblem(signature);
  if (malformed) throw new WebhookSignatureError('invalid_signature', malformed);
  const [client, secrets] = await Promise.all([stripe(), readSecret('stripe')]);
  let verified: unknown;
  try {
    verified = client.webhooks.constructEvent(
      rawBody,
      signature,
      secrets.webhookSecret,
      signatureToleranceSeconds,
      undefined,
      now.getTime(),
    );
  } catch (error) {
    throw signatureError(error, signature, now);
  }
  const ahead = (signedAt(signature) ?? 0) - Math.floor(now.getTime() / 1000);
  if (ahead > signatureToleranceSeconds) {
    throw new WebhookSignatureError(
      'signature_outside_tolerance',
      `The Stripe-Signature timestamp is ${ahead} s in the future; at most ${signatureToleranceSeconds} s either way is accepted.`,
    );
  }
  return parseStripeEvent(verified);
}

/**
 * Re-reads a PaymentIntent from Stripe, the source of truth for whether a booking is paid
 * (webhooks can be late, reordered or lost). Answers our parsed shape, or undefined when Stripe
 * has no such intent. Throws PaymentProviderError when Stripe cannot be reached or answers
 * something we cannot read.
 */
export async function retrievePaymentIntent(
  paymentIntentId: string,
): Promise<StripePaymentIntent | undefined> {
  let intent: unknown;
  try {
    intent = await (await stripe()).paymentIntents.retrieve(paymentIntentId);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError && error.code === 'resource_missing') {
      return undefined;
    }
    throw asProviderError('check the payment', error);
  }
  return readAnswer(stripePaymentIntentSchema, intent, 'PaymentIntent');
}

/**
 * Re-reads a Charge from Stripe: what a refund event says is checked against Stripe's own
 * record before it moves any money state. Our parsed shape, or undefined when Stripe has no
 * such charge. Throws PaymentProviderError when Stripe cannot be reached or answers something
 * we cannot read.
 */
export async function retrieveCharge(chargeId: string): Promise<StripeCharge | undefined> {
  let charge: unknown;
  try {
    charge = await (await stripe()).charges.retrieve(chargeId);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError && error.code === 'resource_missing') {
      return undefined;
    }
    throw asProviderError('check the refund', error);
  }
  return readAnswer(stripeChargeSchema, charge, 'Charge');
}

/** The booking a PaymentIntent was made for (refund events carry the Charge, not the intent). */
export async function bookingIdOfPaymentIntent(
  paymentIntentId: string,
): Promise<string | undefined> {
  return (await retrievePaymentIntent(paymentIntentId))?.metadata.bookingId;
}

/**
 * Forgets the parent on a PaymentIntent we made: unsets the receipt email we wrote and every
 * metadata key that is not an id (`stripePersonalDataUpdate`) with `POST
 * /v1/payment_intents/{id}` — Stripe unsets an `Emptyable` field or a metadata key sent as "".
 * Idempotent without an idempotency key: it re-reads the intent first and sends nothing when
 * nothing is left, and unsetting twice ends the same. Answers what it did; an intent Stripe
 * does not have is `not_found` (nothing there to forget). Throws PaymentProviderError when
 * Stripe cannot be reached.
 */
export async function forgetPaymentIntentPersonalData(
  paymentIntentId: string,
): Promise<'forgotten' | 'nothing_left' | 'not_found'> {
  const client = await stripe();
  let intent: unknown;
  try {
    intent = await client.paymentIntents.retrieve(paymentIntentId);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError && error.code === 'resource_missing') {
      return 'not_found';
    }
    throw asProviderError('check the payment', error);
  }
  const update = stripePersonalDataUpdate(
    readAnswer(stripePaymentIntentPersonalSchema, intent, 'PaymentIntent'),
  );
  if (!update) return 'nothing_left';
  try {
    await client.paymentIntents.update(paymentIntentId, update);
  } catch (error) {
    throw asProviderError('update the payment', error);
  }
  logger.info('payment intent personal data unset', { paymentIntentId });
  return 'forgotten';
}

/**
 * Cancels an unpaid PaymentIntent so a cancelled booking cannot be paid later. Answers false
 * when Stripe refuses (the intent already succeeded or was cancelled: the caller re-reads it);
 * throws PaymentProviderError when Stripe cannot be reached.
 */
export async function cancelPaymentIntent(paymentIntentId: string): Promise<boolean> {
  try {
    await (await stripe()).paymentIntents.cancel(paymentIntentId);
    return true;
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError) return false;
    throw asProviderError('cancel the payment', error);
  }
}

/** The last `t=` of the header, as stripe-node reads it (the one the HMAC was checked with). */
function signedAt(header: string): number | undefined {
  let timestamp: number | undefined;
  for (const item of header.split(',')) {
    const [key, value] = item.split('=');
    if (key === 't') timestamp = Number.parseInt(value ?? '', 10);
  }
  return timestamp === undefined || Number.isNaN(timestamp) ? undefined : timestamp;
}

function signatureError(error: unknown, header: string, now: Date): Error {
  if (!(error instanceof Stripe.errors.StripeSignatureVerificationError)) {
    // stripe-node parses only once the HMAC matched: a signed body that is not JSON, or a
    // thin (v2) event notification sent to this v1 endpoint.
    if (error instanceof SyntaxError) return new MalformedStripeEventError('the body is not JSON');
    if (error instanceof Error && /thin event/i.test(error.message)) {
      return new MalformedStripeEventError('it is a thin event notification, not a v1 event');
    }
    return error instanceof Error ? error : new Error(String(error));
  }
  if (/tolerance/i.test(error.message)) {
    const age = Math.floor(now.getTime() / 1000) - (signedAt(header) ?? 0);
    return new WebhookSignatureError(
      'signature_outside_tolerance',
      `The Stripe-Signature timestamp is ${age} s old; at most ${signatureToleranceSeconds} s either way is accepted.`,
    );
  }
  return new WebhookSignatureError(
    'invalid_signature',
    'The Stripe signature does not match this body.',
  );
}

function readAnswer<Schema extends z.ZodType>(
  schema: Schema,
  answer: unknown,
  what: string,
): z.infer<Schema> {
  const parsed = schema.safeParse(answer);
  if (parsed.success) return parsed.data;
  throw new PaymentProviderError(
    'be understood',
    new Error(`Stripe answered a ${what} we cannot read: ${describeIssues(parsed.error)}`),
  );
}

function asProviderError(operation: string, error: unknown): Error {
  if (error instanceof DomainError) return error;
  if (error instanceof Stripe.errors.StripeError) {
    logger.warn('stripe request failed', {
      operation,
      stripeErrorType: error.type,
      statusCode: error.statusCode,
      requestId: error.requestId,
    });
    return new PaymentProviderError(operation, error);
  }
  return error instanceof Error ? error : new Error(String(error));
}
