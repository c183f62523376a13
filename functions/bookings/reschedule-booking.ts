import { loadBookingConfig } from '../config/booking-config.ts';
import { isChangeable } from '../core/booking-status.ts';
import { ConflictError } from '../core/errors.ts';
import { checkedCalleeTimezone, checkedCallTime, freshHoldExpiry } from '../core/new-booking.ts';
import { bookingExpiresAt } from '../core/retention.ts';
import { placeInstantFor, slotCapacity } from '../core/scheduling-rules.ts';
import { listAuditEvents } from '../data/audit-trail.ts';
import { ConflictingWriteError, changeBooking, findBooking } from '../data/bookings.ts';
import { lineFreeNow } from '../data/call-lines.ts';
import { givePlaceBackTransactions, takePlaceTransactions } from '../data/slots.ts';
import { rescheduleRequestSchema } from '../schemas/booking-request.ts';
import { armCall } from '../services/arm-call.ts';
import { nearestFreeTimes } from '../services/availability.ts';
import { bookingView } from '../services/booking-view.ts';
import { reclaimExpiredPlaces } from '../services/hold-reclaim.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { parseJsonBody } from '../shared/request.ts';
import { authorizedBooking } from './authorize.ts';

const config = loadBookingConfig();

/**
 * PATCH /api/calls/{callId}: a new time by the same rules. The new place is taken and the old
 * one given back with the booking change, all or nothing; a paid booking's schedule moves too.
 */
export const handler = httpHandler(async (event) => {
  const booking = await authorizedBooking(event);
  const request = parseJsonBody(event, rescheduleRequestSchema);
  if (!isChangeable(booking.callStatus)) {
    throw new ConflictError('not_reschedulable', 'This call can no longer be moved.');
  }
  const now = new Date();
  // The callee's zone, checked against the number as at booking (older bookings are put right).
  const timezone = checkedCalleeTimezone(booking.phoneNumber, request.timezone ?? booking.timezone);
  const callAt = checkedCallTime({ ...request, timezone }, now, config.rules);
  if (request.callNow && !(await lineFreeNow(config.rules.concurrentCalls))) {
    throw new ConflictError(
      'no_line_free',
      "All of Santa's lines are busy this minute. Please choose one of the nearest free times.",
      { placesLeft: 0, nearestFreeTimes: await nearestFreeTimes(now, timezone, now, config.rules) },
    );
  }
  const newSlot = placeInstantFor(callAt, request.callNow === true).toISOString();
  const moves = newSlot !== booking.slotStart;
  const take = takePlaceTransactions(
    newSlot,
    booking.bookingId,
    slotCapacity(new Date(newSlot), config.rules),
    // An unpaid booking's new place is held afresh, as a new booking's would be.
    booking.paymentStatus === 'paid' ? booking.holdExpiresAt : freshHoldExpiry(now),
    booking.paymentStatus === 'paid',
  );
  const giveBack = givePlaceBackTransactions(booking.slotStart, booking.bookingId);
  const change = (...place: unknown[]) =>
    changeBooking(
      booking,
      {
        scheduledAt: callAt.toISOString(),
        expiresAt: bookingExpiresAt(callAt.toISOString()),
        slotStart: newSlot,
        ...(booking.paymentStatus === 'paid' ? {} : { holdExpiresAt: freshHoldExpiry(now) }),
        timezone,
        callNow: request.callNow === true,
      },
      {
        type: 'booking_rescheduled',
        detail: { from: booking.scheduledAt, to: callAt.toISOString(), timezone },
      },
      ...place,
    );
  const full = async () =>
    new ConflictError(
      'slot_full',
      'Santa is fully booked at that time. Please choose one of the nearest free times.',
      {
        placesLeft: 0,
        nearestFreeTimes: await nearestFreeTimes(callAt, timezone, now, config.rules),
      },
    );
  // The new place is taken and the old one given back with the change; when the new time is
  // full, its expired unpaid holds are given back (their payments cancelled) and it is tried
  // once more. A change that fails only because the old place was already given back (an
  // unpaid hold that expired) just takes the new one.
  const move = async (): Promise<'moved' | 'full'> => {
    try {
      await (moves ? change(...take, ...giveBack) : change());
      return 'moved';
    } catch (error) {
      if (!(error instanceof ConflictingWriteError)) throw error;
      if (error.failedAlongside[0]) return 'full';
    }
    try {
      await change(...take);
      return 'moved';
    } catch (error) {
      if (error instanceof ConflictingWriteError) return 'full';
      throw error;
    }
  };
  if ((await move()) === 'full') {
    if ((await reclaimExpiredPlaces(newSlot, now)) === 0 || (await move()) === 'full') {
      throw await full();
    }
  }
  const moved = (await findBooking(booking.bookingId)) ?? booking;
  if (moved.paymentStatus === 'paid') await armCall(moved, now);
  return jsonResponse(200, bookingView(moved, await listAuditEvents(moved.bookingId)));
});
