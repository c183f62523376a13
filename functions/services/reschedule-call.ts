import { $remove } from 'dynamodb-toolbox';
import { loadBookingConfig } from '../config/booking-config.ts';
import { isChangeable } from '../core/booking-status.ts';
import { movedEmailOutbox } from '../core/change-emails.ts';
import { ConflictError } from '../core/errors.ts';
import { checkedCalleeTimezone, checkedCallTime, freshHoldExpiry } from '../core/new-booking.ts';
import { bookingExpiresAt } from '../core/retention.ts';
import { placeInstantFor, slotCapacity } from '../core/scheduling-rules.ts';
import {
  type Booking,
  ConflictingWriteError,
  changeBooking,
  findBooking,
} from '../data/bookings.ts';
import { lineFreeNow } from '../data/call-lines.ts';
import { givePlaceBackTransactions, takePlaceTransactions } from '../data/slots.ts';
import type { RescheduleRequest } from '../schemas/booking-request.ts';
import { armCall } from './arm-call.ts';
import { nearestFreeTimes } from './availability.ts';
import { sendOwedChangeEmail } from './change-emails.ts';
import { reclaimExpiredPlaces } from './hold-reclaim.ts';

const config = loadBookingConfig();

/**
 * Moves a booking to a new time by the booking rules — the parent's PATCH /api/calls/{callId}
 * and support's `reschedule` alike. The new place is taken and the old one given back with the
 * booking change, all or nothing; a paid booking's schedule moves too. `by` goes on the
 * `booking_rescheduled` audit event. A paid booking's parent gets "Your call is moved" once
 * per new schedule (`emailCallMoved`), whoever moved it.
 *
 * Idempotent enough to retry: the change is conditional on the booking's version, so a repeat
 * after success fails `booking_changed` (or moves to the same time again) instead of moving twice.
 *
 * @returns the booking as it now stands
 * @throws ConflictError `not_reschedulable` once the call has started or is over; `slot_full` /
 *   `no_line_free` with the nearest free times; ValidationError for a time the rules refuse
 */
export async function rescheduleCall(
  booking: Booking,
  request: RescheduleRequest,
  by: 'parent' | 'support',
  now = new Date(),
): Promise<Booking> {
  if (!isChangeable(booking.callStatus)) {
    throw new ConflictError('not_reschedulable', 'This call can no longer be moved.');
  }
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
  // The "moved" email owed, recorded with the move (an outbox item): if we die before it
  // goes, the retried PATCH or the reconciler still sends it (`sendOwedChangeEmail`).
  const outbox = movedEmailOutbox(
    booking,
    {
      scheduledAt: callAt.toISOString(),
      timezone,
      callNow: request.callNow === true,
      paymentStatus: booking.paymentStatus,
      dataErasedAt: booking.dataErasedAt,
    },
    now,
  );
  const change = (...place: unknown[]) =>
    changeBooking(
      booking,
      {
        ...(outbox === 'take_back'
          ? {
              changeEmailOwed: $remove(),
              changeEmailOwedAt: $remove(),
              movedEmailOwedFrom: $remove(),
            }
          : outbox),
        scheduledAt: callAt.toISOString(),
        // Retention runs from the call: a moved call moves the day its record expires.
        expiresAt: bookingExpiresAt(callAt.toISOString()),
        slotStart: newSlot,
        ...(booking.paymentStatus === 'paid' ? {} : { holdExpiresAt: freshHoldExpiry(now) }),
        timezone,
        callNow: request.callNow === true,
      },
      {
        type: 'booking_rescheduled',
        detail: { from: booking.scheduledAt, to: callAt.toISOString(), timezone, by },
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
  // Before arming, as recorded with the move: once per new schedule; never throws. A retried
  // PATCH (which moves nothing) sends here what a first try that died left owed.
  await sendOwedChangeEmail(moved, now);
  if (moved.paymentStatus === 'paid') await armCall(moved, now);
  return moved;
}
