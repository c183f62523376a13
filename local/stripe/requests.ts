import type Stripe from 'stripe';
import { invalidRequest } from './errors.ts';
import type { ConfirmInput, RefundInput } from './ledger.ts';
import { amountDecimalsProblem, formatAmount } from './money.ts';
import type { NewPaymentIntent } from './objects.ts';
import type { Params } from './params.ts';

// The parameters each endpoint takes, checked before anything changes. `expand`, which every
// endpoint takes, is read by the server.

const minimumAmount = 50;
const maximumAmount = 99_999_999;
const currencies = new Set(Intl.supportedValuesOf('currency').map((code) => code.toLowerCase()));
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function readCreatePaymentIntent(params: Params): NewPaymentIntent {
  const currency = readCurrency(params);
  const amount = params.requiredInteger('amount');
  if (amount < minimumAmount) {
    throw invalidRequest(
      `Amount must be at least ${formatAmount(minimumAmount, currency)} ${currency}`,
      { param: 'amount', code: 'amount_too_small' },
    );
  }
  if (amount > maximumAmount) {
    throw invalidRequest(
      `Amount must be no more than ${formatAmount(maximumAmount, currency)} ${currency}`,
      { param: 'amount', code: 'amount_too_large' },
    );
  }
  const decimalsProblem = amountDecimalsProblem(amount, currency);
  if (decimalsProblem) {
    throw invalidRequest(decimalsProblem, {
      param: 'amount',
      code: 'invalid_charge_amount_no_decimal_compatible',
    });
  }
  const automatic = params.object('automatic_payment_methods');
  const enabled = automatic ? automatic.requiredBoolean('enabled') : true;
  const allowRedirects = automatic?.oneOf('allow_redirects', ['always', 'never']);
  const input: NewPaymentIntent = {
    amount,
    currency,
    metadata: params.metadata() ?? {},
    // Automatic payment methods are on unless turned off, since API version 2023-08-16.
    automaticPaymentMethods: {
      enabled,
      ...(allowRedirects ? { allow_redirects: allowRedirects } : {}),
    },
    receiptEmail: readEmail(params, 'receipt_email') ?? null,
    description: params.string('description', { maxLength: 1000 }) ?? null,
  };
  params.assertAllKnown();
  return input;
}

/** `client_secret`: how a publishable key proves it may see the intent. */
export function readRetrievePaymentIntent(params: Params): { clientSecret?: string } {
  const clientSecret = params.string('client_secret');
  params.assertAllKnown();
  return clientSecret === undefined ? {} : { clientSecret };
}

export function readConfirmPaymentIntent(
  params: Params,
): ConfirmInput & { readonly clientSecret?: string } {
  const paymentMethod = params.string('payment_method');
  const receiptEmail = readEmail(params, 'receipt_email');
  const clientSecret = params.string('client_secret');
  // Accepted for the redirect-based methods a browser may offer; cards never redirect here.
  params.string('return_url');
  params.assertAllKnown();
  return {
    ...(paymentMethod === undefined ? {} : { paymentMethod }),
    ...(receiptEmail === undefined ? {} : { receiptEmail }),
    ...(clientSecret === undefined ? {} : { clientSecret }),
  };
}

/** What `POST /v1/payment_intents/{id}` (update) may change here: metadata and the receipt email. */
export interface PaymentIntentUpdate {
  readonly metadata?: Record<string, string | null> | 'clear';
  /** null unsets it. */
  readonly receiptEmail?: string | null;
  readonly description?: string | null;
}

export function readUpdatePaymentIntent(params: Params): PaymentIntentUpdate {
  const metadata = params.metadataChanges();
  const receiptEmail = params.emptyableString('receipt_email', { maxLength: 800 });
  if (receiptEmail && !emailPattern.test(receiptEmail)) {
    throw invalidRequest(`Invalid email address: ${receiptEmail}`, {
      param: 'receipt_email',
      code: 'email_invalid',
    });
  }
  const description = params.emptyableString('description', { maxLength: 1000 });
  params.assertAllKnown();
  return {
    ...(metadata === undefined ? {} : { metadata }),
    ...(receiptEmail === undefined ? {} : { receiptEmail }),
    ...(description === undefined ? {} : { description }),
  };
}

export function readCancelPaymentIntent(
  params: Params,
): Stripe.PaymentIntent.CancellationReason | undefined {
  const reason = params.oneOf('cancellation_reason', [
    'duplicate',
    'fraudulent',
    'requested_by_customer',
    'abandoned',
  ]);
  params.assertAllKnown();
  return reason;
}

export function readCreateRefund(params: Params): RefundInput {
  const paymentIntent = params.string('payment_intent');
  const charge = params.string('charge');
  const amount = params.integer('amount');
  if (amount !== undefined && amount < 1) {
    throw invalidRequest(`Invalid positive integer: ${amount}`, { param: 'amount' });
  }
  const reason = params.oneOf('reason', ['duplicate', 'fraudulent', 'requested_by_customer']);
  const metadata = params.metadata() ?? {};
  params.assertAllKnown();
  return {
    metadata,
    ...(paymentIntent === undefined ? {} : { paymentIntent }),
    ...(charge === undefined ? {} : { charge }),
    ...(amount === undefined ? {} : { amount }),
    ...(reason === undefined ? {} : { reason }),
  };
}

/** Plain retrievals take no parameters besides `expand`, which the server reads. */
export function readRetrieve(params: Params): void {
  params.assertAllKnown();
}

function readCurrency(params: Params): string {
  const currency = params.requiredString('currency').toLowerCase();
  if (!currencies.has(currency)) {
    throw invalidRequest(`Invalid currency: ${currency}.`, { param: 'currency' });
  }
  return currency;
}

function readEmail(params: Params, key: string): string | undefined {
  const email = params.string(key, { maxLength: 800 });
  if (email !== undefined && !emailPattern.test(email)) {
    throw invalidRequest(`Invalid email address: ${email}`, { param: key, code: 'email_invalid' });
  }
  return email;
}
