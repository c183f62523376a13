import type * as z from 'zod';
import { type SantaCallVariables, santaCallVariablesSchema } from '../agent/dynamic-variables.ts';
import type { SantaLanguageOverride } from '../agent/language-override.ts';
import { requireEnv } from '../config/env.ts';
import type { AnalysisReading } from '../core/call-analysis-reading.ts';
import type { CallFacts } from '../core/call-report.ts';
import { describeIssues } from '../schemas/describe-issues.ts';
import {
  type ElevenLabsConversation,
  elevenLabsConversationPageSchema,
  elevenLabsConversationSchema,
  outcomeFactsOf,
} from '../schemas/elevenlabs-conversation.ts';
import { elevenLabsDetailStatus } from '../schemas/elevenlabs-error.ts';
import {
  type ElevenLabsOutboundCallBody,
  elevenLabsOutboundCallAnswerSchema,
} from '../schemas/elevenlabs-outbound-call.ts';
import { elevenLabsSpeechToTextSchema } from '../schemas/elevenlabs-speech-to-text.ts';
import { logger } from '../shared/logger.ts';

/*
 * Why plain `fetch` and not `@elevenlabs/elevenlabs-js` for these calls: the SDK (2.73.0) parses
 * every response with its generated schema (`serializers.X.parseOrThrow(body, {...})` in each
 * `__method`, options fixed in the generated code) and throws `ParseError` when a key it calls
 * required is missing — keys we never read included. `skipValidation` exists in its schema
 * layer but no client or request option reaches it; `.withRawResponse()` returns the parsed
 * data plus headers/status, not the body, and only after parsing succeeded. So the SDK cannot
 * hand us the raw body. The endpoints are few and documented; we call them with `fetch`, read
 * them with our own schemas (`functions/schemas/elevenlabs-*.ts`), and choose our own timeouts
 * and retries (none: the workflow retries). The SDK stays for `npm run agent:sync`.
 */

/** The speech-to-text model ElevenLabs recommends. */
export const speechToTextModel = 'scribe_v2';

const defaultBaseUrl = 'https://api.elevenlabs.io';

/**
 * Per-request timeouts in milliseconds, each well below the Lambda that makes the request
 * (`functions/workflow/task-functions.ts`; the SDK's own default is 240 s):
 * - `outboundCall` 10 s — PlaceCall (30 s) may also look for an earlier dial
 *   (`findDialedConversation`, at most `dialLookUp`) and write to DynamoDB in the same run.
 * - `conversation` and `conversationList` 5 s each — CheckConversation (10 s, the house
 *   default), and the look-up's pages and candidate reads.
 * - `dialLookUp` 12 s — the whole of `findDialedConversation`, however many pages it reads.
 * - `audio` 45 s — SaveCallRecords (120 s) downloads a call of up to five minutes (≈ 5 MB).
 * - `speechToText` 30 s — TranscribeVoiceNote (60 s) uploads a voice note of up to 10 MB.
 * - `deleteConversation` 5 s — the erase (EraseChildData, the house default 10 s) deletes a
 *   booking's few conversations one after another.
 * `test/unit/elevenlabs-adapter.test.ts` holds each to at most half its Lambda's timeout.
 */
export const elevenLabsTimeoutsMs = {
  outboundCall: 10_000,
  conversation: 5_000,
  conversationList: 5_000,
  dialLookUp: 12_000,
  audio: 45_000,
  speechToText: 30_000,
  deleteConversation: 5_000,
} as const;
export type ElevenLabsTimeouts = { readonly [K in keyof typeof elevenLabsTimeoutsMs]: number };

/** Ids only: `booking-<id>-a<attempt>` and the like. Nothing a person could be found by. */
const dialMarkerPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export interface OutboundCallRequest {
  /** E.164, e.g. +14155552671. */
  readonly toNumber: string;
  readonly dynamicVariables: SantaCallVariables;
  /** The call's language, first message and time-up message; the agent's own when absent. */
  readonly languageOverride?: SantaLanguageOverride;
  /**
   * Travels with the call as `conversation_initiation_client_data.user_id`, so
   * `findDialedConversation` can find the call when its answer was lost. Ids only, e.g.
   * `booking-<id>-a<attempt>`: letters, digits, `.`, `_`, `:`, `-`, at most 128.
   */
  readonly dialMarker: string;
  readonly ringingTimeoutSecs?: number;
}

export interface PlacedCall {
  readonly conversationId: string;
  /** Twilio's call id; always present when `placeOutboundCall` resolves. */
  readonly callSid?: string;
}

export interface DialLookUp {
  readonly dialMarker: string;
  /** No later than the dial was sent; conversations that started before it are not read. */
  readonly since: Date;
}

export type ConversationStatus = 'initiated' | 'in-progress' | 'processing' | 'done' | 'failed';

/** A spoken turn (tool-call turns without words are left out). */
export interface TranscriptTurn {
  readonly role: 'agent' | 'user';
  readonly message: string;
  readonly timeInCallSecs: number;
}

/**
 * A conversation as CallSanta reads it; `CallFacts` for `reportedOutcome` in
 * `functions/core/call-report.ts`.
 */
export interface ConversationSummary extends CallFacts {
  /** One of `ConversationStatus`, or a value newer than this code. */
  readonly status: ConversationStatus | (string & {});
  /** `answered | voicemail | busy | no_answer | failed`, absent when ElevenLabs could not tell. */
  readonly callResult?: string;
  readonly transcript: TranscriptTurn[];
  /** Seconds; absent for a call that never connected. */
  readonly durationSecs?: number;
  /** The post-call analysis' summary, data collection and criteria, when ElevenLabs has one. */
  readonly analysis?: AnalysisReading;
}

export interface SpeechTranscript {
  readonly text: string;
  /** ISO 639 code when ElevenLabs says, e.g. `en`. */
  readonly languageCode?: string;
}

/** The ElevenLabs calls the workflow makes. */
export interface ElevenLabsAdapter {
  /**
   * Rings `toNumber` with Santa (answering-machine detection on). One request, never retried
   * here. Throws `ElevenLabsTooManyRequests` (429: not placed), `ElevenLabsRequestRejected`
   * (other 4xx: not placed, repeating will not help), `ElevenLabsUnavailable` (5xx, timeout,
   * network: MAY have been placed — look with `findDialedConversation`) and
   * `ElevenLabsCallUnconfirmed` (HTTP 200 without `success`, `conversation_id` or `callSid`:
   * may have been placed; `conversationId` is on the error when the answer had one).
   */
  placeOutboundCall(request: OutboundCallRequest): Promise<PlacedCall>;
  /**
   * The conversation of an earlier `placeOutboundCall` with this marker that started at or
   * after `since`, newest first; undefined when ElevenLabs has none. Throws
   * `ElevenLabsUnavailable` when it could not finish looking (never a false "none").
   */
  findDialedConversation(lookUp: DialLookUp): Promise<string | undefined>;
  /** Throws `ElevenLabsRequestError`; a read, so safe to retry. */
  getConversation(conversationId: string): Promise<ConversationSummary>;
  /** The call's MP3. Throws `ElevenLabsRequestError` (404 while there is no audio yet). */
  downloadConversationAudio(conversationId: string): Promise<Buffer>;
  /**
   * The voice note's words. `languageCode` (ISO 639-3 or 639-1, `languages[].speechToText`)
   * tells ElevenLabs the language it is in; without it ElevenLabs guesses.
   */
  transcribeSpeech(
    audio: Buffer,
    mimeType: string,
    languageCode?: string,
  ): Promise<SpeechTranscript>;
  /**
   * Deletes the conversation at ElevenLabs — its transcript, dynamic variables (the child's
   * name, the parent's notes) and audio: `DELETE /v1/convai/conversations/{conversation_id}`
   * (ElevenLabs API reference, "Delete conversation"; SDK
   * `conversationalAi.conversations.delete`). Idempotent: a conversation already gone (404)
   * answers `already_gone`, so an erase retried after a crash finishes instead of failing.
   * Throws `ElevenLabsRequestError` for anything else (5xx, timeouts: retry later).
   */
  deleteConversation(conversationId: string): Promise<'deleted' | 'already_gone'>;
}

type ErrorName =
  | 'ElevenLabsTooManyRequests'
  | 'ElevenLabsUnavailable'
  | 'ElevenLabsRequestRejected'
  | 'ElevenLabsCallUnconfirmed';

/**
 * A refused or failed ElevenLabs request, named so a workflow Retry can tell them apart:
 * `ElevenLabsTooManyRequests` (429: the plan's concurrent calls are in use),
 * `ElevenLabsUnavailable` (5xx, 408, timeouts, network, or a read whose answer lacks what we
 * use: worth retrying), `ElevenLabsRequestRejected` (other 4xx: retrying the same request will
 * not help) and `ElevenLabsCallUnconfirmed` (see `ElevenLabsCallUnconfirmedError`).
 */
export class ElevenLabsRequestError extends Error {
  override readonly name: ErrorName;

  constructor(
    readonly operation: string,
    readonly statusCode: number | undefined,
    /** ElevenLabs' `detail.status` (e.g. `too_many_concurrent_requests`), or ours: `timeout`, `network`, `unexpected_response`. */
    readonly detailStatus: string | undefined,
    options: { cause?: unknown; name?: ErrorName; reason?: string } = {},
  ) {
    const status = statusCode ? ` with HTTP ${statusCode}` : '';
    const detail = detailStatus ? ` (${detailStatus})` : '';
    super(
      `ElevenLabs ${operation} failed${status}${detail}${options.reason ? `: ${options.reason}` : '.'}`,
      { cause: options.cause },
    );
    this.name = options.name ?? nameForStatus(statusCode);
  }
}

/**
 * The outbound-call request reached ElevenLabs and it answered HTTP 200, but not with a
 * confirmed call (`success: false`, or no `conversation_id`, or no `callSid`): the phone may
 * ring. `conversationId` is set when the answer had one.
 */
export class ElevenLabsCallUnconfirmedError extends ElevenLabsRequestError {
  constructor(
    readonly conversationId: string | undefined,
    reason: string,
    options: { cause?: unknown } = {},
  ) {
    super('outbound call', 200, 'not_confirmed', {
      ...options,
      name: 'ElevenLabsCallUnconfirmed',
      reason,
    });
  }
}

function nameForStatus(statusCode: number | undefined): ErrorName {
  if (statusCode === 429) return 'ElevenLabsTooManyRequests';
  if (statusCode === undefined || statusCode >= 500 || statusCode === 408) {
    return 'ElevenLabsUnavailable';
  }
  return 'ElevenLabsRequestRejected';
}

export interface ElevenLabsAdapterOptions {
  /** Shorter timeouts, for tests that prove a hang is cut off. */
  readonly timeoutsMs?: Partial<ElevenLabsTimeouts>;
}

/**
 * The adapter from the environment: `ELEVENLABS_API_KEY`, `ELEVENLABS_AGENT_ID`,
 * `ELEVENLABS_PHONE_NUMBER_ID`, and `ELEVENLABS_API_BASE_URL` when set (the local emulator),
 * else api.elevenlabs.io. Throws when one of the first three is missing.
 */
export function createElevenLabsAdapter(
  env: NodeJS.ProcessEnv = process.env,
  options: ElevenLabsAdapterOptions = {},
): ElevenLabsAdapter {
  const apiKey = requireEnv('ELEVENLABS_API_KEY', env);
  const agentId = requireEnv('ELEVENLABS_AGENT_ID', env);
  const phoneNumberId = requireEnv('ELEVENLABS_PHONE_NUMBER_ID', env);
  const baseUrl = env.ELEVENLABS_API_BASE_URL?.trim().replace(/\/$/, '') || defaultBaseUrl;
  const timeouts: ElevenLabsTimeouts = { ...elevenLabsTimeoutsMs, ...options.timeoutsMs };
  const api = new ElevenLabsApi(baseUrl, apiKey);

  async function readConversation(
    conversationId: string,
    timeoutMs = timeouts.conversation,
  ): Promise<ElevenLabsConversation> {
    const answer = await api.send('conversation look-up', {
      path: `/v1/convai/conversations/${encodeURIComponent(conversationId)}`,
      timeoutMs,
    });
    return readJson('conversation look-up', answer, elevenLabsConversationSchema);
  }

  return {
    async placeOutboundCall({
      toNumber,
      dynamicVariables,
      languageOverride,
      dialMarker,
      ringingTimeoutSecs,
    }) {
      const variables = santaCallVariablesSchema.parse(dynamicVariables);
      if (!dialMarkerPattern.test(dialMarker)) {
        throw new Error('The dial marker must be an id: letters, digits, . _ : - (≤ 128).');
      }
      const body: ElevenLabsOutboundCallBody = {
        agent_id: agentId,
        agent_phone_number_id: phoneNumberId,
        to_number: toNumber,
        conversation_initiation_client_data: {
          user_id: dialMarker,
          dynamic_variables: variables,
          ...(languageOverride
            ? {
                conversation_config_override: {
                  agent: {
                    language: languageOverride.language,
                    first_message: languageOverride.firstMessage,
                    max_conversation_duration_message:
                      languageOverride.maxConversationDurationMessage,
                  },
                },
              }
            : {}),
        },
        telephony_call_config: {
          ...(ringingTimeoutSecs ? { ringing_timeout_secs: ringingTimeoutSecs } : {}),
          // Answering-machine detection on every call (SDK `TelephonyCallConfigInput.
          // twilioMachineDetection`, wire `twilio_machine_detection: { mode }`), so a voicemail
          // is told apart from a child instead of arriving as a plain transcription.
          twilio_machine_detection: { mode: 'enable' },
        },
      };
      // One POST, no retry: a repeated POST could ring the family twice. The workflow decides.
      const response = await api.send('outbound call', {
        method: 'POST',
        path: '/v1/convai/twilio/outbound-call',
        json: body,
        timeoutMs: timeouts.outboundCall,
      });
      const json = await response.json().catch((error: unknown) => {
        throw new ElevenLabsCallUnconfirmedError(undefined, 'the answer was not JSON.', {
          cause: error,
        });
      });
      const answer = elevenLabsOutboundCallAnswerSchema.safeParse(json);
      const conversationId = answer.success
        ? (answer.data.conversation_id ?? undefined)
        : looseConversationId(json);
      if (!answer.success) {
        throw new ElevenLabsCallUnconfirmedError(
          conversationId,
          `the answer lacked ${describeIssues(answer.error)}.`,
          { cause: answer.error },
        );
      }
      const { success, callSid } = answer.data;
      if (!success || !conversationId || !callSid) {
        const missing = !success
          ? 'success: false'
          : !conversationId
            ? 'no conversation_id'
            : 'no callSid';
        logger.warn('outbound call not confirmed', { dialMarker, conversationId, missing });
        throw new ElevenLabsCallUnconfirmedError(conversationId, `the answer had ${missing}.`);
      }
      logger.info('outbound call placed', { dialMarker, conversationId, callSid });
      return { conversationId, callSid };
    },

    async findDialedConversation({ dialMarker, since }) {
      const deadline = Date.now() + timeouts.dialLookUp;
      const remaining = (cap: number) => {
        const left = deadline - Date.now();
        if (left <= 0) {
          throw new ElevenLabsRequestError('dial look-up', undefined, 'timeout', {
            reason: `could not finish looking within ${timeouts.dialLookUp} ms.`,
          });
        }
        return Math.min(cap, left);
      };
      // Clocks differ; the marker, not the time, decides. Five minutes of slack costs nothing.
      const after = Math.floor(since.getTime() / 1000) - 300;
      let cursor: string | undefined;
      for (let page = 0; page < maxLookUpPages; page++) {
        const query = new URLSearchParams({
          agent_id: agentId,
          user_id: dialMarker,
          call_start_after_unix: String(after),
          page_size: String(lookUpPageSize),
          ...(cursor ? { cursor } : {}),
        });
        const answer = await api.send('dial look-up', {
          path: `/v1/convai/conversations?${query}`,
          timeoutMs: remaining(timeouts.conversationList),
        });
        const { conversations, has_more, next_cursor } = await readJson(
          'dial look-up',
          answer,
          elevenLabsConversationPageSchema,
        );
        for (const candidate of conversations) {
          // The filter is trusted only once the conversation itself says so: an unknown query
          // parameter is ignored silently, and a wrong match would report someone else's call.
          const marker =
            candidate.user_id ??
            (await readCandidate(candidate.conversation_id, remaining(timeouts.conversation)));
          if (marker === dialMarker) {
            logger.info('earlier dial found', {
              dialMarker,
              conversationId: candidate.conversation_id,
            });
            return candidate.conversation_id;
          }
        }
        if (has_more === false || !next_cursor) return undefined;
        cursor = next_cursor;
      }
      throw new ElevenLabsRequestError('dial look-up', undefined, 'too_many_candidates', {
        name: 'ElevenLabsUnavailable',
        reason: `more than ${maxLookUpPages} pages of conversations matched; none was ours.`,
      });

      /** The candidate's marker; undefined when it is gone (deleted since it was listed). */
      async function readCandidate(conversationId: string, timeoutMs: number) {
        try {
          return (await readConversation(conversationId, timeoutMs)).user_id ?? undefined;
        } catch (error) {
          if (error instanceof ElevenLabsRequestError && error.statusCode === 404) return undefined;
          throw error;
        }
      }
    },

    async getConversation(conversationId) {
      return summarise(await readConversation(conversationId));
    },

    async downloadConversationAudio(conversationId) {
      const response = await api.send('conversation audio', {
        path: `/v1/convai/conversations/${encodeURIComponent(conversationId)}/audio`,
        timeoutMs: timeouts.audio,
      });
      const audio = Buffer.from(
        await response.arrayBuffer().catch((error: unknown) => {
          throw failedReading('conversation audio', error);
        }),
      );
      if (audio.length === 0) {
        throw new ElevenLabsRequestError('conversation audio', 200, 'unexpected_response', {
          name: 'ElevenLabsUnavailable',
          reason: 'the recording was empty.',
        });
      }
      logger.info('conversation audio downloaded', { conversationId, bytes: audio.length });
      return audio;
    },

    async transcribeSpeech(audio, mimeType, languageCode) {
      const form = new FormData();
      form.append('model_id', speechToTextModel);
      if (languageCode) form.append('language_code', languageCode);
      form.append('file', new Blob([new Uint8Array(audio)], { type: mimeType }), 'voice-note');
      const response = await api.send('speech-to-text', {
        method: 'POST',
        path: '/v1/speech-to-text',
        form,
        timeoutMs: timeouts.speechToText,
      });
      const result = await readJson('speech-to-text', response, elevenLabsSpeechToTextSchema);
      return {
        text: result.text,
        ...(result.language_code ? { languageCode: result.language_code } : {}),
      };
    },

    async deleteConversation(conversationId) {
      try {
        const response = await api.send('conversation delete', {
          method: 'DELETE',
          path: `/v1/convai/conversations/${encodeURIComponent(conversationId)}`,
          timeoutMs: timeouts.deleteConversation,
        });
        // The body says nothing we use; read it so the connection is released.
        await response.arrayBuffer().catch(() => undefined);
      } catch (error) {
        // Already deleted (by an earlier try of this erase): what we wanted.
        if (error instanceof ElevenLabsRequestError && error.statusCode === 404) {
          return 'already_gone';
        }
        throw error;
      }
      logger.info('conversation deleted', { conversationId });
      return 'deleted';
    },
  };
}

/** The look-up reads at most this many pages of this size before giving up (loudly). */
const maxLookUpPages = 5;
const lookUpPageSize = 20;

interface ApiRequest {
  readonly method?: 'GET' | 'POST' | 'DELETE';
  /** From the base URL, with the query string. */
  readonly path: string;
  readonly json?: unknown;
  readonly form?: FormData;
  /** For the whole exchange, body included. */
  readonly timeoutMs: number;
}

/** ElevenLabs' REST API: one request, its own timeout, errors turned into our names. */
class ElevenLabsApi {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  /** The response, when it is a 2xx (its body still to be read under the same timeout). */
  async send(operation: string, request: ApiRequest): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${request.path}`, {
        method: request.method ?? 'GET',
        headers: {
          'xi-api-key': this.apiKey,
          ...(request.json === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body:
          request.form ?? (request.json === undefined ? undefined : JSON.stringify(request.json)),
        signal: AbortSignal.timeout(request.timeoutMs),
      });
    } catch (error) {
      throw failedReading(operation, error, request.timeoutMs);
    }
    if (response.ok) return response;
    const body: unknown = await response.json().catch(() => undefined);
    throw new ElevenLabsRequestError(operation, response.status, elevenLabsDetailStatus(body));
  }
}

/** A request or its body that timed out or broke off: `ElevenLabsUnavailable`. */
function failedReading(operation: string, error: unknown, timeoutMs?: number) {
  const timedOut = error instanceof Error && error.name === 'TimeoutError';
  return new ElevenLabsRequestError(operation, undefined, timedOut ? 'timeout' : 'network', {
    cause: error,
    reason: timedOut
      ? `no answer within ${timeoutMs ? `${timeoutMs} ms` : 'the time allowed'}.`
      : `the connection failed (${error instanceof Error ? error.message : String(error)}).`,
  });
}

/**
 * A read's JSON body through our schema. A body that is not JSON or lacks a field we use is
 * `ElevenLabsUnavailable` (retry-safe: reads change nothing) naming the missing fields.
 */
async function readJson<T>(
  operation: string,
  response: Response,
  schema: z.ZodType<T>,
): Promise<T> {
  let json: unknown;
  try {
    json = await response.json();
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError')
      throw failedReading(operation, error);
    throw new ElevenLabsRequestError(operation, response.status, 'unexpected_response', {
      name: 'ElevenLabsUnavailable',
      cause: error,
      reason: 'the answer was not JSON.',
    });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ElevenLabsRequestError(operation, response.status, 'unexpected_response', {
      name: 'ElevenLabsUnavailable',
      cause: parsed.error,
      reason: `the answer lacked ${describeIssues(parsed.error)}.`,
    });
  }
  return parsed.data;
}

/** `metadata.phone_call.call_result (expected string)` for each issue; paths only, never values. */
function looseConversationId(json: unknown): string | undefined {
  const id = (json as { conversation_id?: unknown } | null)?.conversation_id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** Our summary of a conversation: spoken turns of known roles, and the facts of its outcome. */
function summarise(conversation: ElevenLabsConversation): ConversationSummary {
  const { metadata, transcript } = conversation;
  const durationSecs = metadata?.call_duration_secs ?? 0;
  const { callResult, terminationReason, transcriptSummary, toolNames } =
    outcomeFactsOf(conversation);
  return {
    status: conversation.status,
    ...(callResult ? { callResult } : {}),
    transcript: transcript.flatMap((turn): TranscriptTurn[] =>
      (turn.role === 'agent' || turn.role === 'user') && turn.message
        ? [{ role: turn.role, message: turn.message, timeInCallSecs: turn.time_in_call_secs }]
        : [],
    ),
    toolNames,
    ...(terminationReason ? { terminationReason } : {}),
    ...(transcriptSummary ? { transcriptSummary } : {}),
    // A call that never connected has no length worth reporting.
    ...(durationSecs > 0 ? { durationSecs } : {}),
    ...(conversation.analysis
      ? {
          analysis: {
            summary: conversation.analysis.transcript_summary,
            dataCollection: conversation.analysis.data_collection_results,
            criteria: conversation.analysis.evaluation_criteria_results,
          },
        }
      : {}),
  };
}
