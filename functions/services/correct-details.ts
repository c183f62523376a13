import { $remove, $set } from 'dynamodb-toolbox';
import { bookingChildren } from '../core/children.ts';
import { detailsEditability } from '../core/details-edit.ts';
import { ConflictError, ValidationError } from '../core/errors.ts';
import { giftBudgetProblem } from '../core/gift-budget.ts';
import { bookingLocale } from '../core/locale.ts';
import {
  calleeTimezone,
  describePhoneNumberProblem,
  phoneNumberCountry,
  phoneNumberProblem,
} from '../core/phone-numbers.ts';
import { repeatedChildName } from '../core/sibling-names.ts';
import { phoneContactTransaction } from '../data/booking-contacts.ts';
import {
  type Booking,
  type BookingChanges,
  type ChildrenPatch,
  changeBooking,
  findBooking,
  StaleBookingError,
} from '../data/bookings.ts';
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
 * (`changeBooking`'s version and `updatedAt`). A concurrent write (the workflow recording that
 * the confirmation went out, a reschedule) re-reads the booking and judges the correction again
 * against it — cutoff included — so a parent who corrects just after paying is not told
 * "the booking changed"; only after `staleRetries` such races does `booking_changed` reach them.
 *
 * @returns the booking as it now stands
 * @throws ConflictError `details_locked` past the cutoff (`core/details-edit.ts`), after a
 *   cancellation or an erase
 * @throws ValidationError a number Santa may not call, or one in another country than the
 *   call's time zone; a gift budget above the booking's currency's maximum (`core/gift-budget.ts`)
 */
export async function correctDetails(
  booking: Booking,
  request: DetailsRequest,
  now = new Date(),
): Promise<Booking> {
  let current = booking;
  for (let attempt = 1; ; attempt++) {
    try {
      return await correctOnce(current, request, now);
    } catch (error) {
      if (!(error instanceof StaleBookingError) || attempt >= staleRetries) throw error;
      const fresh = await findBooking(booking.bookingId);
      if (!fresh) throw error;
      current = fresh;
    }
  }
}

const staleRetries = 5;

async function correctOnce(booking: Booking, request: DetailsRequest, now: Date): Promise<Booking> {
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
  correctChildren(booking, request, changes, changed);
  if (request.notesForSanta !== undefined) {
    const notes = request.notesForSanta;
    if (JSON.stringify(notes) !== JSON.stringify(booking.notesForSanta ?? null)) {
      changed.push('notesForSanta');
      // Replaced whole ($set): an update of a map would otherwise merge the old notes in.
      changes.notesForSanta = notes === null ? $remove() : $set(notes);
    }
  }
  if (changed.length === 0) return booking;
  if (request.giftBudget !== undefined && changed.includes('giftBudget')) {
    // The booking's own currency sets the limit, as it did when the call was booked.
    const problem = giftBudgetProblem(request.giftBudget, booking.currency, bookingLocale(booking));
    if (problem) {
      throw new ValidationError('The gift budget is out of range.', { giftBudget: problem });
    }
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

/**
 * Adds the children's part of a correction to `changes`: a patch by position
 * (`ChildrenPatch`: only the paths corrected are written), and the names of the fields
 * changed to `changed` (`children.2.infoText`, 1-based). The single-child fields correct the first child, and a correction
 * of the first child's words also corrects the flat `childInfoText` that mirrors it (or the
 * other way round). A booking made before siblings has no `children` list: its one child is
 * the flat fields, so a correction of `children[0]` is written there.
 *
 * @throws ValidationError when a correction names a child the booking does not have, or gives
 *   the first child the name of another child of the call
 */
function correctChildren(
  booking: Booking,
  request: DetailsRequest,
  changes: Record<string, unknown>,
  changed: string[],
): void {
  const current = bookingChildren(booking);
  const corrections = request.children ?? [];
  if (corrections.length > current.length) {
    throw new ValidationError('There are fewer children on this call.', {
      children:
        current.length === 1
          ? 'This call is for one child: send one correction.'
          : `This call is for ${current.length} children: send at most ${current.length} corrections.`,
    });
  }
  const stored = booking.children && booking.children.length > 0;
  const patch: Record<number, Record<string, unknown>> = {};
  for (const [index, correction] of corrections.entries()) {
    const infoText = correction.infoText;
    if (infoText === undefined || infoText === (current[index]?.infoText ?? '')) continue;
    changed.push(`children.${index + 1}.infoText`);
    const value = infoText === '' ? $remove() : infoText;
    if (stored) patch[index] = { infoText: value };
    // The flat field mirrors the first child (and is the only copy on an old booking).
    if (index === 0) changes.childInfoText = value;
  }
  if (!stored) return;
  // The single-child fields are the first child's: keep `children[0]` the same.
  const first: Record<string, unknown> = { ...patch[0] };
  if (changed.includes('childName') && request.childName !== undefined) {
    const names = current.map((child, index) => (index === 0 ? request.childName : child.name));
    const repeated = repeatedChildName(names.filter((name): name is string => name !== undefined));
    if (repeated) {
      throw new ValidationError('Two children would have the same name.', {
        childName: `Two children are called "${repeated.name}": give each child a different name, or the name Santa calls them by.`,
      });
    }
    first.name = request.childName;
  }
  if (changed.includes('childAge') && request.childAge !== undefined) first.age = request.childAge;
  if (changed.includes('childInfoText') && request.childInfoText !== undefined) {
    first.infoText = request.childInfoText === '' ? $remove() : request.childInfoText;
  }
  if (Object.keys(first).length > 0) patch[0] = first;
  if (Object.keys(patch).length > 0) changes.children = patch as ChildrenPatch;
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
