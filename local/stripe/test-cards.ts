/** What confirming with one of Stripe's test payment methods does. */
export interface TestCard {
  readonly brand: string;
  readonly last4: string;
  /** Absent when the charge succeeds. */
  readonly decline?: {
    readonly code: string;
    readonly declineCode: string;
    readonly message: string;
    readonly sellerMessage: string;
  };
}

const genericDecline = {
  code: 'card_declined',
  declineCode: 'generic_decline',
  message: 'Your card was declined.',
  sellerMessage: 'The bank did not return any further details with this decline.',
} as const;

/**
 * The test payment methods the emulator knows, named as in Stripe's testing docs; any other
 * `pm_…` is "No such PaymentMethod", as it would be in a Stripe test account.
 */
export const testCards: Readonly<Record<string, TestCard>> = {
  pm_card_visa: { brand: 'visa', last4: '4242' },
  pm_card_mastercard: { brand: 'mastercard', last4: '4444' },
  pm_card_amex: { brand: 'amex', last4: '8431' },
  pm_card_chargeDeclined: { brand: 'visa', last4: '0002', decline: genericDecline },
  pm_card_chargeDeclinedInsufficientFunds: {
    brand: 'visa',
    last4: '9995',
    decline: {
      code: 'card_declined',
      declineCode: 'insufficient_funds',
      message: 'Your card has insufficient funds.',
      sellerMessage: 'The bank returned the decline code `insufficient_funds`.',
    },
  },
};

export function findTestCard(paymentMethod: string): TestCard | undefined {
  return Object.hasOwn(testCards, paymentMethod) ? testCards[paymentMethod] : undefined;
}
