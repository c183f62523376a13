/**
 * The gift budget a parent gives Santa: whole units of the booking's currency, from 0 to a
 * maximum that means the same in each currency (about a thousand US dollars, rounded to a
 * number people use there): 1000 yen is a toy, not a budget.
 */

import { formatWholeMoney } from './money-format.ts';

/**
 * The largest gift budget, in whole units, per currency (ISO 4217 lower case). Every currency a
 * visitor's region can select (`currency-choice.ts`) has one; a test checks it.
 */
export const giftBudgetMaxima: Readonly<Record<string, number>> = {
  usd: 1000,
  eur: 1000,
  gbp: 1000,
  chf: 1000,
  cad: 1500,
  aud: 1500,
  nzd: 1500,
  sgd: 1500,
  jpy: 150_000,
  krw: 1_500_000,
  twd: 30_000,
  hkd: 8000,
  sek: 10_000,
  nok: 10_000,
  dkk: 7000,
  isk: 150_000,
  pln: 4000,
  czk: 25_000,
  huf: 400_000,
  inr: 100_000,
  mxn: 20_000,
  brl: 5000,
  zar: 20_000,
};

/** A currency without its own row is held to the US dollar's number, the old single limit. */
const fallbackMaximum = 1000;

/** The largest gift budget in `currency` (any case), in whole units. */
export function giftBudgetMax(currency: string): number {
  return giftBudgetMaxima[currency.toLowerCase()] ?? fallbackMaximum;
}

/**
 * What is wrong with a whole-number gift budget in `currency`, as a sentence for the parent in
 * `locale` ("The gift budget is between £0 and £1,000."), or undefined when it is fine.
 */
export function giftBudgetProblem(
  budget: number,
  currency: string,
  locale: string,
): string | undefined {
  const max = giftBudgetMax(currency);
  if (budget >= 0 && budget <= max) return undefined;
  return `The gift budget is between ${formatWholeMoney(0, currency, locale)} and ${formatWholeMoney(max, currency, locale)}.`;
}
