import { DomainError } from './errors.ts';

export const callStatuses = [
  'pending',
  'scheduled',
  'queued',
  'in_progress',
  'completed',
  'failed',
  'no_answer',
  'cancelled',
] as const;
export type CallStatus = (typeof callStatuses)[number];

export const paymentStatuses = ['pending', 'paid', 'refunded'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

export const videoStatuses = [
  'not_requested',
  'pending',
  'processing',
  'completed',
  'failed',
] as const;
export type VideoStatus = (typeof videoStatuses)[number];

/**
 * Where each status may go next. A reschedule keeps a call `scheduled`; a retried call goes
 * from `in_progress` back to `queued`.
 */
const callTransitions: Readonly<Record<CallStatus, readonly CallStatus[]>> = {
  pending: ['scheduled', 'queued', 'cancelled'],
  // A run that fails before it could call ends the booking failed (and refunded).
  scheduled: ['scheduled', 'queued', 'cancelled', 'failed'],
  queued: ['in_progress', 'queued', 'failed', 'no_answer', 'cancelled'],
  in_progress: ['completed', 'queued', 'failed', 'no_answer'],
  completed: [],
  failed: [],
  no_answer: [],
  cancelled: [],
};

/** A refund can be reported before the payment it undoes (webhooks arrive in any order). */
const paymentTransitions: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  pending: ['paid', 'refunded'],
  paid: ['refunded'],
  refunded: [],
};

const videoTransitions: Readonly<Record<VideoStatus, readonly VideoStatus[]>> = {
  // A recording bought after the call asks for its video then.
  not_requested: ['pending'],
  pending: ['processing', 'failed'],
  processing: ['completed', 'failed'],
  completed: [],
  failed: ['processing'],
};

export class IllegalTransitionError extends DomainError {
  constructor(kind: string, from: string, to: string) {
    super(
      'conflict',
      'illegal_transition',
      `A booking's ${kind} status cannot go from ${from} to ${to}.`,
    );
  }
}

/** A call status nothing follows: the call is over (completed, failed, no_answer, cancelled). */
export function isFinalCallStatus(status: CallStatus): boolean {
  return callTransitions[status].length === 0;
}

export function canMoveCall(from: CallStatus, to: CallStatus): boolean {
  return callTransitions[from].includes(to);
}

export function assertCallTransition(from: CallStatus, to: CallStatus): void {
  if (!canMoveCall(from, to)) throw new IllegalTransitionError('call', from, to);
}

function canMovePayment(from: PaymentStatus, to: PaymentStatus): boolean {
  return paymentTransitions[from].includes(to);
}

export function assertPaymentTransition(from: PaymentStatus, to: PaymentStatus): void {
  if (!canMovePayment(from, to)) throw new IllegalTransitionError('payment', from, to);
}

export function assertVideoTransition(from: VideoStatus, to: VideoStatus): void {
  if (!videoTransitions[from].includes(to)) throw new IllegalTransitionError('video', from, to);
}

/** A call that has not started yet can still be moved or cancelled by the parent. */
export function isChangeable(status: CallStatus): boolean {
  return status === 'pending' || status === 'scheduled';
}
