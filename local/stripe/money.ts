import { formatMoney, stripeMinorUnitDigits } from '../../functions/core/money-format.ts';

/**
 * An amount in Stripe's minor unit as people read it ("$29.99", "¥500"), for error messages:
 * the house formatter, which counts minor units as Stripe does (not as Intl does: HUF, ISK).
 */
export function formatAmount(amount: number, currency: string): string {
  return formatMoney(amount, currency, 'en-US');
}

/** Currencies Stripe keeps two-decimal in its API but charges only in whole units. */
const wholeUnitsOnly = new Set(['isk']);

/**
 * Why Stripe refuses `amount` in `currency` for its decimals, or undefined. ISK: "Currency ISK
 * has become effectively zero-decimal and charged amounts must be evenly divisible by 100"
 * (support.stripe.com, "Deprecation of fractional ISK charges and refunds"); three-decimal
 * currencies must end in 0 (docs.stripe.com/currencies#three-decimal).
 */
export function amountDecimalsProblem(amount: number, currency: string): string | undefined {
  if (wholeUnitsOnly.has(currency) && amount % 100 !== 0) {
    return `Invalid amount. Currency ${currency.toUpperCase()} has become effectively zero-decimal and charged amounts must be evenly divisible by 100. See https://stripe.com/docs/currencies#special-cases for more information.`;
  }
  if (stripeMinorUnitDigits(currency) === 3 && amount % 10 !== 0) {
    return `Invalid amount. Amounts in ${currency.toUpperCase()} must end in 0: round to the nearest ten (see https://stripe.com/docs/currencies#three-decimal).`;
  }
  return undefined;
}
