import type Stripe from 'stripe';
import {
  errorDocUrl,
  invalidRequest,
  resourceMissing,
  StripeApiError,
  unexpectedState,
} from './errors.ts';
import { stripeId } from './ids.ts';
import { formatAmount } from './money.ts';
import {
  type NewPaymentIntent,
  newCharge,
  newEvent,
  newPaymentIntent,
  newRefund,
  type RequestContext,
  unixNow,
} from './objects.ts';
import type { PaymentIntentUpdate } from './requests.ts';
import type { EmulatorEvent, StripeState } from './store.ts';
import { findTestCard } from './test-cards.ts';

const confirmable: readonly string[] = [
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
];
const cancelable: readonly string[] = [
  'requires_payment_method',
  'requires_capture',
  'requires_confirmation',
  'requires_action',
  'processing',
];

export interface ConfirmInput {
  readonly paymentMethod?: string;
  readonly receiptEmail?: string;
}

export interface RefundInput {
  readonly paymentIntent?: string;
  readonly charge?: string;
  readonly amount?: number;
  readonly reason?: Stripe.Refund.Reason;
  readonly metadata: Record<string, string>;
}

/**
 * The payment rules: what creating, confirming, cancelling and refunding do to payment
 * intents and charges, and which events they raise. Every method changes the state
 * synchronously, so two requests never interleave inside one; saving and delivering the new
 * events is the caller's job (`takeNewEvents`).
 */
export class StripeLedger {
  private newEvents: EmulatorEvent[] = [];

  constructor(private readonly state: StripeState) {}

  createPaymentIntent(input: NewPaymentIntent): Stripe.PaymentIntent {
    const intent = newPaymentIntent(input);
    this.state.paymentIntents.set(intent.id, intent);
    return intent;
  }

  /** The intent the URL names (404), or that a parameter names (400, `param`). */
  paymentIntent(id: string, param?: string): Stripe.PaymentIntent {
    const intent = this.state.paymentIntents.get(id);
    if (!intent) throw resourceMissing('payment_intent', id, param ?? 'intent', param ? 400 : 404);
    return intent;
  }

  charge(id: string, param?: string): Stripe.Charge {
    const charge = this.state.charges.get(id);
    if (!charge) throw resourceMissing('charge', id, param ?? 'charge', param ? 400 : 404);
    return charge;
  }

  refund(id: string): Stripe.Refund {
    const refund = this.state.refunds.get(id);
    if (!refund) throw resourceMissing('refund', id, 'refund', 404);
    return refund;
  }

  event(id: string): EmulatorEvent {
    const event = this.state.events.get(id);
    if (!event) throw resourceMissing('event', id, 'id', 404);
    return event;
  }

  /**
   * Charges the test card: success makes the intent `succeeded`; a decline records a failed
   * charge, puts the intent back to `requires_payment_method` and answers 402, as Stripe does.
   */
  confirmPaymentIntent(
    id: string,
    input: ConfirmInput,
    context: RequestContext,
  ): Stripe.PaymentIntent {
    const intent = this.paymentIntent(id);
    if (!confirmable.includes(intent.status)) {
      throw unexpectedState(
        intent.status === 'succeeded'
          ? 'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.'
          : `You cannot confirm this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be confirmed: ${confirmable.join(', ')}.`,
        structuredClone(intent),
      );
    }
    const paymentMethod = input.paymentMethod;
    if (paymentMethod === undefined) {
      throw unexpectedState(
        "You cannot confirm this PaymentIntent because it's missing a payment method. Confirm it with a payment_method such as pm_card_visa.",
        structuredClone(intent),
      );
    }
    const card = findTestCard(paymentMethod);
    if (!card) throw resourceMissing('PaymentMethod', paymentMethod, 'payment_method', 400);

    if (input.receiptEmail !== undefined) intent.receipt_email = input.receiptEmail;
    // Each use of a test payment method token makes a new PaymentMethod, as in Stripe.
    const charge = newCharge(intent, stripeId('pm'), card);
    this.state.charges.set(charge.id, charge);
    intent.latest_charge = charge.id;

    const { decline } = card;
    if (!decline) {
      Object.assign(intent, {
        status: 'succeeded',
        amount_received: intent.amount,
        payment_method: charge.payment_method,
        last_payment_error: null,
      } satisfies Partial<Stripe.PaymentIntent>);
      this.raise(newEvent('payment_intent.succeeded', intent, context));
      return intent;
    }
    Object.assign(intent, {
      status: 'requires_payment_method',
      payment_method: null,
      last_payment_error: {
        type: 'card_error',
        code: decline.code,
        decline_code: decline.declineCode,
        message: decline.message,
        charge: charge.id,
        doc_url: errorDocUrl(decline.code),
        payment_method_type: 'card',
      },
    } satisfies Partial<Stripe.PaymentIntent>);
    this.raise(newEvent('payment_intent.payment_failed', intent, context));
    throw new StripeApiError(402, {
      type: 'card_error',
      code: decline.code,
      decline_code: decline.declineCode,
      message: decline.message,
      charge: charge.id,
      payment_intent: structuredClone(intent),
      doc_url: errorDocUrl(decline.code),
    });
  }

  /**
   * Updates what CallSanta changes on an intent in any status (Stripe allows metadata, the
   * receipt email and the description after success): metadata merged key by key, an empty
   * value unsetting its key. Stripe sends no event for it.
   */
  updatePaymentIntent(id: string, input: PaymentIntentUpdate): Stripe.PaymentIntent {
    const intent = this.paymentIntent(id);
    if (input.metadata === 'clear') intent.metadata = {};
    else if (input.metadata) {
      const metadata = { ...intent.metadata };
      for (const [key, value] of Object.entries(input.metadata)) {
        if (value === null) delete metadata[key];
        else metadata[key] = value;
      }
      intent.metadata = metadata;
    }
    if (input.receiptEmail !== undefined) intent.receipt_email = input.receiptEmail;
    if (input.description !== undefined) intent.description = input.description;
    return intent;
  }

  cancelPaymentIntent(
    id: string,
    reason: Stripe.PaymentIntent.CancellationReason | undefined,
    context: RequestContext,
  ): Stripe.PaymentIntent {
    const intent = this.paymentIntent(id);
    if (!cancelable.includes(intent.status)) {
      throw unexpectedState(
        `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${cancelable.join(', ')}.`,
        structuredClone(intent),
      );
    }
    Object.assign(intent, {
      status: 'canceled',
      canceled_at: unixNow(),
      cancellation_reason: reason ?? null,
    } satisfies Partial<Stripe.PaymentIntent>);
    this.raise(newEvent('payment_intent.canceled', intent, context));
    return intent;
  }

  /** Refunds all or part of what is left of a succeeded charge; `charge.refunded` follows. */
  createRefund(input: RefundInput, context: RequestContext): Stripe.Refund {
    const charge = this.refundableCharge(input);
    const remaining = charge.amount - charge.amount_refunded;
    if (remaining === 0) {
      throw invalidRequest(`Charge ${charge.id} has already been refunded.`, {
        code: 'charge_already_refunded',
      });
    }
    const amount = input.amount ?? remaining;
    if (amount > remaining) {
      throw invalidRequest(
        `Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, charge.currency)})`,
        { param: 'amount' },
      );
    }
    const refund = newRefund(charge, {
      amount,
      reason: input.reason ?? null,
      metadata: input.metadata,
    });
    this.state.refunds.set(refund.id, refund);

    const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    this.raise(
      newEvent('charge.refunded', charge, context, {
        amount_refunded: previous.amount_refunded,
        ...(charge.refunded !== previous.refunded ? { refunded: previous.refunded } : {}),
      }),
    );
    return refund;
  }

  /** The events raised since the last call, to be delivered once the state is saved. */
  takeNewEvents(): EmulatorEvent[] {
    const events = this.newEvents;
    this.newEvents = [];
    return events;
  }

  private refundableCharge(input: RefundInput): Stripe.Charge {
    let charge: Stripe.Charge | undefined;
    if (input.paymentIntent !== undefined) {
      const intent = this.paymentIntent(input.paymentIntent, 'payment_intent');
      const latest = typeof intent.latest_charge === 'string' ? intent.latest_charge : undefined;
      charge = latest === undefined ? undefined : this.state.charges.get(latest);
      if (intent.status !== 'succeeded' || !charge) {
        throw invalidRequest(
          `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`,
          { param: 'payment_intent' },
        );
      }
    }
    if (input.charge !== undefined) {
      const named = this.charge(input.charge, 'charge');
      if (charge && charge.id !== named.id) {
        throw invalidRequest(
          `Charge ${named.id} does not belong to PaymentIntent ${input.paymentIntent}.`,
          { param: 'charge' },
        );
      }
      charge = named;
    }
    if (!charge) {
      throw invalidRequest(
        'One of the following params should be provided: charge, payment_intent.',
        {
          code: 'parameter_missing',
        },
      );
    }
    if (charge.status !== 'succeeded') {
      throw invalidRequest(`Charge ${charge.id} did not succeed, so there is nothing to refund.`, {
        param: 'charge',
      });
    }
    return charge;
  }

  private raise(event: EmulatorEvent): void {
    this.state.events.set(event.id, event);
    this.state.undelivered.add(event.id);
    this.newEvents.push(event);
  }
}
