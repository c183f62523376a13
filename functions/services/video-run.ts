import type { Booking } from '../data/bookings.ts';

/**
 * Starts a workflow run that renders the booking's video (a recording bought after the call,
 * or "Try again" after a failed render). Owned by the lead's render stage; this stub stands in
 * on the `share` branch until it is wired.
 *
 * @throws Error always, until the render stage replaces it
 */
export async function startVideoRun(booking: Booking): Promise<void> {
  throw new Error(`not wired: startVideoRun(${booking.bookingId})`);
}
