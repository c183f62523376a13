import { PutItemCommand } from 'dynamodb-toolbox';
import { z } from 'zod';
import { BookingOvertakenError, changeBookingFromWorkflow, getBooking } from '../data/bookings.ts';
import { CallTokenEntity } from '../data/entities.ts';
import { logger } from '../shared/logger.ts';
import { santaCallVariables } from './call-variables.ts';
import { elevenLabs } from './elevenlabs.ts';
import { runInput } from './run-input.ts';

const placeCallInput = runInput.extend({ taskToken: z.string().min(1).max(2048) });

/** Tokens are kept two days, far past the call task's timeout; then TTL removes them. */
const tokenLifetimeSeconds = 2 * 24 * 60 * 60;

/** ElevenLabs is at its concurrent-call limit (HTTP 429): the workflow waits and retries. */
export class ProviderBusy extends Error {
  constructor() {
    super('ElevenLabs has no free line for the call right now.');
    this.name = 'ProviderBusy';
  }
}

/**
 * Rings the parent's phone: asks ElevenLabs for the outbound call with what Santa should know,
 * then parks the workflow's task token under the conversation id for the webhook to answer.
 */
export async function handler(event: unknown) {
  const { bookingId, version, taskToken } = placeCallInput.parse(event);
  const booking = await getBooking(bookingId);
  // Never ring for a run a reschedule or cancellation has overtaken.
  if (booking.version !== version || booking.callStatus !== 'queued') {
    throw new BookingOvertakenError();
  }
  const now = new Date();
  let conversationId: string;
  try {
    ({ conversationId } = await (await elevenLabs()).placeOutboundCall({
      toNumber: booking.phoneNumber,
      dynamicVariables: santaCallVariables(booking, now),
      ringingTimeoutSecs: 45,
    }));
  } catch (error) {
    if (error instanceof Error && error.name === 'ElevenLabsTooManyRequests')
      throw new ProviderBusy();
    throw error;
  }
  const attempt = booking.attempts + 1;
  const nowSeconds = Math.floor(now.getTime() / 1000);
  await CallTokenEntity.build(PutItemCommand)
    .item({
      conversationId,
      bookingId,
      taskToken,
      attempt,
      storedAt: now.toISOString(),
      expiresAt: nowSeconds + tokenLifetimeSeconds,
    })
    .send();
  await changeBookingFromWorkflow(
    booking,
    version,
    { callStatus: 'in_progress', conversationId, attempts: attempt },
    { type: 'call_placed', detail: { conversationId, attempt: String(attempt) } },
  );
  logger.info('call placed', { bookingId, conversationId, attempt });
  return { conversationId };
}
