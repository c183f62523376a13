import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { GetItemCommand } from 'dynamodb-toolbox';
import { appSecrets } from '../config/secrets.ts';
import { reportedOutcome } from '../core/call-report.ts';
import { CallTokenEntity } from '../data/entities.ts';
import { isWebhookProcessed, recordWebhookProcessed } from '../data/webhooks.ts';
import { DomainError } from '../shared/errors.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { logger } from '../shared/logger.ts';
import { rawBody } from '../shared/request.ts';
import { callReportOf, readElevenLabsWebhook } from './elevenlabs-events.ts';
import { ElevenLabsSignatureError, verifyElevenLabsSignature } from './elevenlabs-signature.ts';

const sfn = new SFNClient({});

/** The workflow parks its token just after ElevenLabs answers; a fast webhook may beat it. */
async function parkedToken(conversationId: string) {
  for (let attempt = 0; attempt < 4; attempt++) {
    const { Item } = await CallTokenEntity.build(GetItemCommand)
      .key({ conversationId })
      .options({ consistent: true })
      .send();
    if (Item) return Item;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return undefined;
}

/**
 * POST /api/webhooks/elevenlabs. Verified on the raw body (constant time, bounded skew); then
 * it only tells the waiting workflow how the call went — the heavy work (transcript, audio,
 * emails) belongs to the workflow — so it answers well within a second. Duplicates, replays
 * and events in any order change nothing twice: one answer per conversation, deduplicated.
 */
export const handler = httpHandler(async (event) => {
  const body = rawBody(event);
  const { elevenLabsWebhookSecret } = await appSecrets();
  try {
    verifyElevenLabsSignature(body, event.headers['elevenlabs-signature'], elevenLabsWebhookSecret);
  } catch (error) {
    if (error instanceof ElevenLabsSignatureError) {
      throw new DomainError(401, 'invalid_signature', error.message);
    }
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new DomainError(400, 'invalid_json', 'The webhook body is not JSON.');
  }
  const reading = readElevenLabsWebhook(json);
  if (reading.kind === 'ignored') {
    // A type we do not use (ElevenLabs adds some) is acknowledged, never retried for ever.
    logger.info('elevenlabs webhook ignored', { webhookType: reading.type });
    return jsonResponse(200, { received: true, ignored: true });
  }
  if (reading.kind === 'malformed') {
    // Signed by ElevenLabs but not what its type promises: say exactly what, never guess.
    logger.warn('elevenlabs webhook malformed', {
      webhookType: reading.type,
      problems: reading.problems,
    });
    throw new DomainError(
      400,
      'malformed_webhook',
      `The ${reading.type ?? 'webhook'} body cannot be read: ${reading.problems}.`,
    );
  }
  const { webhook } = reading;
  const conversationId = webhook.data.conversation_id;
  const report = callReportOf(webhook);
  logger.appendKeys({ conversationId, webhookType: webhook.type });
  if (!report) return jsonResponse(200, { received: true, ignored: true });
  // `unconfirmed` (a transcription without call_result) goes to the workflow like any other
  // outcome: it asks the conversation API before deciding.
  const outcome = reportedOutcome(report);

  const dedupeKey = `${conversationId}#${webhook.type}`;
  if (await isWebhookProcessed('elevenlabs', dedupeKey)) {
    return jsonResponse(200, { received: true, duplicate: true });
  }
  const token = await parkedToken(conversationId);
  if (!token) {
    logger.warn('elevenlabs webhook for an unknown conversation');
    return jsonResponse(200, { received: true, unknownConversation: true });
  }
  try {
    await sfn.send(
      new SendTaskSuccessCommand({
        taskToken: token.taskToken,
        output: JSON.stringify({ outcome, conversationId }),
      }),
    );
  } catch (error) {
    // Already answered (another event for the same call came first) or timed out: the
    // workflow has moved on and asks ElevenLabs itself when it needs to.
    const name = error instanceof Error ? error.name : '';
    if (!['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken'].includes(name)) throw error;
    logger.info('call outcome already settled', { reason: name });
  }
  await recordWebhookProcessed('elevenlabs', dedupeKey, webhook.type);
  logger.info('call outcome reported', { bookingId: token.bookingId, outcome });
  return jsonResponse(200, { received: true });
});
