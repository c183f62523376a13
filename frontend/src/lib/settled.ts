import type { BookingView } from './types.ts';

/**
 * Nothing more will change on its own: the call ended without taking place (no video follows
 * such a call, whatever its video status says), or it was completed and no video is being made
 * (its status is not `pending` or `processing`). Status pages stop polling then — unless the
 * parent has just paid for the recording, whose webhook is still to land (the caller says so).
 */
export function isSettled(booking: Pick<BookingView, 'callStatus' | 'videoStatus'>): boolean {
  if (['failed', 'no_answer', 'cancelled'].includes(booking.callStatus)) return true;
  return (
    booking.callStatus === 'completed' && !['pending', 'processing'].includes(booking.videoStatus)
  );
}
