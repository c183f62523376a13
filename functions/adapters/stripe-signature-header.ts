/** Stripe's v1 signatures are hex HMAC-SHA256 digests: 64 hex digits, never anything else. */
const v1Signature = /^[0-9a-f]{64}$/i;

/**
 * Why a `Stripe-Signature` header (`t=<unix seconds>,v1=<hex>[,v1=…][,v0=…]`) cannot carry a
 * signature, or `undefined` when it has the shape of one. Checked before stripe-node sees it:
 * stripe-node 23 throws a plain Error (not its verification error) for an empty `v1=`, which
 * would otherwise be a 500 instead of a refused signature.
 */
export function stripeSignatureHeaderProblem(header: string): string | undefined {
  const entries = header.split(',').map((entry) => {
    const separator = entry.indexOf('=');
    return separator < 0
      ? { key: entry.trim(), value: '' }
      : { key: entry.slice(0, separator).trim(), value: entry.slice(separator + 1).trim() };
  });
  if (!entries.some(({ key, value }) => key === 't' && /^\d{1,12}$/.test(value))) {
    return 'The Stripe-Signature header has no timestamp (t=).';
  }
  const signatures = entries.filter(({ key }) => key === 'v1').map(({ value }) => value);
  if (signatures.length === 0 || !signatures.every((value) => v1Signature.test(value))) {
    return 'The Stripe-Signature header has no well-formed v1 signature.';
  }
  return undefined;
}
