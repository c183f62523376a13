import { $remove } from 'dynamodb-toolbox';
import { detailsEditability } from '../core/details-edit.ts';
import { ConflictError, ValidationError } from '../core/errors.ts';
import { giftBudgetProblem } from '../core/gift-budget.ts';
import { usableLocale } from '../core/locale.ts';
import {
  calleeTimezone,
  describePhoneNumberProblem,
  phoneNumberCountry,
  phoneNumberProblem,
} from '../core/phone-numbers.ts';
import { phoneContactTransaction } from '../data/booking-contacts.ts';
import { type Booking, type BookingChanges, changeBooking, findBooking } from '../data/bookings.ts';
import { correctableFields, type DetailsRequest } from '../schemas/details-request.ts';

/**
 * Corrects the number Santa calls and the child's details before the call — the parent's
 * `PATCH /api/calls/{callId}/details`. Only the fields sent that differ from the booking
 * change; the booking's schedule version stays, so the armed workflow goes on and reads the
 * corrected booking when it dials (`functions/workflow/place-call.ts`, `call-variables.ts`).
 * A new number replaces the booking's phone contact item (`byContact` index) in the same
 * transaction as the booking change and its `details_corrected` audit event (field names
 * only, never values).
 *
 * Idempotent: a repeat of a correction already applied finds nothing different and writes
 * nothing (no second audit event); the write is conditional on the booking as read
 * (`changeBooking`'s version and `updatedAt`), so a concurrent change fails `booking_changed`.
 *
 * @returns the booking as it now stands
 * @throws ConflictError `details_locked` past the cutoff (`core/details-edit.ts`), after a
 *   cancellation or an erase
 * @throws ValidationError a number Santa may not call, or one in another country than the
 *   call's time zone; a gift budget above the booking currency's maximum
 */
export async function correctDetails(
  booking: Booking,
  request: DetailsRequest,
  now = new Date(),
): Promise<Booking> {
  const editability = detailsEditability(booking, now);
  if (!editability.editable) {
    throw new ConflictError('details_locked', editability.message, { reason: editability.reason });
  }
  const changes: Record<string, unknown> = {};
  const changed: string[] = [];
  for (const field of correctableFields) {
    const value = request[field];
    if (value === undefined || value === (booking[field] ?? '')) continue;
    changed.push(field);
    changes[field] = field === 'childInfoText' && value === '' ? $remove() : value;
  }
  if (changed.length === 0) return booking;
  // The booking's own currency caps the budget, as when booking: the schema alone only knows
  // it is a whole number, so a correction could raise a US$20 budget to US$1,000,000.
  const budgetProblem =
    request.giftBudget !== undefined && changed.includes('giftBudget')
      ? giftBudgetProblem(request.giftBudget, booking.currency, usableLocale(booking.locale))
      : undefined;
  if (budgetProblem) {
    throw new ValidationError('The gift budget is out of range.', { giftBudget: budgetProblem });
  }
  const phoneNumber = request.phoneNumber;
  if (phoneNumber !== undefined && changed.includes('phoneNumber')) {
    checkNewNumber(phoneNumber, booking.timezone);
  }
  await changeBooking(
    booking,
    changes as BookingChanges,
    { type: 'details_corrected', detail: { fields: changed.join(',') } },
    ...(phoneNumber !== undefined && changed.includes('phoneNumber')
      ? [phoneContactTransaction({ ...booking, phoneNumber })]
      : []),
  );
  return (await findBooking(booking.bookingId)) ?? booking;
}

/** The full metadata's checks (premium rate, …) and the call's zone against the new number. */
function checkNewNumber(phoneNumber: string, timezone: string): void {
  const problem = phoneNumberProblem(phoneNumber);
  if (problem) {
    throw new ValidationError('Santa cannot call that number.', {
      phoneNumber: describePhoneNumberProblem(problem),
    });
  }
  if ('problem' in calleeTimezone(phoneNumber, timezone)) {
    const country = phoneNumberCountry(phoneNumber)?.name ?? 'another country';
    throw new ValidationError('That number is in another country than the call.', {
      phoneNumber: `This number is in ${country}, but the call is booked on the ${timezone.replaceAll('_', ' ')} clock. To call a number in another country, cancel and book again.`,
    });
  }
}
