import { boolean, Entity, item, list, map, number, record, set, string } from 'dynamodb-toolbox';
import { callStatuses, paymentStatuses, videoStatuses } from '../core/booking-status.ts';
import { reportedOutcomes } from '../core/call-outcome.ts';
import { changeEmails } from '../core/change-emails.ts';
import { languageCodes } from '../core/languages.ts';
import { notePersonRelations } from '../core/santa-notes.ts';
import { table } from './table.ts';

const timestamps = {
  created: { name: 'createdAt', savedAs: 'createdAt' },
  modified: { name: 'updatedAt', savedAs: 'updatedAt' },
} as const;

/** A booking: `BOOKING#<id>` / `BOOKING`. Index attributes are plain fields on it. */
export const BookingEntity = new Entity({
  name: 'Booking',
  table,
  timestamps,
  schema: item({
    bookingId: string().key(),
    version: number(),
    callStatus: string().enum(...callStatuses),
    paymentStatus: string().enum(...paymentStatuses),
    videoStatus: string().enum(...videoStatuses),
    childName: string(),
    childAge: number(),
    childGender: string().optional(),
    childInfoText: string().optional(),
    voiceNoteKey: string().optional(),
    // The children of the call, 1–4 (core/children.ts); the flat child fields above stay the
    // first child's, so a reader not yet moved (and items written before) still work.
    children: list(
      map({
        name: string(),
        age: number(),
        gender: string().optional(),
        infoText: string().optional(),
        voiceNoteKey: string().optional(),
        voiceNoteTranscript: string().optional(),
      }),
    ).optional(),
    // Absent on bookings made before languages: read as English (`languageOf`).
    language: string()
      .enum(...languageCodes)
      .optional(),
    notesForSanta: map({
      praise: string().optional(),
      encouragement: string().optional(),
      people: list(
        map({ relation: string().enum(...notePersonRelations), name: string() }),
      ).optional(),
      avoidTopics: string().optional(),
    }).optional(),
    phoneNumber: string(),
    parentEmail: string(),
    // Removed when the parent's data is erased (phone and email are blanked: '').
    parentEmailKey: string().optional(),
    giftBudget: number(),
    purchaseRecording: boolean(),
    callNow: boolean(),
    waitForCallingHours: boolean().optional(),
    scheduledAt: string(),
    timezone: string(),
    slotStart: string(),
    baseCents: number(),
    // What the children after the first added to the price (absent on bookings made before).
    extraChildrenCents: number().optional(),
    recordingCents: number(),
    totalCents: number(),
    currency: string(),
    locale: string().optional(),
    consentVersion: string(),
    consentedAt: string(),
    recordingConsent: boolean(),
    affiliateSlug: string().optional(),
    utmSource: string().optional(),
    paymentIntentId: string().optional(),
    holdExpiresAt: string(),
    scheduleName: string().optional(),
    executionName: string().optional(),
    confirmationEmailSentAt: string().optional(),
    attempts: number(),
    paidAt: string().optional(),
    cancelledAt: string().optional(),
    refundedAt: string().optional(),
    amountRefundedCents: number().optional(),
    // The call, filled in by the booking workflow.
    conversationId: string().optional(),
    voiceNoteTranscript: string().optional(),
    reminderSentAt: string().optional(),
    transcriptKey: string().optional(),
    audioKey: string().optional(),
    callDurationSecs: number().optional(),
    // The post-call analysis (core/call-analysis.ts): written with the call's records, erased with them.
    callAnalysis: map({
      summary: string().optional(),
      children: list(
        map({
          name: string(),
          wishes: list(string()),
          proudOf: string().optional(),
          worries: string().optional(),
        }),
      ),
      criteria: list(
        map({
          id: string(),
          result: string().enum('success', 'failure', 'unknown'),
          rationale: string().optional(),
        }),
      ),
      analysedAt: string(),
    }).optional(),
    transcriptEmailSentAt: string().optional(),
    notCompletedEmailSentAt: string().optional(),
    lastOutcome: string().optional(),
    dataErasedAt: string().optional(),
    // One dial: its idempotency marker is recorded before ElevenLabs is asked to ring.
    dialMarker: string().optional(),
    dialStartedAt: string().optional(),
    // Why an unsuccessful call ended (not_reached | outside_calling_hours | error).
    endReason: string().optional(),
    // A step after a completed call that failed and awaits a retry (records, email).
    afterCallProblem: string().optional(),
    // Runs the reconciler started to finish this booking, and when it last acted.
    recoveryRuns: number().optional(),
    reconciledAt: string().optional(),
    // Set once when the reconciler gave up recovering the booking: support must look.
    supportNeededAt: string().optional(),
    // The video, when bought: its key once made, and the renders that made (or tried to make) it.
    videoKey: string().optional(),
    videoRenderAttempts: number().optional(),
    videoRenderId: string().optional(),
    videoRenderStartedAt: string().optional(),
    videoRuns: number().optional(),
    videoReadyEmailSentAt: string().optional(),
    videoNotMadeEmailSentAt: string().optional(),
    // The change emails: the schedule the last "moved" email announced, and the "cancelled" one.
    movedEmailSentFor: string().optional(),
    cancelledEmailSentAt: string().optional(),
    // A change email owed and not yet sent (the outbox item, core/change-emails.ts).
    changeEmailOwed: string()
      .enum(...changeEmails)
      .optional(),
    changeEmailOwedAt: string().optional(),
    movedEmailOwedFrom: string().optional(),
    // A recording bought after the call: its own PaymentIntent, so a refund finds it.
    recordingPaymentIntentId: string().optional(),
    recordingPaidAt: string().optional(),
    // The table's TTL (epoch seconds): `bookingExpiresAt` in functions/core/retention.ts.
    expiresAt: number().optional(),
  }),
  computeKey: ({ bookingId }: { bookingId: string }) => ({
    pk: `BOOKING#${bookingId}`,
    sk: 'BOOKING',
  }),
});

/** The append-only audit trail: `BOOKING#<id>` / `EVENT#<iso time>#<ulid>`. No personal data. */
export const BookingEventEntity = new Entity({
  name: 'BookingEvent',
  table,
  timestamps: false,
  schema: item({
    bookingId: string().key(),
    eventKey: string().key(),
    type: string(),
    at: string(),
    detail: record(string(), string()).optional(),
    // The table's TTL (epoch seconds): `auditEventExpiresAt` in functions/core/retention.ts.
    expiresAt: number().optional(),
  }),
  computeKey: ({ bookingId, eventKey }: { bookingId: string; eventKey: string }) => ({
    pk: `BOOKING#${bookingId}`,
    sk: `EVENT#${eventKey}`,
  }),
});

/** A webhook already handled: `WEBHOOK#<provider>#<event id>` / `WEBHOOK`, kept 30 days. */
export const ProcessedWebhookEntity = new Entity({
  name: 'ProcessedWebhook',
  table,
  timestamps: false,
  schema: item({
    provider: string().key(),
    eventId: string().key(),
    type: string(),
    processedAt: string(),
    expiresAt: number(),
  }),
  computeKey: ({ provider, eventId }: { provider: string; eventId: string }) => ({
    pk: `WEBHOOK#${provider}#${eventId}`,
    sk: 'WEBHOOK',
  }),
});

/**
 * How many places a bookable instant has sold or holds: `SLOTS#<UTC date>` / `SLOT#<instant>`.
 * A UTC day's counters share a partition, so availability reads them with one Query per day.
 */
export const SlotCounterEntity = new Entity({
  name: 'SlotCounter',
  table,
  timestamps: false,
  schema: item({ slotStart: string().key(), count: number() }),
  computeKey: ({ slotStart }: { slotStart: string }) => ({
    pk: slotCounterPartition(slotStart.slice(0, 10)),
    sk: `SLOT#${slotStart}`,
  }),
});

/** The partition holding the counters of one UTC date (`YYYY-MM-DD`). */
export function slotCounterPartition(utcDate: string): string {
  return `SLOTS#${utcDate}`;
}

/** One booking's place at an instant: `SLOT#<instant>` / `HOLD#<booking id>`. */
export const SlotHoldEntity = new Entity({
  name: 'SlotHold',
  table,
  timestamps: false,
  schema: item({
    slotStart: string().key(),
    bookingId: string().key(),
    confirmed: boolean(),
    holdExpiresAt: string(),
  }),
  computeKey: ({ slotStart, bookingId }: { slotStart: string; bookingId: string }) => ({
    pk: `SLOT#${slotStart}`,
    sk: `HOLD#${bookingId}`,
  }),
});

/**
 * The active price list: `PRICING` / `ACTIVE`. The top-level prices are the default currency's
 * (the only ones before several currencies); `prices` lists every currency offered, and items
 * written before it existed have none (read by `priceListFromItem`, which takes both).
 */
export const PricingEntity = new Entity({
  name: 'Pricing',
  table,
  schema: item({
    id: string().key().const('ACTIVE'),
    baseCents: number(),
    recordingCents: number(),
    currency: string(),
    // Absent on items written before siblings could share a call (`defaultExtraChildCents`).
    extraChildCents: number().optional(),
    prices: list(
      map({
        currency: string(),
        baseCents: number(),
        recordingCents: number(),
        extraChildCents: number().optional(),
      }),
    ).optional(),
  }),
  computeKey: () => ({ pk: 'PRICING', sk: 'ACTIVE' }),
});

/** A creator in the affiliate programme: `AFFILIATE` / `<slug>`, one partition to list them. */
export const AffiliateEntity = new Entity({
  name: 'Affiliate',
  table,
  timestamps,
  schema: item({
    slug: string().key(),
    name: string(),
    email: string(),
    payoutPercent: number(),
    active: boolean(),
  }),
  computeKey: ({ slug }: { slug: string }) => ({ pk: 'AFFILIATE', sk: slug }),
});

/** A parked workflow task token: `TOKEN#call#<conversation id>` / `TOKEN`, kept two days. */
export const CallTokenEntity = new Entity({
  name: 'CallToken',
  table,
  timestamps: false,
  schema: item({
    conversationId: string().key(),
    bookingId: string(),
    taskToken: string(),
    attempt: number(),
    storedAt: string(),
    expiresAt: number(),
  }),
  computeKey: ({ conversationId }: { conversationId: string }) => ({
    pk: `TOKEN#call#${conversationId}`,
    sk: 'TOKEN',
  }),
});

/**
 * A call's outcome that arrived before the workflow parked its token (a busy line can report
 * within a second of the dial): `REPORT#call#<conversation id>` / `REPORT`, kept two days. The
 * dial step reads it right after parking its token and answers the task itself.
 */
export const CallReportEntity = new Entity({
  name: 'CallReport',
  table,
  timestamps: false,
  schema: item({
    conversationId: string().key(),
    outcome: string().enum(...reportedOutcomes),
    reportedAt: string(),
    expiresAt: number(),
  }),
  computeKey: ({ conversationId }: { conversationId: string }) => ({
    pk: `REPORT#call#${conversationId}`,
    sk: 'REPORT',
  }),
});

/**
 * Santa's lines: `LINES#calls` / `LINES` — each live lease (booking id → expiry, epoch ms) and
 * the start second of the latest grant, changed only with a version check
 * (`core/line-dispatch.ts` decides; `data/call-lines.ts` writes).
 */
export const CallLinesEntity = new Entity({
  name: 'CallLines',
  table,
  timestamps: false,
  schema: item({
    pool: string().key(),
    version: number(),
    leases: record(string(), number()),
    lastStartAt: number(),
  }),
  computeKey: ({ pool }: { pool: string }) => ({ pk: `LINES#${pool}`, sk: 'LINES' }),
});

/**
 * A due call waiting for a line: `LINEQ` / `<due ISO>#<booking id>#<attempt>`, so one Query
 * lists the queue in due order. Holds the waiting task's token; deleted when a line is handed
 * to it; kept two days at most (TTL) if its run disappears.
 */
export const CallQueueEntity = new Entity({
  name: 'CallQueue',
  table,
  timestamps: false,
  schema: item({
    dueAt: string().key(),
    holder: string().key(),
    attempt: number().key(),
    taskToken: string(),
    queuedAt: string(),
    expiresAt: number(),
  }),
  computeKey: ({ dueAt, holder, attempt }: { dueAt: string; holder: string; attempt: number }) => ({
    pk: callQueuePartition,
    sk: `${dueAt}#${holder}#${attempt}`,
  }),
});

export const callQueuePartition = 'LINEQ';

/**
 * When one attempt of a booking's call first queued: `LINEQ#<booking id>` / `TICKET#<attempt>`.
 * A check-in repeated after a timeout finds its place in the queue by it; kept two days.
 */
export const CallQueueTicketEntity = new Entity({
  name: 'CallQueueTicket',
  table,
  timestamps: false,
  schema: item({
    holder: string().key(),
    attempt: number().key(),
    dueAt: string(),
    expiresAt: number(),
  }),
  computeKey: ({ holder, attempt }: { holder: string; attempt: number }) => ({
    pk: `LINEQ#${holder}`,
    sk: `TICKET#${attempt}`,
  }),
});

/**
 * The workflow task token parked while a video renders: `TOKEN#render#<booking id>#<attempt>` /
 * `TOKEN`, kept two days. The renderer's webhook finds it by the booking and attempt it was
 * given as custom data; `settledAt` is set once, so a repeated webhook answers nothing twice.
 */
export const VideoRenderTokenEntity = new Entity({
  name: 'VideoRenderToken',
  table,
  timestamps: false,
  schema: item({
    bookingId: string().key(),
    attempt: number().key(),
    taskToken: string(),
    outKey: string(),
    startedAt: string(),
    renderId: string().optional(),
    settledAt: string().optional(),
    expiresAt: number(),
  }),
  computeKey: ({ bookingId, attempt }: { bookingId: string; attempt: number }) => ({
    pk: `TOKEN#render#${bookingId}#${attempt}`,
    sk: 'TOKEN',
  }),
});

/**
 * A share link, found by its token: `SHARE#<sha-256 of the token, hex>` / `SHARE`. The token
 * itself is never stored. Kept until `expiresAt` (epoch seconds, the table's TTL: when the
 * media it serves is deleted) or until revoked (deleted).
 */
export const ShareLinkEntity = new Entity({
  name: 'ShareLink',
  table,
  timestamps: false,
  schema: item({
    tokenHash: string().key(),
    shareId: string(),
    bookingId: string(),
    createdAt: string(),
    expiresAt: number(),
  }),
  computeKey: ({ tokenHash }: { tokenHash: string }) => ({
    pk: `SHARE#${tokenHash}`,
    sk: 'SHARE',
  }),
});

/**
 * A booking's list of its share links: `BOOKING#<id>` / `SHARE#<share id>`, written and
 * deleted in the same transaction as the share itself; it points at the share by token hash.
 */
export const BookingShareEntity = new Entity({
  name: 'BookingShare',
  table,
  timestamps: false,
  schema: item({
    bookingId: string().key(),
    shareId: string().key(),
    tokenHash: string(),
    createdAt: string(),
    expiresAt: number(),
  }),
  computeKey: ({ bookingId, shareId }: { bookingId: string; shareId: string }) => ({
    pk: `BOOKING#${bookingId}`,
    sk: `SHARE#${shareId}`,
  }),
});

/**
 * How a booking is found by the parent's email or phone: `BOOKING#<id>` / `CONTACT#email` and
 * `CONTACT#phone`, written with the booking. `contactKey` (a hash, `core/contact-key.ts`) keys
 * the sparse `byContact` index, which projects only `bookingId`. Erase deletes them.
 */
export const BookingContactEntity = new Entity({
  name: 'BookingContact',
  table,
  timestamps: false,
  schema: item({
    bookingId: string().key(),
    channel: string().enum('email', 'phone').key(),
    contactKey: string(),
    createdAt: string(),
  }),
  computeKey: ({ bookingId, channel }: { bookingId: string; channel: 'email' | 'phone' }) => ({
    pk: `BOOKING#${bookingId}`,
    sk: `CONTACT#${channel}`,
  }),
});

/**
 * Which bookings still need one voice note: `VOICENOTE#<key>` / `CLAIM`. A note's proof binds
 * its key, not a booking, so the booking page re-books with the same key and proof after a
 * declined payment: the note is deleted only once no booking that named it needs it
 * (`services/voice-note-release.ts`). `bookingIds` is absent once the last one has let go
 * (DynamoDB keeps no empty set). Kept until `expiresAt` (epoch seconds, the table's TTL: when
 * the bucket's lifecycle deletes the note anyway, `voiceNoteClaimExpiresAt`).
 */
export const VoiceNoteClaimEntity = new Entity({
  name: 'VoiceNoteClaim',
  table,
  timestamps: false,
  schema: item({
    voiceNoteKey: string().key(),
    bookingIds: set(string()).optional(),
    expiresAt: number(),
  }),
  computeKey: ({ voiceNoteKey }: { voiceNoteKey: string }) => ({
    pk: `VOICENOTE#${voiceNoteKey}`,
    sk: 'CLAIM',
  }),
});
