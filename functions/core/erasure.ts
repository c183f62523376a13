/**
 * What erasing a booking's personal data reaches, decided without I/O: which conversations to
 * delete at ElevenLabs, which Stripe fields to unset, and what the audit trail records.
 * The service that carries it out is `functions/services/erase-booking.ts`.
 */

/**
 * The metadata keys CallSanta writes on PaymentIntents and refunds
 * (`functions/adapters/payments.ts`): ids and a purpose, naming nobody. Every other key — one
 * a past version or a person in the Dashboard may have written — is unset on erase.
 */
export const impersonalStripeMetadataKeys: readonly string[] = ['bookingId', 'purpose'];

/**
 * The Stripe update that forgets the parent on a PaymentIntent: each metadata key that is not
 * impersonal set to "" (Stripe unsets a key sent empty), and the receipt email we wrote
 * unset the same way. Undefined when there is nothing left to forget — so a retried erase
 * sends nothing.
 */
export function stripePersonalDataUpdate(intent: {
  readonly metadata?: Readonly<Record<string, string>> | null | undefined;
  readonly receipt_email?: string | null | undefined;
}): { readonly metadata?: Readonly<Record<string, ''>>; readonly receipt_email?: '' } | undefined {
  const personalKeys = Object.keys(intent.metadata ?? {}).filter(
    (key) => !impersonalStripeMetadataKeys.includes(key),
  );
  const update = {
    ...(personalKeys.length > 0
      ? { metadata: Object.fromEntries(personalKeys.map((key) => [key, ''] as const)) }
      : {}),
    ...(intent.receipt_email ? { receipt_email: '' as const } : {}),
  };
  return Object.keys(update).length > 0 ? update : undefined;
}

/** An audit event as the trail holds it: the detail is ids, counts and reasons only. */
export interface TrailEvent {
  readonly eventKey: string;
  readonly detail?: Readonly<Record<string, string>> | undefined;
}

/**
 * Every ElevenLabs conversation a booking had: the one on the booking and each one its audit
 * trail names (a call retried after busy or no answer has one conversation per attempt, and
 * only the last stays on the booking). Unique, in the order found.
 */
export function conversationIdsOf(
  booking: { readonly conversationId?: string | undefined },
  events: readonly TrailEvent[],
): string[] {
  const ids = [booking.conversationId, ...events.map((event) => event.detail?.conversationId)];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))];
}

/**
 * Audit details that point at a deleted provider record, once it is deleted: the conversation
 * id would lead nowhere, and the trail keeps no key into a child's data. Answers the events
 * to rewrite with their new detail.
 */
export function trailDetailsToForget(
  events: readonly TrailEvent[],
): { readonly eventKey: string; readonly detail: Record<string, string> }[] {
  return events.flatMap((event) => {
    if (!event.detail || !('conversationId' in event.detail)) return [];
    const { conversationId: _forgotten, ...rest } = event.detail;
    return [{ eventKey: event.eventKey, detail: rest }];
  });
}

/** Who asked for an erase: `parent` over the API, a support person's name or id otherwise. */
export type EraseActor = string;

/** Where one erase removed data, for its audit event (counts, never contents). */
export interface ErasedPlaces {
  readonly s3Objects: number;
  readonly elevenLabsConversations: number;
  readonly stripePaymentIntents: number;
  readonly contactItems: number;
  readonly sharesRevoked: number;
}

/** The audit event of an erase: what went, from where, and who asked. */
export function erasedEvent(by: EraseActor, places: ErasedPlaces) {
  return {
    type: 'child_data_erased',
    detail: {
      by,
      where: 'table,s3,elevenlabs,stripe',
      s3Objects: String(places.s3Objects),
      elevenLabsConversations: String(places.elevenLabsConversations),
      stripePaymentIntents: String(places.stripePaymentIntents),
      contactItems: String(places.contactItems),
      sharesRevoked: String(places.sharesRevoked),
    },
  } as const;
}
