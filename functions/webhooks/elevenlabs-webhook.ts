import { answerCallTask } from '../adapters/workflow-callbacks.ts';
import { readSecret } from '../config/secrets.ts';
import { reportedOutcome } from '../core/call-report.ts';
import { DomainError } from '../core/errors.ts';
import { findCallToken, saveEarlyCallReport } from '../data/call-tokens.ts';
import { isWebhookProcessed, recordWebhookProcessed } from '../data/webhooks.ts';
import type { WebhookReceipt } from '../schemas/api/webhook-receipt.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { logger, setBookingCorrelation } from '../shared/logger.ts';
import { countMetric, metricNames } from '../shared/metrics.ts';
import { rawBody } from '../shared/request.ts';
import { callReportOf, readElevenLabsWebhook } from './elevenlabs-events.ts';
import { ElevenLabsSignatureError, verifyElevenLabsSignature } from './elevenlabs-signature.ts';

/**
 * POST /api/webhooks/elevenlabs. Verified on the raw body (constant time, bounded skew); then
 * it only tells the waiting workflow how the call went — the heavy work (transcript, audio,
 * emails) belongs to the workflow — so it answers well within a second. Duplicates, replays
 * and events in any order change nothing twice: one answer per conversation, deduplicated.
 */
export const handler = httpHandler(async (event) => {
  const body = rawBody(event);
  const { webhookSecret: elevenLabsWebhookSecret } = await readSecret('elevenlabs');
  try {
    verifyElevenLabsSignature(body, event.headers['elevenlabs-signature'], elevenLabsWebhookSecret);
  } catch (error) {
    if (error instanceof ElevenLabsSignatureError) {
      countMetric(metricNames.signatureFailures);
      throw new DomainError('unauthenticated', 'invalid_signature', error.message);
    }
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new DomainError('invalid', 'invalid_json', 'The webhook body is not JSON.');
  }
  const reading = readElevenLabsWebhook(json);
  if (reading.kind === 'ignored') {
    // A type we do not use (ElevenLabs adds some) is acknowledged, never retried for ever.
    logger.info('elevenlabs webhook ignored', { webhookType: reading.type });
    return jsonResponse(200, { received: true, ignored: true } satisfies WebhookReceipt);
  }
  if (reading.kind === 'malformed') {
    // Signed by ElevenLabs but not what its type promises: say exactly what, never guess.
    logger.warn('elevenlabs webhook malformed', {
      webhookType: reading.type,
      problems: reading.problems,
    });
    throw new DomainError(
      'invalid',
      'malformed_webhook',
      `The ${reading.type ?? 'webhook'} body cannot be read: ${reading.problems}.`,
    );
  }
  const { webhook } = reading;
  const conversationId = webhook.data.conversation_id;
  const report = callReportOf(webhook);
  logger.appendKeys({ conversationId, webhookType: webhook.type });
  if (!report) return jsonResponse(200, { received: true, ignored: true } satisfies WebhookReceipt);
  // `unconfirmed` (a transcription without call_result) goes to the workflow like any other
  // outcome: it asks the conversation API before deciding.
  const outcome = reportedOutcome(report);

  const dedupeKey = `${conversationId}#${webhook.type}`;
  if (await isWebhookProcessed('elevenlabs', dedupeKey)) {
    return jsonResponse(200, { received: true, duplicate: true } satisfies WebhookReceipt);
  }
  let token = await findCallToken(conversationId);
  if (!token) {
    // The dial step parks its token only once ElevenLabs has answered (and, after an
    // ambiguous answer, once it has looked the call up): a quick busy signal can come first.
    // Keep the outcome; the dial step reads it right after parking and answers itself. Look
    // once more after writing, so whichever of the two writes second sees the other.
    await saveEarlyCallReport(conversationId, outcome);
    token = await findCallToken(conversationId);
  }
  // The booking is known from the parked token only (the webhook names the conversation).
  if (token) setBookingCorrelation(token.bookingId);
  if (!token) {
    logger.info('call outcome kept for its dial step');
    await recordWebhookProcessed('elevenlabs', dedupeKey, webhook.type);
    return jsonResponse(200, { received: true, kept: true } satisfies WebhookReceipt);
  }
  if (!(await answerCallTask(token.taskToken, { outcome, conversationId }))) {
    logger.info('call outcome already settled');
  }
  await recordWebhookProcessed('elevenlabs', dedupeKey, webhook.type);
  logger.info('call outcome reported', { bookingId: token.bookingId, outcome });
  return jsonResponse(200, { received: true } satisfies WebhookReceipt);
});
