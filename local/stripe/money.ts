/**
 * An amount in the currency's minor unit as people read it ("$29.99", "¥500"), for error
 * messages; Intl knows how many decimals each currency has.
 */
export function formatAmount(amount: number, currency: string): string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
  const decimals = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** decimals);
}
