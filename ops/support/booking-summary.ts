import { bookingChildren, type StoredChild } from '../../functions/core/children.ts';
import { languageOf } from '../../functions/core/languages.ts';
import type { SantaNotes } from '../../functions/core/santa-notes.ts';

/**
 * What support sees of a booking. Pure. By default ids, statuses, times, money, provider ids,
 * the call's language and how many children it is for with their ages (ages alone name nobody,
 * and say why Santa spoke as he did): each child's name and words, the notes for Santa and the
 * parent's contact are shown only when asked (`--reveal`), and a reveal is recorded in the
 * audit trail by the caller.
 */

export interface SupportBookingSource {
  readonly bookingId: string;
  readonly version: number;
  readonly callStatus: string;
  readonly paymentStatus: string;
  readonly videoStatus: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly scheduledAt: string;
  readonly timezone: string;
  readonly callNow: boolean;
  readonly totalCents: number;
  readonly currency: string;
  readonly attempts: number;
  readonly purchaseRecording: boolean;
  readonly childName: string;
  readonly childAge: number;
  readonly childGender?: string | undefined;
  readonly childInfoText?: string | undefined;
  readonly children?: readonly StoredChild[] | undefined;
  readonly language?: string | undefined;
  readonly notesForSanta?: SantaNotes | undefined;
  readonly giftBudget: number;
  readonly parentEmail: string;
  readonly phoneNumber: string;
  readonly [field: string]: unknown;
}

/** Optional facts shown when set, in this order. */
const optionalFacts = [
  'paidAt',
  'cancelledAt',
  'refundedAt',
  'amountRefundedCents',
  'lastOutcome',
  'endReason',
  'callDurationSecs',
  'afterCallProblem',
  'recoveryRuns',
  'reconciledAt',
  'supportNeededAt',
  'dataErasedAt',
  'affiliateSlug',
  'executionName',
  'scheduleName',
] as const;

/** Ids the providers know the booking by. */
const providerFields = {
  paymentIntentId: 'Stripe PaymentIntent',
  recordingPaymentIntentId: 'Stripe PaymentIntent (recording)',
  conversationId: 'ElevenLabs conversation',
  videoRenderId: 'Remotion render',
} as const;

export interface SupportBooking {
  readonly facts: Readonly<Record<string, string>>;
  readonly providers: Readonly<Record<string, string>>;
  /** Only with reveal. */
  readonly personal?: Readonly<Record<string, string>>;
}

export function supportBooking(booking: SupportBookingSource, reveal: boolean): SupportBooking {
  // Either stored shape: the `children` list, or the one child of a booking made before.
  const children = bookingChildren(booking);
  const facts: Record<string, string> = {
    bookingId: booking.bookingId,
    callStatus: booking.callStatus,
    paymentStatus: booking.paymentStatus,
    videoStatus: booking.videoStatus,
    scheduledAt: booking.scheduledAt,
    timezone: booking.timezone,
    callNow: String(booking.callNow),
    createdAt: booking.createdAt,
    updatedAt: booking.updatedAt,
    total: formatCents(booking.totalCents, booking.currency),
    attempts: String(booking.attempts),
    purchaseRecording: String(booking.purchaseRecording),
    version: String(booking.version),
    language: languageOf(booking.language).code,
    children: String(children.length),
    childAges: children.map((child) => child.age).join(', '),
  };
  for (const field of optionalFacts) {
    const value = booking[field];
    if (value !== undefined && value !== null) facts[field] = String(value);
  }
  const providers: Record<string, string> = {};
  for (const [field, label] of Object.entries(providerFields)) {
    const value = booking[field];
    if (typeof value === 'string') providers[label] = value;
  }
  if (!reveal) return { facts, providers };
  return {
    facts,
    providers,
    personal: {
      childName: booking.childName,
      childAge: String(booking.childAge),
      ...(booking.childGender ? { childGender: booking.childGender } : {}),
      ...(booking.childInfoText ? { childInfoText: booking.childInfoText } : {}),
      // The first child is the flat fields above; the others by their place (child2…).
      ...Object.fromEntries(
        children.slice(1).flatMap((child, index) => otherChild(child, index + 2)),
      ),
      ...(booking.notesForSanta ? { notesForSanta: JSON.stringify(booking.notesForSanta) } : {}),
      giftBudget: String(booking.giftBudget),
      parentEmail: booking.parentEmail,
      phoneNumber: booking.phoneNumber,
    },
  };
}

/** A child after the first as revealed fields: `child2Name`, `child2Age`, … */
function otherChild(child: StoredChild, place: number): [string, string][] {
  return [
    [`child${place}Name`, child.name],
    [`child${place}Age`, String(child.age)],
    ...(child.gender ? [[`child${place}Gender`, child.gender] as [string, string]] : []),
    ...(child.infoText ? [[`child${place}InfoText`, child.infoText] as [string, string]] : []),
  ];
}

function formatCents(cents: number, currency: string): string {
  return `${(cents / 100).toFixed(2)} ${currency.toUpperCase()}`;
}
