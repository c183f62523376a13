import { createHash, randomBytes } from 'node:crypto';
import type { BookingRecord } from './booking.ts';
import { recordingExpiresAt } from './retention.ts';

/**
 * A share link's token: 32 random bytes (256 bits), base64url — 43 characters, unguessable.
 * Only its SHA-256 is stored, so the table alone cannot open a share.
 */
export function newShareToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The shape of a token `newShareToken` makes; anything else is unknown without a read. */
export const shareTokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** The stored form of a share token: SHA-256, hex (64 characters). */
export function hashShareToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A share's public id (shown to the parent to tell links apart): 16 random bytes, base64url. */
export function newShareId(): string {
  return randomBytes(16).toString('base64url');
}

/** What deciding about shares needs of a booking. */
export type ShareBooking = Pick<
  BookingRecord,
  'callStatus' | 'purchaseRecording' | 'audioKey' | 'dataErasedAt' | 'scheduledAt'
>;

/** Why a recording cannot be shared now; each has a message for the parent. */
export type NotShareable = 'call_not_completed' | 'recording_not_bought' | 'erased' | 'expired';

export const notShareableMessages: Readonly<Record<NotShareable, string>> = {
  call_not_completed: 'There is nothing to share yet: the call has not happened.',
  recording_not_bought:
    'Only a bought recording can be shared. Get the recording of this call first.',
  erased: "This call's recording was deleted at your request, so there is nothing to share.",
  expired: "This call's recording is past its keeping time and has been deleted.",
};

/**
 * Whether the parent may share this call's recording now: a completed call whose recording
 * was bought, whose audio is still there (not erased, within retention). A share serves the
 * video and the audio only — the transcript stays with the parent.
 */
export function shareability(booking: ShareBooking, now: Date): NotShareable | undefined {
  if (booking.dataErasedAt) return 'erased';
  if (booking.callStatus !== 'completed' || !booking.audioKey) return 'call_not_completed';
  if (!booking.purchaseRecording) return 'recording_not_bought';
  if (now >= recordingExpiresAt(booking.scheduledAt)) return 'expired';
  return undefined;
}

/**
 * When a share stops working by itself: when the media it serves is deleted (the recordings'
 * retention). Epoch seconds — DynamoDB's TTL unit, also checked in code on every read, since
 * DynamoDB deletes expired items only eventually (up to days later).
 */
export function shareExpiresAtEpoch(booking: Pick<BookingRecord, 'scheduledAt'>): number {
  return Math.floor(recordingExpiresAt(booking.scheduledAt).getTime() / 1000);
}

/** A stored share is live while not past its expiry (epoch seconds). */
export function isShareLive(share: { readonly expiresAt: number }, now: Date): boolean {
  return now.getTime() < share.expiresAt * 1000;
}
