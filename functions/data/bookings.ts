import {
  $add,
  $remove,
  $set,
  executeTransactWrite,
  type FormattedItem,
  GetItemCommand,
  type InputItem,
  PutTransaction,
  UpdateItemCommand,
  UpdateTransaction,
} from 'dynamodb-toolbox';
import type { StoredBooking } from '../core/booking.ts';
import { assertCallTransition, assertPaymentTransition } from '../core/booking-status.ts';
import type { StoredChild } from '../core/children.ts';
import { DomainError, NotFoundError } from '../core/errors.ts';
import { voiceNoteClaimExpiresAt } from '../core/retention.ts';
import { voiceNoteKeysOf } from '../core/voice-note-claim.ts';
import { type AuditEvent, auditEventTransaction } from './audit-trail.ts';
import { bookingContactTransactions } from './booking-contacts.ts';
import { BookingEntity } from './entities.ts';
import { takePlaceTransactions } from './slots.ts';
import { claimVoiceNoteTransaction } from './voice-note-claims.ts';

export type Booking = FormattedItem<typeof BookingEntity>;
export type NewBooking = Omit<InputItem<typeof BookingEntity>, 'createdAt' | 'updatedAt'>;
/**
 * Changes to some children's fields by their place in `children` (`{ 1: { infoText } }`):
 * DynamoDB sets (or, with `$remove()`, removes) only those paths, so a change to one child's
 * field never overwrites another field written meanwhile (a transcript, a correction).
 */
export type ChildrenPatch = {
  readonly [index: number]: {
    readonly [Field in keyof StoredChild]?:
      | StoredChild[Field]
      | (undefined extends StoredChild[Field] ? ReturnType<typeof $remove> : never);
  };
};

/**
 * New values for a booking's fields; `$remove()` deletes an optional one, and `$set(value)`
 * writes a map or list whole (a plain map value is a partial update of its keys, which
 * DynamoDB refuses when the map is not there yet).
 */
export type BookingChanges = {
  [Field in keyof Omit<Booking, 'bookingId' | 'version' | 'createdAt' | 'updatedAt'>]?:
    | Booking[Field]
    | (NonNullable<Booking[Field]> extends object
        ? ReturnType<typeof $set<NonNullable<Booking[Field]>>>
        : never)
    | (undefined extends Booking[Field] ? ReturnType<typeof $remove> : never)
    | (Field extends 'children' ? ChildrenPatch : never);
};

export class SlotFullError extends DomainError {
  constructor() {
    super(
      'conflict',
      'slot_full',
      'That time is fully booked. Choose one of the nearest free times.',
    );
  }
}

/** Another request changed the booking first; the caller may re-read and try again. */
export class StaleBookingError extends DomainError {
  constructor() {
    super('conflict', 'booking_changed', 'The booking changed meanwhile. Reload it and try again.');
  }
}

/** Which items of a cancelled transaction failed their condition. */
function failedConditions(error: unknown): boolean[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as Error & { CancellationReasons?: { Code?: string }[] })
    .CancellationReasons;
  return reasons?.map((reason) => reason.Code === 'ConditionalCheckFailed');
}

/**
 * Writes a new booking, its first audit event, its place in the slot and its contact items
 * (found by the parent's email or phone, `booking-contacts.ts`) and its claim on its voice
 * note (`voice-note-claims.ts`) in one transaction: a booking exists only with its place held,
 * is always findable by its contact, and its note is not deleted while it needs it.
 */
export async function createBooking(
  booking: NewBooking,
  event: AuditEvent,
  capacity: number,
): Promise<void> {
  const createdAt = new Date().toISOString();
  try {
    await executeTransactWrite(
      BookingEntity.build(PutTransaction)
        .item({ ...booking, createdAt })
        .options({ condition: { attr: 'bookingId', exists: false } }),
      auditEventTransaction(booking.bookingId, event),
      ...takePlaceTransactions(
        booking.slotStart,
        booking.bookingId,
        capacity,
        booking.holdExpiresAt,
      ),
      // Last, so the slot's condition keeps its index (2) in the cancellation reasons.
      ...bookingContactTransactions({ ...booking, createdAt }),
      // After them all, for the same reason: the booking's claim on each child's voice note
      // (no condition; ADD to the set is idempotent), so erasing another booking that named
      // the same key (a re-booking) does not delete the note this one needs.
      ...voiceNoteKeysOf(booking).map((key) =>
        claimVoiceNoteTransaction(
          key,
          booking.bookingId,
          voiceNoteClaimExpiresAt(new Date(createdAt)),
        ),
      ),
    );
  } catch (error) {
    if (failedConditions(error)?.[2]) throw new SlotFullError();
    throw error;
  }
}

export async function findBooking(bookingId: string): Promise<Booking | undefined> {
  const { Item } = await BookingEntity.build(GetItemCommand)
    .key({ bookingId })
    .options({ consistent: true })
    .send();
  // The store keeps the domain's booking: a field that drifts on one side fails to compile.
  return Item satisfies StoredBooking | undefined;
}

export async function getBooking(bookingId: string): Promise<Booking> {
  const booking = await findBooking(bookingId);
  if (!booking) throw new NotFoundError('No such booking.');
  return booking;
}

/**
 * Fields that belong to the parent's schedule, or end it: changing one starts a new schedule
 * version, so a workflow run serving the old one stops. Anything else (a payment fact, a
 * partial refund, an email claim) keeps the version, so the run goes on.
 */
const scheduleFields = ['scheduledAt', 'timezone', 'slotStart', 'callNow', 'callStatus'] as const;

/**
 * The update of a booking as it was read: conditional on its version — and, when the schedule
 * version stays, on `updatedAt` too, so a concurrent change still fails it (optimistic lock).
 */
function bookingUpdateTransaction(
  booking: Pick<Booking, 'bookingId' | 'version'> & { readonly updatedAt?: string },
  changes: BookingChanges,
) {
  const newSchedule = scheduleFields.some((field) => changes[field] !== undefined);
  if (newSchedule || booking.updatedAt === undefined) {
    return BookingEntity.build(UpdateTransaction)
      .item({ ...changes, bookingId: booking.bookingId, version: $add(1) })
      .options({ condition: { attr: 'version', eq: booking.version } });
  }
  return BookingEntity.build(UpdateTransaction)
    .item({ ...changes, bookingId: booking.bookingId })
    .options({
      condition: {
        and: [
          { attr: 'version', eq: booking.version },
          { attr: 'updatedAt', eq: booking.updatedAt },
        ],
      },
    });
}

/**
 * Applies a change to a booking together with its audit event and any other writes that must
 * happen with it, all or nothing. Fails with StaleBookingError if the booking moved on.
 */
export async function changeBooking(
  booking: Pick<Booking, 'bookingId' | 'version' | 'callStatus' | 'paymentStatus'> & {
    readonly updatedAt?: string;
  },
  changes: BookingChanges,
  event: AuditEvent,
  // biome-ignore lint/suspicious/noExplicitAny: any toolbox write transaction may join.
  ...alongside: any[]
): Promise<void> {
  // The core decides which moves are legal; an illegal one is an error, never an overwrite.
  if (changes.callStatus) assertCallTransition(booking.callStatus, changes.callStatus);
  if (changes.paymentStatus) assertPaymentTransition(booking.paymentStatus, changes.paymentStatus);
  try {
    await executeTransactWrite(
      bookingUpdateTransaction(booking, changes),
      auditEventTransaction(booking.bookingId, event),
      ...alongside,
    );
  } catch (error) {
    const failed = failedConditions(error);
    if (failed?.[0]) throw new StaleBookingError();
    if (failed?.slice(2).some(Boolean) && failed.length > 2) {
      throw new ConflictingWriteError(failed.slice(2));
    }
    throw error;
  }
}

/** A write that joined a booking change failed its condition (its index among them given). */
export class ConflictingWriteError extends Error {
  constructor(readonly failedAlongside: boolean[]) {
    super('A write made with the booking change failed its condition.');
    this.name = 'ConflictingWriteError';
  }
}

/** Sets a field once, atomically; false when it was already set (someone else claimed it). */
export type ClaimField =
  | 'confirmationEmailSentAt'
  | 'reminderSentAt'
  | 'transcriptEmailSentAt'
  | 'notCompletedEmailSentAt'
  | 'videoReadyEmailSentAt'
  | 'videoNotMadeEmailSentAt'
  | 'cancelledEmailSentAt';

export async function claimOnce(
  bookingId: string,
  field: ClaimField,
  at: string,
  /** Also false when the booking is cancelled, checked in the same atomic update. */
  options: { readonly unlessCancelled?: boolean } = {},
): Promise<boolean> {
  // The toolbox types conditions per attribute; any claim field takes the same condition.
  const unclaimed = { attr: field as 'reminderSentAt', exists: false } as const;
  try {
    await BookingEntity.build(UpdateItemCommand)
      .item({ bookingId, [field]: at })
      .options({
        condition: options.unlessCancelled
          ? { and: [unclaimed, { attr: 'callStatus', ne: 'cancelled' }] }
          : unclaimed,
      })
      .send();
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** A field claimed once per key rather than once: the "moved" email, once per new schedule. */
export type KeyedClaimField = 'movedEmailSentFor';

/**
 * Sets `field` to `key` atomically unless it already holds `key`; false when it does (this key
 * was claimed before: a retry). A different key — the next change — claims it again.
 *
 * With `whileScheduledAt`, the claim also needs the booking still at that time and not
 * cancelled: a "moved" email claimed after a later move or a cancellation landed (two tabs, a
 * reschedule racing a cancel) is not sent, so the last email a parent reads tells the booking
 * as it stands — never a "moved" after the "cancelled".
 */
export async function claimOnceFor(
  bookingId: string,
  field: KeyedClaimField,
  key: string,
  whileScheduledAt?: string,
): Promise<boolean> {
  const unclaimed = {
    or: [
      { attr: field, exists: false as const },
      { attr: field, ne: key },
    ],
  };
  try {
    await BookingEntity.build(UpdateItemCommand)
      .item({ bookingId, [field]: key })
      .options({
        condition:
          whileScheduledAt === undefined
            ? unclaimed
            : {
                and: [
                  unclaimed,
                  { attr: 'scheduledAt', eq: whileScheduledAt },
                  { attr: 'callStatus', ne: 'cancelled' },
                ],
              },
      })
      .send();
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** Undoes claimOnceFor when the claimed work failed — only if no later key claimed it since. */
export async function releaseClaimFor(
  bookingId: string,
  field: KeyedClaimField,
  key: string,
): Promise<void> {
  try {
    await BookingEntity.build(UpdateItemCommand)
      .item({ bookingId, [field]: $remove() })
      .options({ condition: { attr: field, eq: key } })
      .send();
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
  }
}

/**
 * Records the booking's PaymentIntent with its audit event, in one transaction. Not
 * version-checked: it only ever sets the one id Stripe returns for the booking's idempotency
 * key, even if a webhook moved the booking on meanwhile; a retry writes the same id again.
 */
export async function setPaymentIntent(bookingId: string, paymentIntentId: string): Promise<void> {
  await executeTransactWrite(
    BookingEntity.build(UpdateTransaction)
      .item({ bookingId, paymentIntentId })
      .options({ condition: { attr: 'bookingId', exists: true } }),
    auditEventTransaction(bookingId, {
      type: 'payment_intent_created',
      detail: { paymentIntentId },
    }),
  );
}

/** Undoes claimOnce when the claimed work failed, so a retry can claim it again. */
export async function releaseClaim(bookingId: string, field: ClaimField): Promise<void> {
  await BookingEntity.build(UpdateItemCommand)
    .item({ bookingId, [field]: $remove() })
    .send();
}

/** Records the name of the schedule or execution that will run the call, once. */
export async function recordWorkflowArmed(
  bookingId: string,
  version: number,
  names: { scheduleName?: string; executionName: string },
): Promise<boolean> {
  try {
    await BookingEntity.build(UpdateItemCommand)
      .item({ bookingId, ...names })
      .options({
        condition: {
          and: [
            { attr: 'version', eq: version },
            {
              or: [
                { attr: 'executionName', exists: false },
                { attr: 'executionName', ne: names.executionName },
              ],
            },
          ],
        },
      })
      .send();
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** The workflow's run was overtaken: the booking was rescheduled or cancelled meanwhile. */
export class BookingOvertakenError extends Error {
  constructor() {
    super('The booking changed since this workflow run started.');
    this.name = 'BookingOvertaken';
  }
}

/**
 * A change made by the booking workflow. It leaves `version` alone (the version is the
 * parent's schedule, which the run was started for) and applies only while the booking is
 * still at that version — and, when the caller says so, still in the call status it was read
 * in: a run overtaken by a reschedule, a cancellation or another run changes nothing. Other
 * writes that must happen with it (a parked task token) join the same transaction.
 *
 * @throws BookingOvertakenError when the booking is no longer at `runVersion` (or status)
 */
export async function changeBookingFromWorkflow(
  booking: Pick<Booking, 'bookingId' | 'callStatus' | 'paymentStatus'>,
  runVersion: number,
  changes: BookingChanges,
  event: AuditEvent,
  options: {
    readonly expectUnchangedStatus?: boolean;
    // biome-ignore lint/suspicious/noExplicitAny: any toolbox write transaction may join.
    readonly alongside?: readonly any[];
  } = {},
): Promise<void> {
  if (changes.callStatus) assertCallTransition(booking.callStatus, changes.callStatus);
  if (changes.paymentStatus) assertPaymentTransition(booking.paymentStatus, changes.paymentStatus);
  const condition = options.expectUnchangedStatus
    ? {
        and: [
          { attr: 'version' as const, eq: runVersion },
          { attr: 'callStatus' as const, eq: booking.callStatus },
        ],
      }
    : { attr: 'version' as const, eq: runVersion };
  try {
    await executeTransactWrite(
      BookingEntity.build(UpdateTransaction)
        .item({ ...changes, bookingId: booking.bookingId })
        .options({ condition }),
      auditEventTransaction(booking.bookingId, event),
      ...(options.alongside ?? []),
    );
  } catch (error) {
    if (failedConditions(error)?.[0]) throw new BookingOvertakenError();
    throw error;
  }
}

/**
 * Records that a voice note of the booking was deleted from S3 (after its call: the transcript
 * on the booking is what Santa used): forgets its key, with the audit event, in one
 * transaction. `childIndex` is the child's place in `children` (undefined for a booking made
 * before siblings, whose note is only the flat `voiceNoteKey`); the first child's key is also
 * forgotten in the flat field that mirrors it. Conditional on the key still being `key` there,
 * so a repeated step (or an erase that came first) writes nothing twice: answers false then.
 */
export async function forgetVoiceNote(
  bookingId: string,
  key: string,
  event: AuditEvent,
  childIndex?: number,
): Promise<boolean> {
  const update =
    childIndex === undefined
      ? BookingEntity.build(UpdateTransaction)
          .item({ bookingId, voiceNoteKey: $remove() })
          .options({ condition: { attr: 'voiceNoteKey', eq: key } })
      : BookingEntity.build(UpdateTransaction)
          .item({
            bookingId,
            children: { [childIndex]: { voiceNoteKey: $remove() } },
            ...(childIndex === 0 ? { voiceNoteKey: $remove() } : {}),
          })
          .options({ condition: { attr: `children[${childIndex}].voiceNoteKey`, eq: key } });
  try {
    await executeTransactWrite(update, auditEventTransaction(bookingId, event));
    return true;
  } catch (error) {
    if (failedConditions(error)?.[0]) return false;
    throw error;
  }
}

/** What is left of a child once the parent asks us to forget them. */
const erasedChildName = '[erased]';

/**
 * Forgets the children and the parent on the booking: each child's name, gender, interests,
 * voice-note reference and transcript (a child keeps only their age), the parent's notes for
 * Santa, the parent's phone and email (blanked: the fields are
 * required of a live booking), the ElevenLabs conversation id (deleted at
 * ElevenLabs before this), and the media keys. The booking keeps what accounting needs
 * (amounts, dates, statuses) and its audit trail, which holds no personal data. One
 * transaction with the audit event, conditional on the version read (StaleBookingError).
 */
export async function eraseChildData(
  booking: Pick<Booking, 'bookingId' | 'version' | 'videoStatus' | 'children'>,
  event: AuditEvent = { type: 'child_data_erased' },
): Promise<void> {
  const at = new Date().toISOString();
  // A video still to be made never will be: it ends `failed` (final: no retry after an erase).
  const videoOpen = booking.videoStatus === 'pending' || booking.videoStatus === 'processing';
  try {
    await executeTransactWrite(
      BookingEntity.build(UpdateTransaction)
        .item({
          bookingId: booking.bookingId,
          version: $add(1),
          childName: erasedChildName,
          // Each child keeps only their age (how many children the call was for, for
          // support and accounting); names, words, voice notes and transcripts go.
          children:
            booking.children && booking.children.length > 0
              ? $set(booking.children.map((child) => ({ name: erasedChildName, age: child.age })))
              : $remove(),
          notesForSanta: $remove(),
          childGender: $remove(),
          childInfoText: $remove(),
          voiceNoteKey: $remove(),
          voiceNoteTranscript: $remove(),
          phoneNumber: '',
          parentEmail: '',
          parentEmailKey: $remove(),
          conversationId: $remove(),
          transcriptKey: $remove(),
          audioKey: $remove(),
          // The wish list, summary and criteria' rationales quote the children.
          callAnalysis: $remove(),
          videoKey: $remove(),
          ...(videoOpen ? { videoStatus: 'failed' as const } : {}),
          dataErasedAt: at,
        })
        .options({ condition: { attr: 'version', eq: booking.version } }),
      auditEventTransaction(booking.bookingId, event),
    );
  } catch (error) {
    if (failedConditions(error)?.[0]) throw new StaleBookingError();
    throw error;
  }
}

/**
 * Records the reconciler's action on a booking — only if nobody (another reconciler, a run)
 * changed the booking since it was read: the condition is on `updatedAt` and on the recovery
 * count. Answers false when it lost that race.
 */
export async function claimRecoveryRun(
  booking: Pick<Booking, 'bookingId' | 'updatedAt' | 'recoveryRuns'>,
  changes: Pick<
    BookingChanges,
    'recoveryRuns' | 'executionName' | 'reconciledAt' | 'supportNeededAt'
  >,
): Promise<boolean> {
  try {
    await BookingEntity.build(UpdateItemCommand)
      .item({ bookingId: booking.bookingId, ...changes })
      .options({
        condition: {
          and: [
            { attr: 'updatedAt', eq: booking.updatedAt },
            booking.recoveryRuns === undefined
              ? { attr: 'recoveryRuns', exists: false }
              : { attr: 'recoveryRuns', eq: booking.recoveryRuns },
          ],
        },
      })
      .send();
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/**
 * Forgets an attempt's dial marker — only when ElevenLabs certainly did not dial (429, 4xx) —
 * so the next try dials at once instead of first waiting for a look-up to settle. Conditional
 * on the marker still being this one.
 */
export async function forgetDialMarker(bookingId: string, marker: string): Promise<void> {
  await BookingEntity.build(UpdateItemCommand)
    .item({ bookingId, dialMarker: $remove(), dialStartedAt: $remove() })
    .options({ condition: { attr: 'dialMarker', eq: marker } })
    .send();
}

/**
 * Claims the right to dial one attempt, recording its marker and the dial's start before the
 * request goes out. Exactly one claim wins for each (marker, previous start): the first dial of
 * an attempt needs the marker not yet recorded; a re-dial needs `dialStartedAt` still at the
 * value the caller saw, so two overlapping tries (a Lambda retried while the first still runs)
 * can never both dial. One transaction with its audit event.
 *
 * @returns false when another try claimed it first
 * @throws BookingOvertakenError when the run's version or the queued status is gone
 */
export async function claimDial(
  booking: Pick<Booking, 'bookingId' | 'callStatus'>,
  runVersion: number,
  dial: { readonly marker: string; readonly attempt: number; readonly previousStartedAt?: string },
  now: Date,
): Promise<boolean> {
  const claim = dial.previousStartedAt
    ? { attr: 'dialStartedAt' as const, eq: dial.previousStartedAt }
    : {
        or: [
          { attr: 'dialMarker' as const, exists: false },
          { attr: 'dialMarker' as const, ne: dial.marker },
        ],
      };
  try {
    await executeTransactWrite(
      BookingEntity.build(UpdateTransaction)
        .item({
          bookingId: booking.bookingId,
          dialMarker: dial.marker,
          dialStartedAt: now.toISOString(),
        })
        .options({
          condition: {
            and: [{ attr: 'version', eq: runVersion }, { attr: 'callStatus', eq: 'queued' }, claim],
          },
        }),
      auditEventTransaction(booking.bookingId, {
        type: dial.previousStartedAt ? 'call_redialling' : 'call_dialling',
        detail: { attempt: String(dial.attempt) },
      }),
    );
    return true;
  } catch (error) {
    if (!failedConditions(error)?.[0]) throw error;
    const current = await findBooking(booking.bookingId);
    if (!current || current.version !== runVersion || current.callStatus !== 'queued') {
      throw new BookingOvertakenError();
    }
    return false;
  }
}
