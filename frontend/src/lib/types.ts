/** The shapes of the API's answers the site reads (see functions/bookings/booking-view.ts). */

export interface Pricing {
  readonly baseCents: number;
  readonly recordingCents: number;
  readonly currency: string;
}

export interface BookableTime {
  readonly startsAt: string;
  readonly localTime: string;
  readonly placesLeft: number;
}

export interface Availability {
  readonly date: string;
  readonly timezone: string;
  readonly callingHours: string;
  readonly callNowAvailable: boolean;
  readonly times: readonly BookableTime[];
}

export interface TimelineEvent {
  readonly type: string;
  readonly at: string;
  readonly detail?: Readonly<Record<string, string>>;
}

export interface TranscriptTurn {
  readonly role: 'santa' | 'child';
  readonly message: string;
  readonly timeInCallSecs?: number;
}

export type CallStatus =
  | 'pending'
  | 'scheduled'
  | 'queued'
  | 'in_progress'
  | 'completed'
  | 'failed'
  | 'no_answer'
  | 'cancelled';

export interface BookingView {
  readonly callId: string;
  readonly callStatus: CallStatus;
  readonly paymentStatus: 'pending' | 'paid' | 'refunded';
  readonly videoStatus: 'not_requested' | 'pending' | 'processing' | 'completed' | 'failed';
  readonly child: { readonly name?: string | null; readonly age?: number };
  readonly schedule: {
    readonly callNow: boolean;
    readonly scheduledAt: string;
    readonly timezone: string;
    readonly localTime: string;
    readonly localDisplay: string;
    /** The zones of the number's country a new time may be chosen in (empty: any). */
    readonly zones?: readonly string[];
    /** If Santa cannot get through before calling hours end: wait (true) or end refunded. */
    readonly waitForCallingHours?: boolean;
  };
  readonly amountCents: number;
  readonly currency: string;
  readonly purchaseRecording: boolean;
  readonly giftBudget?: number;
  readonly createdAt: string;
  readonly timeline: readonly TimelineEvent[];
  readonly attempts: number;
  /** Why a call that did not reach the child ended, when it did not. */
  readonly endReason?: 'not_reached' | 'outside_calling_hours' | 'error' | null;
  /** After-call work still being retried (the transcript email), when any. */
  readonly followUp?: 'records_not_saved' | 'transcript_email_not_sent' | null;
  readonly media: {
    readonly transcript?: readonly TranscriptTurn[];
    readonly durationSecs?: number;
    readonly audioUrl?: string;
    readonly downloadUrl?: string;
    readonly linksExpireAt?: string;
  };
}

export interface CancelResult extends BookingView {
  readonly refunded: boolean;
  readonly refundNote?: string;
}

export interface CreatedBooking {
  readonly callId: string;
  readonly clientSecret: string;
  readonly paymentIntentId: string;
  readonly accessToken: string;
  readonly amountCents: number;
  readonly currency: string;
}
