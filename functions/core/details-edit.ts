import type { CallStatus } from './booking-status.ts';

/**
 * Until when a parent may correct the number Santa calls and the child's details (name, age,
 * interests, gift budget) — one rule for the API (`PATCH /api/calls/{callId}/details`) and the
 * manage page. Pure.
 *
 * The cutoff: while the call is still only booked (`pending` or `scheduled`) and more than
 * `detailsEditCutoffMinutes` before its time. From then on the workflow may be queueing the call
 * and reading the number to dial (`functions/workflow/place-call.ts` reads the booking at dial
 * time), so a change could race the dial. A cancelled, finished or erased booking has no call
 * left to correct.
 */
export const detailsEditCutoffMinutes = 5;

export type DetailsLockedReason =
  | 'call_started'
  | 'call_over'
  | 'cancelled'
  | 'data_erased'
  | 'too_close';

export type DetailsEditability =
  | {
      readonly editable: true /** The last instant a change is taken, ISO 8601 UTC. */;
      readonly until: string;
    }
  | { readonly editable: false; readonly reason: DetailsLockedReason; readonly message: string };

/** What the parent reads when a correction is refused, by reason. */
export const detailsLockedMessages: Readonly<Record<DetailsLockedReason, string>> = {
  call_started:
    'Santa has already started calling, so the number and details can no longer be changed.',
  call_over: 'This call is over, so the number and details can no longer be changed.',
  cancelled: 'This call is cancelled, so there is nothing to correct.',
  data_erased: "Your child's details were deleted, so there is nothing to correct.",
  too_close: `The call is less than ${detailsEditCutoffMinutes} minutes away, so the number and details can no longer be changed.`,
};

const locked = (reason: DetailsLockedReason): DetailsEditability => ({
  editable: false,
  reason,
  message: detailsLockedMessages[reason],
});

/**
 * May the booking's number and child details be corrected at `now`?
 *
 * @param booking `callStatus`, `scheduledAt` (ISO 8601) and `dataErasedAt` as the booking stores them
 * @returns editable with the cutoff instant, or the reason it is not, with a message for the parent
 */
export function detailsEditability(
  booking: {
    readonly callStatus: CallStatus;
    readonly scheduledAt: string;
    readonly dataErasedAt?: string | undefined;
  },
  now: Date,
): DetailsEditability {
  if (booking.dataErasedAt) return locked('data_erased');
  switch (booking.callStatus) {
    case 'cancelled':
      return locked('cancelled');
    case 'queued':
    case 'in_progress':
      return locked('call_started');
    case 'completed':
    case 'failed':
    case 'no_answer':
      return locked('call_over');
    default:
      break;
  }
  const until = new Date(Date.parse(booking.scheduledAt) - detailsEditCutoffMinutes * 60_000);
  if (now.getTime() >= until.getTime()) return locked('too_close');
  return { editable: true, until: until.toISOString() };
}
