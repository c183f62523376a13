import type { CallStatus, PaymentStatus, VideoStatus } from './booking-status.ts';
import type { CallAnalysis } from './call-analysis.ts';
import type { ChangeEmail } from './change-emails.ts';
import type { StoredChild } from './children.ts';
import type { LanguageCode } from './languages.ts';
import type { SantaNotes } from './santa-notes.ts';

/**
 * A booking, as the domain knows it: the child and the call, the parent's contact, the frozen
 * price, the schedule, and what the workflow has done. The data layer stores exactly this
 * (`functions/data/entities.ts` is checked against it at compile time); the core decides on it.
 * Instants are ISO 8601 UTC strings; amounts are integers in the currency's minor unit.
 */
export interface BookingRecord {
  readonly bookingId: string;
  /** The parent's schedule version: a reschedule bumps it, and each workflow run serves one. */
  readonly version: number;
  readonly callStatus: CallStatus;
  readonly paymentStatus: PaymentStatus;
  readonly videoStatus: VideoStatus;
  /**
   * The children the call is for, 1–4 (core/children.ts). Bookings made before siblings stored
   * one child in the flat fields below instead: read both through `bookingChildren`. (A mutable
   * array type: the data layer's write types take mutable arrays; nothing mutates it.)
   */
  readonly children?: StoredChild[] | undefined;
  /** The call's language (core/languages.ts): Santa, the emails and the voice-note transcript. */
  readonly language?: LanguageCode | undefined;
  /** The parent's structured notes for Santa (core/santa-notes.ts). */
  readonly notesForSanta?: SantaNotes | undefined;
  /** The post-call analysis: wish list, summary, evaluation criteria (core/call-analysis.ts). */
  readonly callAnalysis?: CallAnalysis | undefined;
  readonly childName: string;
  readonly childAge: number;
  readonly childGender?: string | undefined;
  readonly childInfoText?: string | undefined;
  readonly voiceNoteKey?: string | undefined;
  /** E.164. */
  readonly phoneNumber: string;
  readonly parentEmail: string;
  /** Absent once erased. */
  readonly parentEmailKey?: string | undefined;
  readonly giftBudget: number;
  readonly purchaseRecording: boolean;
  readonly callNow: boolean;
  /** When a call drifts out of calling hours: wait for the next window (true) or end refunded. */
  readonly waitForCallingHours?: boolean | undefined;
  readonly scheduledAt: string;
  /** The item's DynamoDB TTL, epoch seconds (`bookingExpiresAt`: follows the call time). */
  readonly expiresAt?: number | undefined;
  /** The callee's IANA zone: calling hours are judged in it. */
  readonly timezone: string;
  readonly slotStart: string;
  readonly baseCents: number;
  /**
   * What the children after the first added (`(children − 1) × extraChildCents` of the price
   * list, frozen at booking); absent on bookings made before siblings (read as 0).
   */
  readonly extraChildrenCents?: number | undefined;
  readonly recordingCents: number;
  readonly totalCents: number;
  /** Lower-case ISO 4217: the currency the parent chose and Stripe charged. */
  readonly currency: string;
  /**
   * The parent's BCP 47 locale (canonical, e.g. en-GB): every email formats dates and money in
   * it. Absent on bookings made before it was recorded: read as en-US (`bookingLocale`).
   */
  readonly locale?: string | undefined;
  readonly consentVersion: string;
  readonly consentedAt: string;
  readonly recordingConsent: boolean;
  readonly affiliateSlug?: string | undefined;
  readonly utmSource?: string | undefined;
  readonly paymentIntentId?: string | undefined;
  readonly holdExpiresAt: string;
  readonly scheduleName?: string | undefined;
  readonly executionName?: string | undefined;
  readonly confirmationEmailSentAt?: string | undefined;
  /** Calls placed so far. */
  readonly attempts: number;
  readonly paidAt?: string | undefined;
  readonly cancelledAt?: string | undefined;
  readonly refundedAt?: string | undefined;
  /** Minor units refunded so far (a partial refund from the Stripe dashboard). */
  readonly amountRefundedCents?: number | undefined;
  readonly conversationId?: string | undefined;
  readonly voiceNoteTranscript?: string | undefined;
  readonly reminderSentAt?: string | undefined;
  readonly transcriptKey?: string | undefined;
  readonly audioKey?: string | undefined;
  readonly callDurationSecs?: number | undefined;
  readonly transcriptEmailSentAt?: string | undefined;
  readonly notCompletedEmailSentAt?: string | undefined;
  readonly lastOutcome?: string | undefined;
  readonly dataErasedAt?: string | undefined;
  readonly dialMarker?: string | undefined;
  readonly dialStartedAt?: string | undefined;
  readonly endReason?: string | undefined;
  readonly afterCallProblem?: string | undefined;
  readonly recoveryRuns?: number | undefined;
  readonly reconciledAt?: string | undefined;
  readonly supportNeededAt?: string | undefined;
  /** The rendered video's key in the private videos bucket, once `videoStatus` is completed. */
  readonly videoKey?: string | undefined;
  /** Renders started for this booking's video (each render attempt claims the next number). */
  readonly videoRenderAttempts?: number | undefined;
  /** The current render's id at the renderer (Remotion Lambda or the local render service). */
  readonly videoRenderId?: string | undefined;
  readonly videoRenderStartedAt?: string | undefined;
  /** Workflow runs started to make the video after the call (a later purchase, a retry). */
  readonly videoRuns?: number | undefined;
  readonly videoReadyEmailSentAt?: string | undefined;
  readonly videoNotMadeEmailSentAt?: string | undefined;
  /** The schedule the last "moved" email announced (`movedEmailKey`, core/change-emails.ts). */
  readonly movedEmailSentFor?: string | undefined;
  readonly cancelledEmailSentAt?: string | undefined;
  /**
   * A change email owed to the parent and not yet known to have gone — an outbox item on the
   * booking (core/change-emails.ts): written in the same transaction as the reschedule or cancel
   * that owes it, removed once it is sent; the reconciler sends one a crash left behind.
   */
  readonly changeEmailOwed?: ChangeEmail | undefined;
  /** When that email was recorded as owed or last taken over (ISO): the lease of its send. */
  readonly changeEmailOwedAt?: string | undefined;
  /** The call time (ISO) the owed "moved" email says the call was moved from. */
  readonly movedEmailOwedFrom?: string | undefined;
  /** The PaymentIntent of a recording bought after the call (amount: `recordingCents`). */
  readonly recordingPaymentIntentId?: string | undefined;
  /** When that recording payment was applied, ISO 8601. */
  readonly recordingPaidAt?: string | undefined;
}

/** A booking as stored: the record and when it was created and last changed (ISO instants). */
export interface StoredBooking extends BookingRecord {
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Changes to a stored booking; the data layer writes them with their audit event. */
export type BookingFieldChanges = Partial<Omit<BookingRecord, 'bookingId' | 'version'>>;

/**
 * One entry of a booking's append-only audit trail: what happened, with ids, statuses and
 * amounts only — never names, phone numbers, emails or transcripts.
 */
export interface AuditEvent {
  readonly type: string;
  readonly detail?: Readonly<Record<string, string>>;
}

/** Why we gave a payment back. */
export type RefundReason = 'call_not_completed' | 'booking_cancelled';

/**
 * What a booking records when we refund the rest of its payment: refunded in full (whatever a
 * partial refund from the Stripe dashboard took before), when, and the audit event with the
 * Stripe refund id. The one shape every refund path writes.
 */
export function refundedInFull(
  booking: Pick<BookingRecord, 'totalCents'>,
  refund: { readonly refundId: string; readonly reason: RefundReason },
  now: Date,
): { readonly changes: BookingFieldChanges; readonly event: AuditEvent } {
  return {
    changes: {
      paymentStatus: 'refunded',
      refundedAt: now.toISOString(),
      amountRefundedCents: booking.totalCents,
    },
    event: {
      type: 'payment_refunded',
      detail: {
        refundId: refund.refundId,
        reason: refund.reason,
        amountRefundedCents: String(booking.totalCents),
      },
    },
  };
}

/**
 * What a finished booking still owes the parent — the same rule for a workflow run deciding
 * where to go and for the reconciler deciding whether a booking is stuck.
 */
export const stillOwed = {
  /** A completed call whose transcript email has not gone (nothing is sent after an erase). */
  afterCall: (booking: Pick<BookingRecord, 'transcriptEmailSentAt' | 'dataErasedAt'>): boolean =>
    !booking.transcriptEmailSentAt && !booking.dataErasedAt,
  /**
   * A bought video not made yet for a completed call whose audio is saved, or made but the
   * parent not yet told. Nothing is made or sent after an erase; `failed` is final until the
   * parent asks again.
   */
  video: (
    booking: Pick<
      BookingRecord,
      'videoStatus' | 'audioKey' | 'dataErasedAt' | 'purchaseRecording' | 'videoReadyEmailSentAt'
    >,
  ): boolean =>
    booking.purchaseRecording &&
    !booking.dataErasedAt &&
    (booking.videoStatus === 'completed'
      ? !booking.videoReadyEmailSentAt
      : (booking.videoStatus === 'pending' || booking.videoStatus === 'processing') &&
        !!booking.audioKey),
  /** An unsuccessful call not yet refunded, or whose parent has not been told. */
  unsuccessfulEnding: (
    booking: Pick<BookingRecord, 'paymentStatus' | 'notCompletedEmailSentAt'>,
  ): boolean => booking.paymentStatus === 'paid' || !booking.notCompletedEmailSentAt,
};
