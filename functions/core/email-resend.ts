import type { CallStatus, PaymentStatus, VideoStatus } from './booking-status.ts';

/** The emails support may send again, by the template names of `functions/email/registry.ts`. */
export const resendableEmails = [
  'bookingConfirmation',
  'callReminder',
  'callTranscript',
  'callNotCompleted',
  'videoReady',
  'videoNotMade',
  'callMoved',
  'callCancelled',
] as const;
export type ResendableEmail = (typeof resendableEmails)[number];

/** What a person types for each email (`npm run support -- resend <id> <kind>`). */
export const emailKinds: Readonly<Record<string, ResendableEmail>> = {
  confirmation: 'bookingConfirmation',
  reminder: 'callReminder',
  transcript: 'callTranscript',
  'not-completed': 'callNotCompleted',
  'video-ready': 'videoReady',
  'video-not-made': 'videoNotMade',
  moved: 'callMoved',
  cancelled: 'callCancelled',
};

export interface ResendFacts {
  readonly callStatus: CallStatus;
  readonly paymentStatus: PaymentStatus;
  readonly videoStatus: VideoStatus;
  readonly dataErasedAt?: string | undefined;
  readonly transcriptKey?: string | undefined;
}

/**
 * Why an email cannot be sent again now, as a sentence for support, or undefined when it can: an
 * email is resent only while what it says is still true — a call promised only to a paid,
 * booking still on; a transcript only of a completed call whose transcript is kept; a video's
 * news only in its status. Nothing naming the child after an erase. Pure.
 */
export function resendProblem(booking: ResendFacts, email: ResendableEmail): string | undefined {
  if (booking.dataErasedAt) return "The child's data was erased: no email naming them is sent.";
  switch (email) {
    case 'bookingConfirmation':
    case 'callReminder':
      if (booking.paymentStatus !== 'paid') return 'The booking is not paid.';
      return ['pending', 'scheduled', 'queued'].includes(booking.callStatus)
        ? undefined
        : `The call is ${booking.callStatus}: it promises a call that will not come.`;
    case 'callTranscript':
      if (booking.callStatus !== 'completed') return 'The call did not take place.';
      return booking.transcriptKey ? undefined : 'The call has no saved transcript.';
    case 'callNotCompleted':
      return booking.callStatus === 'failed' || booking.callStatus === 'no_answer'
        ? undefined
        : `The call is ${booking.callStatus}, not failed or unanswered.`;
    case 'videoReady':
      return booking.videoStatus === 'completed' ? undefined : 'The video is not made.';
    case 'videoNotMade':
      return booking.videoStatus === 'failed' ? undefined : 'The video has not failed.';
    case 'callMoved':
      if (booking.paymentStatus !== 'paid') return 'The booking is not paid.';
      return ['pending', 'scheduled'].includes(booking.callStatus)
        ? undefined
        : `The call is ${booking.callStatus}: its time can no longer change.`;
    case 'callCancelled':
      if (booking.callStatus !== 'cancelled')
        return `The call is ${booking.callStatus}, not cancelled.`;
      return booking.paymentStatus === 'pending' ? 'The booking was never paid.' : undefined;
  }
}
