import type { BookingView } from './types.ts';

const finalCallStatuses: readonly string[] = ['completed', 'failed', 'no_answer', 'cancelled'];

/**
 * Nothing more will change on its own: the call is over and no video is being made (its status
 * is not `pending` or `processing`). Status pages stop polling then — unless the parent has
 * just paid for the recording, whose webhook is still to land (the caller says so).
 */
export function isSettled(booking: BookingView): boolean {
  return (
    finalCallStatuses.includes(booking.callStatus) &&
    !['pending', 'processing'].includes(booking.videoStatus)
  );
}
