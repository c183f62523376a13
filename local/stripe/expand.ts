import { invalidRequest } from './errors.ts';
import type { StripeLedger } from './ledger.ts';

const expandable: Readonly<Record<string, readonly string[]>> = {
  payment_intent: ['latest_charge'],
  charge: ['payment_intent'],
  refund: ['charge', 'payment_intent'],
};

/**
 * `expand[]`: replaces id fields of an answer with the objects they name, one level deep, for
 * the fields listed per object type; any other field is refused as Stripe refuses it.
 */
export function expandFields(
  answer: unknown,
  fields: readonly string[],
  ledger: StripeLedger,
): unknown {
  if (fields.length === 0) return answer;
  const object = { ...(answer as { object?: string } & Record<string, unknown>) };
  for (const field of fields) {
    if (!expandable[object.object ?? '']?.includes(field)) {
      throw invalidRequest(`This property cannot be expanded (${field}).`, { param: 'expand' });
    }
    const id = object[field];
    if (typeof id !== 'string') continue;
    object[field] = field === 'payment_intent' ? ledger.paymentIntent(id) : ledger.charge(id);
  }
  return object;
}
