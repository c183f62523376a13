import {
  $add,
  $delete,
  DeleteItemCommand,
  UpdateItemCommand,
  UpdateTransaction,
} from 'dynamodb-toolbox';
import type { RemainingClaims } from '../core/voice-note-claim.ts';
import { VoiceNoteClaimEntity } from './entities.ts';

/**
 * The write that adds `bookingId` to the claim on the voice note `voiceNoteKey` (creating the
 * claim item if need be), to join the booking's creation transaction. Idempotent: ADD to a
 * string set leaves it unchanged when the id is already in it. `expiresAt` is epoch seconds.
 */
export function claimVoiceNoteTransaction(
  voiceNoteKey: string,
  bookingId: string,
  expiresAt: number,
) {
  return VoiceNoteClaimEntity.build(UpdateTransaction).item({
    voiceNoteKey,
    bookingIds: $add(new Set([bookingId])),
    expiresAt,
  });
}

/**
 * Takes `bookingId` out of the claim on the voice note and answers the bookings still claiming
 * it, read in the same atomic update (ALL_NEW); `undefined` when there is no claim item.
 * Idempotent: DELETE of an id not in the set changes nothing, and a retry reads what is left.
 * Conditional on the set existing, so no claim item is ever created by a release.
 */
export async function releaseVoiceNoteClaim(
  voiceNoteKey: string,
  bookingId: string,
): Promise<RemainingClaims> {
  try {
    const { Attributes } = await VoiceNoteClaimEntity.build(UpdateItemCommand)
      .item({ voiceNoteKey, bookingIds: $delete(new Set([bookingId])) })
      .options({ returnValues: 'ALL_NEW', condition: { attr: 'bookingIds', exists: true } })
      .send();
    return [...(Attributes?.bookingIds ?? [])];
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') {
      return undefined;
    }
    throw error;
  }
}

/**
 * Deletes the claim item once no booking claims the note — only while its set is still empty,
 * so a booking claiming it meanwhile keeps it. Idempotent: deleting an item already gone is fine.
 */
export async function removeEmptyVoiceNoteClaim(voiceNoteKey: string): Promise<void> {
  try {
    await VoiceNoteClaimEntity.build(DeleteItemCommand)
      .key({ voiceNoteKey })
      .options({ condition: { attr: 'bookingIds', exists: false } })
      .send();
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return;
    throw error;
  }
}
