import type Stripe from 'stripe';
import { randomToken, stripeId } from './ids.ts';
import type { EmulatorEvent } from './store.ts';
import type { TestCard } from './test-cards.ts';

/**
 * The API version the emulator's objects follow: the one the pinned stripe-node is generated
 * from, so upgrading the SDK without reviewing the emulator fails the type check.
 */
export const emulatorApiVersion: Stripe.LatestApiVersion = '2026-10-28.endive';

/** Where an object came from: the API request, as Stripe records it on events. */
export interface RequestContext {
  readonly requestId: string;
  readonly idempotencyKey: string | null;
}

export interface NewPaymentIntent {
  readonly amount: number;
  readonly currency: string;
  readonly metadata: Record<string, string>;
  readonly automaticPaymentMethods: Stripe.PaymentIntent.AutomaticPaymentMethods;
  readonly receiptEmail: string | null;
  readonly description: string | null;
}

export const unixNow = (): number => Math.floor(Date.now() / 1000);

export function newPaymentIntent(input: NewPaymentIntent): Stripe.PaymentIntent {
  const id = stripeId('pi');
  return {
    id,
    object: 'payment_intent',
    allowed_payment_method_types: null,
    amount: input.amount,
    amount_capturable: 0,
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: input.automaticPaymentMethods,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic_async',
    client_secret: `${id}_secret_${randomToken(25)}`,
    confirmation_method: 'automatic',
    created: unixNow(),
    currency: input.currency,
    customer: null,
    customer_account: null,
    description: input.description,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: input.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: null,
    payment_method_types: ['card'],
    payment_record: null,
    processing: null,
    receipt_email: input.receiptEmail,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'requires_payment_method',
    transfer_group: null,
  };
}

/** The charge one confirmation attempt makes: succeeded, or failed with the card's decline. */
export function newCharge(
  intent: Stripe.PaymentIntent,
  paymentMethod: string,
  card: TestCard,
): Stripe.Charge {
  const { decline } = card;
  return {
    id: stripeId('ch'),
    object: 'charge',
    amount: intent.amount,
    amount_captured: decline ? 0 : intent.amount,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: decline ? null : stripeId('txn'),
    billing_details: {
      address: {
        city: null,
        country: null,
        line1: null,
        line2: null,
        postal_code: null,
        state: null,
      },
      email: null,
      name: null,
      phone: null,
      tax_id: null,
    },
    calculated_statement_descriptor: null,
    captured: !decline,
    created: unixNow(),
    currency: intent.currency,
    customer: null,
    description: intent.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: decline?.code ?? null,
    failure_message: decline?.message ?? null,
    fraud_details: {},
    livemode: false,
    metadata: { ...intent.metadata },
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: decline ? 'declined_by_network' : 'approved_by_network',
      reason: decline?.declineCode ?? null,
      risk_level: 'normal',
      seller_message: decline?.sellerMessage ?? 'Payment complete.',
      type: decline ? 'issuer_declined' : 'authorized',
    },
    paid: !decline,
    payment_intent: intent.id,
    payment_method: paymentMethod,
    payment_method_details: {
      type: 'card',
      card: {
        amount_authorized: decline ? null : intent.amount,
        authorization_code: null,
        brand: card.brand,
        checks: null,
        country: 'US',
        electronic_commerce_indicator: null,
        exp_month: 12,
        exp_year: new Date().getUTCFullYear() + 3,
        funding: 'credit',
        installments: null,
        last4: card.last4,
        mandate: null,
        network: card.brand,
        network_transaction_id: null,
        regulated_status: 'unregulated',
        three_d_secure: null,
        transaction_link_id: null,
        wallet: null,
      },
    },
    receipt_email: intent.receipt_email,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: decline ? 'failed' : 'succeeded',
    transfer_data: null,
    transfer_group: null,
  };
}

export function newRefund(
  charge: Stripe.Charge,
  input: {
    readonly amount: number;
    readonly reason: Stripe.Refund.Reason | null;
    readonly metadata: Record<string, string>;
  },
): Stripe.Refund {
  return {
    id: stripeId('re'),
    object: 'refund',
    amount: input.amount,
    balance_transaction: stripeId('txn'),
    charge: charge.id,
    created: unixNow(),
    currency: charge.currency,
    customer: null,
    customer_account: null,
    metadata: input.metadata,
    payment_intent: typeof charge.payment_intent === 'string' ? charge.payment_intent : null,
    payment_method: charge.payment_method,
    reason: input.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  };
}

type EventOf<T extends EmulatorEvent['type']> = Extract<EmulatorEvent, { type: T }>;

/**
 * An event as Stripe sends it: a snapshot of the object at the time (later changes do not
 * alter it), the request that caused it, and one webhook endpoint still to be told.
 */
export function newEvent<T extends EmulatorEvent['type']>(
  type: T,
  object: EventOf<T>['data']['object'],
  context: RequestContext,
  previousAttributes?: EventOf<T>['data']['previous_attributes'],
): EmulatorEvent {
  // TypeScript cannot narrow the union by a generic `type`; the parameters tie the two.
  return {
    id: stripeId('evt'),
    object: 'event',
    api_version: emulatorApiVersion,
    created: unixNow(),
    data: {
      object: structuredClone(object),
      ...(previousAttributes ? { previous_attributes: previousAttributes } : {}),
    },
    livemode: false,
    pending_webhooks: 1,
    request: { id: context.requestId, idempotency_key: context.idempotencyKey },
    type,
  } as EmulatorEvent;
}
