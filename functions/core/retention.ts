/**
 * How long each kind of personal data is kept, in days — the one place the numbers live. The
 * S3 lifecycle rules (`lib/storage.ts`, asserted by `test/cdk/storage.test.ts`), the DynamoDB
 * TTL (`expiresAt`) of bookings and their audit trail, the ElevenLabs agent's own retention
 * (`functions/agent/santa-agent.ts`), share links' expiry, the post-call purchase window and
 * the site's privacy page (`frontend/src/pages/Static.tsx`, from `retentionStatements`) all
 * read it, so what we say and what we do cannot drift apart.
 *
 * Recordings (transcript + audio) and videos stay 400 days so a family can watch again the next
 * Christmas. The audio is kept that long whether or not the recording was bought: a parent who
 * did not buy it may buy it after the call (issue #10), and the video is rendered from the
 * audio, so the audio must outlive the offer (see `recordingOfferEndsAt`).
 *
 * A voice note only feeds the call: it is deleted once the call is over for good
 * (`functions/services/voice-note-after-call.ts`); the lifecycle is the backstop for notes
 * whose call never came (bookings are made at most 90 days ahead, so 120 days outlives any).
 */
export const retentionDays = {
  voiceNotes: 120,
  recordings: 400,
  videos: 400,
  /** The booking item (contact details, child's details) after its call: the media's 400 + 30. */
  bookingsAfterCall: 430,
  /** Each audit event after it is written: a booking made 90 days ahead lives 90 + 430 days. */
  auditEvents: 520,
  /** Conversations (transcript, audio) at ElevenLabs, set on the agent by `agent:sync`. */
  elevenLabsConversations: 30,
  /** S3 server access logs (they name object keys — booking ids — and client IPs). */
  accessLogs: 365,
} as const;

/** The media buckets' lifecycle, in days (the names are the buckets' ids). */
export const mediaRetentionDays = {
  voiceNotes: retentionDays.voiceNotes,
  recordings: retentionDays.recordings,
  videos: retentionDays.videos,
} as const;

const dayMs = 24 * 60 * 60 * 1000;

/**
 * When a call's recording (audio and transcript) is deleted, at the earliest: the lifecycle
 * counts from the objects' creation, which is after the call's scheduled instant, so counting
 * from `scheduledAt` (ISO 8601) never overstates it.
 */
export function recordingExpiresAt(scheduledAt: string): Date {
  return new Date(Date.parse(scheduledAt) + mediaRetentionDays.recordings * dayMs);
}

/**
 * The last moment a recording may be bought after the call: a week before its audio goes, so
 * the render (minutes) and the parent's viewing have time left.
 */
export function recordingOfferEndsAt(scheduledAt: string): Date {
  return new Date(recordingExpiresAt(scheduledAt).getTime() - 7 * dayMs);
}

/**
 * The booking item's DynamoDB TTL (`expiresAt`, epoch seconds): `bookingsAfterCall` days after
 * its call time (ISO 8601) — after its media, so the recording page works as long as they do.
 * Set at booking and again when the call moves.
 */
export function bookingExpiresAt(scheduledAt: string): number {
  return Math.floor((Date.parse(scheduledAt) + retentionDays.bookingsAfterCall * dayMs) / 1000);
}

/**
 * A voice note claim's DynamoDB TTL (`expiresAt`, epoch seconds), from when a booking claimed
 * the note (after its upload): by then the bucket's lifecycle has deleted the note itself, so
 * the claim never outlives the note's retention.
 */
export function voiceNoteClaimExpiresAt(claimedAt: Date): number {
  return Math.floor((claimedAt.getTime() + retentionDays.voiceNotes * dayMs) / 1000);
}

/** An audit event's DynamoDB TTL (`expiresAt`, epoch seconds) from when it was written. */
export function auditEventExpiresAt(at: Date): number {
  return Math.floor((at.getTime() + retentionDays.auditEvents * dayMs) / 1000);
}

/** One line of the privacy page's "For how long": what, how long, and what deletes it. */
export interface RetentionStatement {
  readonly what: string;
  readonly days: number;
  readonly counted: string;
  readonly enforcedBy: string;
}

/** What the privacy page states, generated from the numbers above. */
export const retentionStatements: readonly RetentionStatement[] = [
  {
    what: 'Voice notes',
    days: retentionDays.voiceNotes,
    counted: 'after upload at the latest — and as soon as the call is over',
    enforcedBy: 'deleted automatically from our storage',
  },
  {
    what: 'Call recordings and transcripts',
    days: retentionDays.recordings,
    counted: 'after the call',
    enforcedBy: 'deleted automatically from our storage',
  },
  {
    what: 'Videos',
    days: retentionDays.videos,
    counted: 'after they are made',
    enforcedBy: 'deleted automatically from our storage',
  },
  {
    what: "Your booking (your child's details, your phone number and email)",
    days: retentionDays.bookingsAfterCall,
    counted: 'after the call',
    enforcedBy: 'deleted automatically from our database',
  },
  {
    what: "The booking's history (times and statuses, no personal details)",
    days: retentionDays.auditEvents,
    counted: 'after each entry',
    enforcedBy: 'deleted automatically from our database',
  },
  {
    what: 'The call at our voice provider (ElevenLabs)',
    days: retentionDays.elevenLabsConversations,
    counted: 'after the call',
    enforcedBy: 'deleted automatically by ElevenLabs',
  },
];
