import type { CallFacts, CallReport } from '../core/call-report.ts';
import { describeIssues } from '../schemas/describe-issues.ts';
import {
  type ElevenLabsTranscriptionData,
  outcomeFactsOf,
} from '../schemas/elevenlabs-conversation.ts';
import {
  type ElevenLabsWebhook,
  type ElevenLabsWebhookType,
  elevenLabsWebhookEnvelopeSchema,
  elevenLabsWebhookSchemas,
  isKnownElevenLabsWebhookType,
} from '../schemas/elevenlabs-webhook.ts';

/**
 * What a verified ElevenLabs webhook body is to us: a webhook we read, a type we do not use
 * (acknowledged and ignored), or a body we cannot read — a known type missing what we use, or
 * no `type` at all — with the paths that are wrong (never their values: they may hold a
 * child's words).
 */
export type WebhookReading =
  | { readonly kind: 'read'; readonly webhook: ElevenLabsWebhook }
  | { readonly kind: 'ignored'; readonly type: string }
  | {
      readonly kind: 'malformed';
      readonly type?: ElevenLabsWebhookType;
      readonly problems: string;
    };

/** Reads a parsed JSON body with the schema of its `type`. */
export function readElevenLabsWebhook(json: unknown): WebhookReading {
  const envelope = elevenLabsWebhookEnvelopeSchema.safeParse(json);
  if (!envelope.success) return { kind: 'malformed', problems: describeIssues(envelope.error) };
  const { type } = envelope.data;
  if (!isKnownElevenLabsWebhookType(type)) return { kind: 'ignored', type };
  const parsed = elevenLabsWebhookSchemas[type].safeParse(json);
  if (!parsed.success) return { kind: 'malformed', type, problems: describeIssues(parsed.error) };
  return { kind: 'read', webhook: parsed.data };
}

/** What the webhook reports about the call, for `reportedOutcome`; none for audio. */
export function callReportOf(webhook: ElevenLabsWebhook): CallReport | undefined {
  switch (webhook.type) {
    case 'call_initiation_failure':
      return { source: 'initiation_failure', failureReason: webhook.data.failure_reason };
    case 'post_call_transcription':
      return { source: 'transcription', ...callFactsOf(webhook.data) };
    case 'post_call_audio':
      return undefined;
  }
}

function callFactsOf(data: ElevenLabsTranscriptionData): CallFacts {
  return { ...outcomeFactsOf(data), transcript: data.transcript ?? [] };
}
