import { elevenLabs } from '../adapters/elevenlabs-account.ts';
import { loadWorkflowConfig } from '../config/workflow-config.ts';
import { outcomeOfConversation } from '../core/call-report.ts';
import { getBooking } from '../data/bookings.ts';
import { keepCallLine } from '../data/call-lines.ts';
import { logger } from '../shared/logger.ts';
import { workflowTask } from './task.ts';

const config = loadWorkflowConfig();

/**
 * No webhook came in time, the webhook could not tell, or a run resumes a call placed before a
 * crash: ask ElevenLabs how the call went. A conversation still going answers `in_progress`
 * (the workflow asks again a minute later) until `CALL_ABANDON_AFTER_SECONDS` after the dial,
 * when it is given up as failed. While the call is live its line's lease is renewed, so a long
 * or unreported call never loses its line to another (the provider still counts it). Read-only
 * at ElevenLabs; the renewal is idempotent: safe to retry.
 */
export const handler = workflowTask('CheckConversation', async ({ bookingId }) => {
  const booking = await getBooking(bookingId);
  if (!booking.conversationId) {
    logger.warn('no conversation to ask about', { bookingId });
    return { outcome: 'failed' as const };
  }
  const conversation = await (await elevenLabs()).getConversation(booking.conversationId);
  const reported = outcomeOfConversation(conversation);
  const dialledAt = Date.parse(booking.dialStartedAt ?? booking.updatedAt);
  const abandoned = Date.now() - dialledAt > config.abandonAfterSeconds * 1000;
  const outcome =
    reported === 'in_progress' || reported === 'unconfirmed'
      ? abandoned
        ? 'failed'
        : 'in_progress'
      : reported;
  if (outcome === 'in_progress' && !(await keepCallLine(bookingId, config.lines))) {
    logger.warn('a live call had lost its line lease', { bookingId });
  }
  logger.info('asked ElevenLabs how the call went', {
    bookingId,
    conversationId: booking.conversationId,
    status: conversation.status,
    outcome,
  });
  return { outcome };
});
