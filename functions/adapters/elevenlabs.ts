import {
  ElevenLabsClient,
  ElevenLabsError,
  ElevenLabsTimeoutError,
} from '@elevenlabs/elevenlabs-js';
import { type SantaCallVariables, santaCallVariablesSchema } from '../agent/dynamic-variables.ts';
import { requireEnv } from '../config/env.ts';
import { logger } from '../shared/logger.ts';

/** The speech-to-text model ElevenLabs recommends. */
export const speechToTextModel = 'scribe_v2';

/**
 * An ElevenLabs client from the environment: `ELEVENLABS_API_KEY`, and
 * `ELEVENLABS_API_BASE_URL` when set (the local emulator), else api.elevenlabs.io.
 */
export function createElevenLabsClient(env: NodeJS.ProcessEnv = process.env): ElevenLabsClient {
  const apiKey = requireEnv('ELEVENLABS_API_KEY', env);
  const baseUrl = env.ELEVENLABS_API_BASE_URL?.trim().replace(/\/$/, '');
  return new ElevenLabsClient({ apiKey, ...(baseUrl ? { baseUrl } : {}) });
}

export interface OutboundCallRequest {
  /** E.164, e.g. +14155552671. */
  readonly toNumber: string;
  readonly dynamicVariables: SantaCallVariables;
  readonly ringingTimeoutSecs?: number;
}

export interface PlacedCall {
  readonly conversationId: string;
  readonly callSid: string;
}

export type ConversationStatus = 'initiated' | 'in-progress' | 'processing' | 'done' | 'failed';

/** How the phone line answered; the underscore form the conversation API uses. */
export type CallResult = 'answered' | 'voicemail' | 'busy' | 'no_answer' | 'failed';

export interface TranscriptTurn {
  readonly role: 'agent' | 'user';
  readonly message: string;
  readonly timeInCallSecs: number;
}

export interface ConversationSummary {
  readonly status: ConversationStatus;
  readonly callResult?: CallResult;
  readonly transcript: TranscriptTurn[];
  readonly durationSecs?: number;
}

export interface SpeechTranscript {
  readonly text: string;
  readonly languageCode: string;
}

/** The ElevenLabs calls the workflow makes. */
export interface ElevenLabsAdapter {
  placeOutboundCall(request: OutboundCallRequest): Promise<PlacedCall>;
  getConversation(conversationId: string): Promise<ConversationSummary>;
  downloadConversationAudio(conversationId: string): Promise<Buffer>;
  transcribeSpeech(audio: Buffer, mimeType: string): Promise<SpeechTranscript>;
}

/**
 * A refused or failed ElevenLabs request, named so a workflow Retry can tell them apart:
 * `ElevenLabsTooManyRequests` (429: the plan's concurrent calls are in use),
 * `ElevenLabsUnavailable` (5xx, timeouts, network) and `ElevenLabsRequestRejected` (other 4xx:
 * retrying the same request will not help).
 */
export class ElevenLabsRequestError extends Error {
  override readonly name: string;

  constructor(
    readonly operation: string,
    readonly statusCode: number | undefined,
    /** ElevenLabs' `detail.status`, e.g. `too_many_concurrent_requests`. */
    readonly detailStatus: string | undefined,
    options: { cause: unknown },
  ) {
    super(
      `ElevenLabs ${operation} failed${statusCode ? ` with HTTP ${statusCode}` : ''}${detailStatus ? ` (${detailStatus})` : ''}.`,
      options,
    );
    this.name =
      statusCode === 429
        ? 'ElevenLabsTooManyRequests'
        : statusCode === undefined || statusCode >= 500 || statusCode === 408
          ? 'ElevenLabsUnavailable'
          : 'ElevenLabsRequestRejected';
  }
}

/** The adapter over one client; `env` as for `createElevenLabsClient`, plus the agent's ids. */
export function createElevenLabsAdapter(env: NodeJS.ProcessEnv = process.env): ElevenLabsAdapter {
  const client = createElevenLabsClient(env);
  const agentId = requireEnv('ELEVENLABS_AGENT_ID', env);
  const phoneNumberId = requireEnv('ELEVENLABS_PHONE_NUMBER_ID', env);
  const { conversationalAi } = client;

  return {
    async placeOutboundCall({ toNumber, dynamicVariables, ringingTimeoutSecs }) {
      const variables = santaCallVariablesSchema.parse(dynamicVariables);
      const answer = await call('outbound call', () =>
        conversationalAi.twilio.outboundCall(
          {
            agentId,
            agentPhoneNumberId: phoneNumberId,
            toNumber,
            conversationInitiationClientData: { dynamicVariables: variables },
            ...(ringingTimeoutSecs ? { telephonyCallConfig: { ringingTimeoutSecs } } : {}),
          },
          // A repeated POST could ring the family twice; the workflow decides about retries.
          { maxRetries: 0 },
        ),
      );
      if (!answer.success || !answer.conversationId || !answer.callSid) {
        throw new ElevenLabsRequestError('outbound call', undefined, 'not_placed', {
          cause: new Error(answer.message),
        });
      }
      logger.info('outbound call placed', {
        conversationId: answer.conversationId,
        callSid: answer.callSid,
      });
      return { conversationId: answer.conversationId, callSid: answer.callSid };
    },

    async getConversation(conversationId) {
      const conversation = await call('conversation look-up', () =>
        conversationalAi.conversations.get(conversationId),
      );
      const { callDurationSecs, phoneCall } = conversation.metadata;
      const callResult = phoneCall && 'callResult' in phoneCall ? phoneCall.callResult : undefined;
      return {
        status: conversation.status,
        ...(callResult ? { callResult } : {}),
        transcript: conversation.transcript.map((turn) => ({
          role: turn.role,
          message: turn.message ?? '',
          timeInCallSecs: turn.timeInCallSecs,
        })),
        // A call that never connected has no length worth reporting.
        ...(callDurationSecs > 0 ? { durationSecs: callDurationSecs } : {}),
      };
    },

    async downloadConversationAudio(conversationId) {
      const stream = await call('conversation audio', () =>
        conversationalAi.conversations.audio.get(conversationId),
      );
      const audio = Buffer.from(await new Response(stream).arrayBuffer());
      logger.info('conversation audio downloaded', { conversationId, bytes: audio.length });
      return audio;
    },

    async transcribeSpeech(audio, mimeType) {
      const result = await call('speech-to-text', () =>
        client.speechToText.convert({
          modelId: speechToTextModel,
          file: { data: audio, filename: 'voice-note', contentType: mimeType },
        }),
      );
      if (!('text' in result)) {
        throw new ElevenLabsRequestError('speech-to-text', undefined, 'unexpected_response', {
          cause: new Error('The answer held no transcript text.'),
        });
      }
      return { text: result.text, languageCode: result.languageCode };
    },
  };
}

/** Runs one SDK call, turning its errors into `ElevenLabsRequestError`. */
async function call<T>(operation: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof ElevenLabsTimeoutError) {
      throw new ElevenLabsRequestError(operation, undefined, 'timeout', { cause: error });
    }
    if (error instanceof ElevenLabsError) {
      throw new ElevenLabsRequestError(operation, error.statusCode, detailStatus(error.body), {
        cause: error,
      });
    }
    throw new ElevenLabsRequestError(operation, undefined, undefined, { cause: error });
  }
}

function detailStatus(body: unknown): string | undefined {
  const detail = (body as { detail?: { status?: unknown } } | undefined)?.detail;
  return typeof detail?.status === 'string' ? detail.status : undefined;
}

let shared: ElevenLabsAdapter | undefined;

/** One adapter per container, made on first use from the function's environment. */
function adapter(): ElevenLabsAdapter {
  shared ??= createElevenLabsAdapter();
  return shared;
}

export const placeOutboundCall: ElevenLabsAdapter['placeOutboundCall'] = (request) =>
  adapter().placeOutboundCall(request);
export const getConversation: ElevenLabsAdapter['getConversation'] = (conversationId) =>
  adapter().getConversation(conversationId);
export const downloadConversationAudio: ElevenLabsAdapter['downloadConversationAudio'] = (
  conversationId,
) => adapter().downloadConversationAudio(conversationId);
export const transcribeSpeech: ElevenLabsAdapter['transcribeSpeech'] = (audio, mimeType) =>
  adapter().transcribeSpeech(audio, mimeType);
