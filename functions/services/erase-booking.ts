import { deleteCallRecords } from '../adapters/call-records.ts';
import { ElevenLabsRequestError } from '../adapters/elevenlabs.ts';
import { elevenLabs } from '../adapters/elevenlabs-account.ts';
import { forgetPaymentIntentPersonalData } from '../adapters/payments.ts';
import { deleteVideo } from '../adapters/video-files.ts';
import { isFinalCallStatus } from '../core/booking-status.ts';
import {
  conversationIdsOf,
  type EraseActor,
  erasedEvent,
  trailDetailsToForget,
} from '../core/erasure.ts';
import { ConflictError, UpstreamError } from '../core/errors.ts';
import { videoKeyFor } from '../core/video-render.ts';
import { voiceNoteKeysOf } from '../core/voice-note-claim.ts';
import { listAuditEvents } from '../data/audit-trail.ts';
import {
  deleteCallCorrelations,
  deleteContactItems,
  replaceAuditDetail,
} from '../data/booking-erasure.ts';
import { type Booking, eraseChildData, findBooking } from '../data/bookings.ts';
import { revokeAllShares } from '../data/share-links.ts';
import { logger } from '../shared/logger.ts';
import { releaseVoiceNote } from './voice-note-release.ts';

/**
 * Erases every copy of a booking's personal data, for the parent (`by: 'parent'`, the API's
 * POST /api/calls/{callId}/erase) or support (`by: <who>`, the support tool):
 * 1. share links revoked (from this moment no link opens anything);
 * 2. S3: each child's voice note — unless another booking still claims it (a re-booking with
 *    the same upload, `voice-note-release.ts`) — the call's transcript and audio, and the video;
 * 3. ElevenLabs: every conversation of the booking (transcript, dynamic variables, audio);
 * 4. Stripe: the receipt email and any personal metadata on the booking's PaymentIntents;
 * 5. the contact look-up items (`BOOKING#<id>` / `CONTACT#…`) and the items keyed by a
 *    conversation id (call token, early call report);
 * 6. the booking's personal fields, with the audit event saying what went, where, and who
 *    asked — once; then conversation ids dropped from the audit trail.
 *
 * Only once no call is coming or happening (ConflictError otherwise). Idempotent and safe to
 * retry after a crash at any step: every step deletes what is left and counts "already gone"
 * (S3 deletes answer the same, ElevenLabs' 404 is `already_gone`, Stripe is re-read and only
 * what is still set is unset), the table write happens once (`dataErasedAt`, conditional on
 * the version read) after the providers are done, and the conversation ids it needs are still
 * in the trail until the providers are done. A failure throws; asking again finishes the job.
 *
 * Needs: table readWrite; S3 delete on voiceNotes, recordings and videos; the app secrets
 * (Stripe, ElevenLabs); ElevenLabs' environment.
 *
 * @returns the booking as it stands after the erase
 * @throws ConflictError `call_not_over` while a call is due or under way
 * @throws UpstreamError when ElevenLabs or Stripe cannot be reached (ask again later)
 */
export async function eraseBooking(booking: Booking, by: EraseActor): Promise<Booking> {
  const { bookingId } = booking;
  if (!isFinalCallStatus(booking.callStatus)) {
    throw new ConflictError(
      'call_not_over',
      'Santa still has this call to make. Cancel it first, or wait until it is over.',
    );
  }
  const sharesRevoked = await revokeAllShares(bookingId);

  const s3Keys = await deleteMedia(booking);

  const events = await listAuditEvents(bookingId);
  const conversationIds = conversationIdsOf(booking, events);
  if (conversationIds.length > 0) {
    const client = await elevenLabs();
    // A handful at most (one per call attempt), each within its own 5 s timeout.
    await Promise.all(conversationIds.map((id) => client.deleteConversation(id))).catch(
      (error: unknown) => {
        if (!(error instanceof ElevenLabsRequestError)) throw error;
        logger.warn('conversation delete failed', { bookingId, error: error.message });
        throw new UpstreamError(
          'We could not reach our voice provider to delete the call just now. Please try again in a moment.',
        );
      },
    );
  }

  const paymentIntentIds = [booking.paymentIntentId, booking.recordingPaymentIntentId].filter(
    (id): id is string => Boolean(id),
  );
  for (const id of paymentIntentIds) await forgetPaymentIntentPersonalData(id);

  const contactItems = await deleteContactItems(bookingId);
  await deleteCallCorrelations(conversationIds);

  if (!booking.dataErasedAt) {
    await eraseChildData(
      booking,
      erasedEvent(by, {
        s3Objects: s3Keys,
        elevenLabsConversations: conversationIds.length,
        stripePaymentIntents: paymentIntentIds.length,
        contactItems,
        sharesRevoked,
      }),
    );
  }
  // Once more after the write: a workflow step saving the call's records may have written
  // them after the first pass (it deletes them itself once it sees `dataErasedAt`).
  await deleteCallRecords(bookingId);
  // After the providers: until then the ids are what a retried erase deletes with.
  for (const { eventKey, detail } of trailDetailsToForget(events)) {
    await replaceAuditDetail(bookingId, eventKey, detail);
  }
  logger.info('booking data erased', {
    bookingId,
    conversations: conversationIds.length,
    paymentIntents: paymentIntentIds.length,
    contactItems,
    sharesRevoked,
  });
  return (await findBooking(bookingId)) ?? booking;
}

/** Deletes the booking's objects in S3; answers how many keys were deleted. */
async function deleteMedia(booking: Booking): Promise<number> {
  const voiceNotes = voiceNoteKeysOf(booking);
  await Promise.all([
    // Every child's note. The note's proof binds the key, not the booking: another booking may
    // name it too (the page re-books with the same upload), so it goes only once no booking
    // claims it.
    ...voiceNotes.map((key) => releaseVoiceNote(key, booking.bookingId)),
    deleteCallRecords(booking.bookingId),
    // The one key a render writes, whether or not the booking has recorded it yet (a render
    // may be under way); a render that lands after this is deleted by the finish step.
    deleteVideo(videoKeyFor(booking.bookingId)),
  ]);
  return voiceNotes.length + 2 + 1;
}
