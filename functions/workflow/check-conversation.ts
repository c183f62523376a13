import { getBooking } from '../data/bookings.ts';
import { logger } from '../shared/logger.ts';
import { elevenLabs } from './elevenlabs.ts';
import { outcomeOfConversation } from './outcome.ts';
import { runInput } from './run-input.ts';

/** No webhook came in time: ask ElevenLabs how the call went instead of waiting for ever. */
export async function handler(event: unknown) {
  const { bookingId } = runInput.parse(event);
  const booking = await getBooking(bookingId);
  if (!booking.conversationId) return { outcome: 'failed' };
  const conversation = await (await elevenLabs()).getConversation(booking.conversationId);
  const outcome = outcomeOfConversation(conversation);
  logger.warn('no call webhook in time; asked for the conversation', {
    bookingId,
    conversationId: booking.conversationId,
    status: conversation.status,
    outcome,
  });
  return { outcome };
}
