import { readSecret } from '../config/secrets.ts';
import { DomainError } from '../core/errors.ts';
import { isTimelyRenderReport, renderReportWindow } from '../core/video-render.ts';
import { isWebhookProcessed, recordWebhookProcessed } from '../data/webhooks.ts';
import type { WebhookReceipt } from '../schemas/api/webhook-receipt.ts';
import { describeIssues } from '../schemas/describe-issues.ts';
import { type RemotionWebhook, remotionWebhookSchema } from '../schemas/remotion-webhook.ts';
import {
  settleVideoRender,
  type VideoRenderReport,
  type VideoRenderSettlement,
} from '../services/video-render.ts';
import { type HttpHandler, httpHandler, jsonResponse } from '../shared/http.ts';
import { logger, setBookingCorrelation } from '../shared/logger.ts';
import { countMetric, metricNames } from '../shared/metrics.ts';
import { rawBody } from '../shared/request.ts';
import { RemotionSignatureError, verifyRemotionSignature } from './remotion-signature.ts';

/**
 * A render report is refused when its render started more than 2 hours ago (a Remotion render
 * of a call takes minutes and the render task waits far less: an older report is a replay) or
 * more than 5 minutes in the future (clock skew beyond that is not honest): the window of
 * `core/video-render.ts`.
 */
export const maxRenderAgeMs = renderReportWindow.maxAgeSeconds * 1000;
export const maxRenderClockSkewMs = renderReportWindow.maxAheadSeconds * 1000;

export interface RemotionWebhookDependencies {
  readonly secret: () => Promise<string>;
  readonly settle: (report: VideoRenderReport) => Promise<VideoRenderSettlement>;
  readonly now: () => number;
  /** The processed-webhook records (functions/data/webhooks.ts), keyed by renderId. */
  readonly processed: {
    readonly has: (renderId: string) => Promise<boolean>;
    readonly record: (renderId: string, type: string) => Promise<void>;
  };
}

/**
 * POST /api/webhooks/remotion, as a function of what it needs (tests pass their own `settle`).
 *
 * Verify `X-Remotion-Signature` on the raw body (401 if it does not hold) → parse with the
 * tolerant schema (400 naming what is wrong) → refuse a stale or future `customData.startedAt`
 * (400) → a render already reported is 200 `{received, duplicate: true}` and nothing else →
 * `settle(report)`: 200 `{received, settled}` for settled / already_settled, then the renderId
 * is recorded as processed; 200 `{received, ignored: true}` for a render nobody waits for (so
 * Remotion stops retrying). Errors from `settle` are 500: Remotion retries them.
 *
 * Idempotent twice over: Remotion sends one report per render, so the renderId is the key —
 * the processed-webhook record stops a replay before it reaches `settle`, and `settle` itself
 * settles a render once (a replay racing the first delivery gets `already_settled`).
 */
export function remotionWebhookHandler(deps: RemotionWebhookDependencies): HttpHandler {
  return async (event) => {
    const body = rawBody(event);
    const secret = await deps.secret();
    try {
      verifyRemotionSignature(body, event.headers['x-remotion-signature'], secret);
    } catch (error) {
      if (error instanceof RemotionSignatureError) {
        countMetric(metricNames.signatureFailures);
        throw new DomainError('unauthenticated', 'invalid_signature', error.message);
      }
      throw error;
    }
    const webhook = parseWebhook(body);
    setBookingCorrelation(webhook.customData.bookingId);
    logger.appendKeys({
      renderId: webhook.renderId,
      bookingId: webhook.customData.bookingId,
      webhookType: webhook.type,
    });
    refuseStale(webhook.customData.startedAt, deps.now());
    if (await deps.processed.has(webhook.renderId)) {
      return jsonResponse(200, { received: true, duplicate: true } satisfies WebhookReceipt);
    }
    const report: VideoRenderReport = {
      renderId: webhook.renderId,
      bookingId: webhook.customData.bookingId,
      attempt: webhook.customData.attempt,
      startedAt: webhook.customData.startedAt,
      outcome: webhook.type,
      errorCount: webhook.errors?.length ?? 0,
    };
    const settlement = await deps.settle(report);
    logger.info('video render reported', { settlement });
    if (settlement === 'unknown')
      return jsonResponse(200, { received: true, ignored: true } satisfies WebhookReceipt);
    await deps.processed.record(webhook.renderId, webhook.type);
    return jsonResponse(200, { received: true, settled: settlement } satisfies WebhookReceipt);
  };
}

function parseWebhook(body: string): RemotionWebhook {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new DomainError('invalid', 'invalid_json', 'The webhook body is not JSON.');
  }
  const parsed = remotionWebhookSchema.safeParse(json);
  if (!parsed.success) {
    throw new DomainError(
      'invalid',
      'malformed_webhook',
      `The Remotion webhook body cannot be read: ${describeIssues(parsed.error)}.`,
    );
  }
  return parsed.data;
}

function refuseStale(startedAt: string, now: number): void {
  if (isTimelyRenderReport(startedAt, new Date(now))) return;
  if (Date.parse(startedAt) > now) {
    throw new DomainError(
      'invalid',
      'webhook_from_the_future',
      `The render this webhook reports starts at ${startedAt}, more than 5 minutes from now; it is refused.`,
    );
  }
  throw new DomainError(
    'invalid',
    'stale_webhook',
    `The render this webhook reports started at ${startedAt}, more than 2 hours ago (or at no time we can read); it is refused as a replay.`,
  );
}

/** Remotion reports already handled, by renderId, in the table (`WEBHOOK#remotion#<renderId>`). */
export const processedRemotionReports: RemotionWebhookDependencies['processed'] = {
  has: (renderId) => isWebhookProcessed('remotion', renderId),
  record: (renderId, type) => recordWebhookProcessed('remotion', renderId, type),
};

export const handler = httpHandler(
  remotionWebhookHandler({
    secret: async () => (await readSecret('remotion')).webhookSecret,
    settle: settleVideoRender,
    now: Date.now,
    processed: processedRemotionReports,
  }),
);
