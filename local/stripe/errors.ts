import type Stripe from 'stripe';

export type StripeErrorType =
  | 'invalid_request_error'
  | 'card_error'
  | 'idempotency_error'
  | 'api_error';

/** The `error` member of a Stripe error response; stripe-node picks its error class from it. */
export interface StripeErrorBody {
  readonly type: StripeErrorType;
  readonly message: string;
  readonly code?: string;
  readonly param?: string;
  readonly decline_code?: string;
  readonly charge?: string;
  readonly payment_intent?: Stripe.PaymentIntent;
  readonly doc_url?: string;
}

/** An error the emulator answers with: Stripe's status code and `{ error: body }`. */
export class StripeApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.message);
    this.name = 'StripeApiError';
  }
}

export function errorDocUrl(code: string): string {
  return `https://stripe.com/docs/error-codes/${code.replaceAll('_', '-')}`;
}

/** A 400 `invalid_request_error` (stripe-node: StripeInvalidRequestError). */
export function invalidRequest(
  message: string,
  details: { readonly param?: string; readonly code?: string } = {},
): StripeApiError {
  return new StripeApiError(400, {
    type: 'invalid_request_error',
    message,
    ...details,
    ...(details.code ? { doc_url: errorDocUrl(details.code) } : {}),
  });
}

/**
 * `resource_missing`: 404 when the URL names the object, 400 when a parameter does — as
 * Stripe answers both.
 */
export function resourceMissing(
  what: string,
  id: string,
  param: string,
  statusCode: 400 | 404,
): StripeApiError {
  return new StripeApiError(statusCode, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    message: `No such ${what}: '${id}'`,
    param,
    doc_url: errorDocUrl('resource_missing'),
  });
}

export function unexpectedState(
  message: string,
  paymentIntent?: Stripe.PaymentIntent,
): StripeApiError {
  return new StripeApiError(400, {
    type: 'invalid_request_error',
    code: 'payment_intent_unexpected_state',
    message,
    doc_url: errorDocUrl('payment_intent_unexpected_state'),
    ...(paymentIntent ? { payment_intent: paymentIntent } : {}),
  });
}

/** 401 (stripe-node: StripeAuthenticationError). */
export function authenticationError(message: string): StripeApiError {
  return new StripeApiError(401, { type: 'invalid_request_error', message });
}

/** 403 (stripe-node: StripePermissionError), e.g. a publishable key on a secret-key call. */
export function permissionError(message: string): StripeApiError {
  return new StripeApiError(403, { type: 'invalid_request_error', message });
}
