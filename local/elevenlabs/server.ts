import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { z } from 'zod';
import { languages } from '../../functions/core/languages.ts';
import { PayloadTooLargeError, readBody, sendJson } from '../http-util.ts';
import { type AgentRegistry, agentView } from './agents.ts';
import { assertApiKey } from './auth.ts';
import { callPlanSchema } from './call-plan.ts';
import type { OutboundCalls } from './calls.ts';
import { conversationSummaryView, conversationView } from './conversation.ts';
import { ElevenLabsApiError, invalidBody, invalidJson } from './errors.ts';
import {
  type FaultContext,
  type FaultRegistry,
  faultRequestSchema,
  type HttpFault,
  type HttpOperation,
  reshapeBody,
} from './faults.ts';
import {
  createAgentRequest,
  listConversationsQuery,
  outboundCallRequest,
  speechToTextForm,
  textToSpeechRequest,
  updateAgentRequest,
} from './requests.ts';
import { isScriptLanguage, type ScriptLanguage, scriptText } from './script-messages.ts';
import { speakAsSanta } from './text-to-speech.ts';

export interface ElevenLabsServerOptions {
  readonly apiKey: string;
  readonly calls: OutboundCalls;
  readonly agents: AgentRegistry;
  readonly faults: FaultRegistry;
  /** Saves the state; runs after every request that changed it. */
  readonly commit: () => Promise<void>;
}

interface RouteCall {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly id: string;
  readonly url: URL;
}

interface Route {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly pattern: RegExp;
  readonly handle: (call: RouteCall) => Promise<void>;
  /** The fault control is open: it is a local test hook, not part of ElevenLabs' API. */
  readonly open?: boolean;
}

/** What a route answers, before a fault reshapes or loses it. */
type Answer =
  | { readonly status: number; readonly json: unknown }
  | { readonly status: number; readonly bytes: Buffer; readonly contentType: string };

const jsonLimitBytes = 1024 * 1024;
/** Voice notes are at most 10 MB; the multipart envelope adds a little. */
const uploadLimitBytes = 11 * 1024 * 1024;

/**
 * The ElevenLabs API subset CallSanta uses, on ElevenLabs' wire format: JSON in snake_case,
 * the `xi-api-key` header, `{ detail }` error bodies and FastAPI's 422 for a bad body.
 */
export function createElevenLabsServer(options: ElevenLabsServerOptions): Server {
  const routes = createRoutes(options);
  return createServer((req, res) => {
    handle(req, res, routes, options.apiKey).catch((error: unknown) => {
      const failure = toApiError(error);
      if (res.headersSent) {
        res.end();
        return;
      }
      sendJson(res, failure.statusCode, { detail: failure.detail });
    });
  });
}

function createRoutes(options: ElevenLabsServerOptions): Route[] {
  const { calls, agents, faults, commit } = options;
  const answer = (
    res: ServerResponse,
    operation: HttpOperation,
    context: FaultContext,
    work: (fault: HttpFault | undefined) => Promise<Answer>,
  ) => answerWithFaults(res, faults.take(operation, context), work);
  return [
    {
      method: 'POST',
      pattern: /^\/v1\/convai\/twilio\/outbound-call$/,
      handle: async ({ req, res }) => {
        const request = parse(outboundCallRequest, await readJson(req));
        await answer(res, 'outbound-call', { toNumber: request.to_number }, async (fault) => {
          if (fault?.kind === 'not-success' && !fault.placed) {
            return { status: 200, json: { success: false, message: 'Failed to initiate call' } };
          }
          const conversation = calls.place(request);
          await commit();
          return {
            status: 200,
            json: {
              success: fault?.kind !== 'not-success',
              message: fault?.kind === 'not-success' ? 'Call status unknown' : 'Success',
              conversation_id: conversation.conversation_id,
              // camelCase here, unlike everything else: as ElevenLabs answers.
              ...(fault?.kind === 'no-call-sid' ? {} : { callSid: conversation.call_sid }),
            },
          };
        });
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/convai\/conversations$/,
      handle: async ({ res, url }) => {
        const query = parse(listConversationsQuery, Object.fromEntries(url.searchParams));
        await answer(res, 'list-conversations', {}, async () => {
          const page = calls.list(query);
          return {
            status: 200,
            json: {
              conversations: page.conversations.map(conversationSummaryView),
              has_more: page.nextCursor !== undefined,
              next_cursor: page.nextCursor ?? null,
            },
          };
        });
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/convai\/conversations\/([^/]+)$/,
      handle: async ({ res, id }) => {
        await answer(res, 'get-conversation', { conversationId: id }, async () => ({
          status: 200,
          json: conversationView(calls.conversation(id)),
        }));
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/v1\/convai\/conversations\/([^/]+)$/,
      handle: async ({ res, id }) => {
        await answer(res, 'delete-conversation', { conversationId: id }, async () => {
          await calls.remove(id);
          await commit();
          // ElevenLabs answers 200 with a JSON body nobody reads.
          return { status: 200, json: {} };
        });
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/convai\/conversations\/([^/]+)\/audio$/,
      handle: async ({ res, id }) => {
        await answer(res, 'conversation-audio', { conversationId: id }, async () => ({
          status: 200,
          bytes: await calls.recording(id),
          contentType: 'audio/mpeg',
        }));
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/speech-to-text$/,
      handle: async ({ req, res }) => {
        const { bytes, languageCode } = await readSpeechUpload(req);
        const language = scriptLanguageFor(languageCode);
        await answer(res, 'speech-to-text', {}, async () => ({
          status: 200,
          json: {
            // The language asked for, as given (ElevenLabs then transcribes in it); English
            // when none was (the emulator "detects" English).
            language_code: languageCode ?? 'en',
            language_probability: 1,
            // The emulator cannot listen; it says so in the text, so nobody mistakes it.
            text: `[Emulated transcript of a ${bytes}-byte voice note] ${scriptText(language)('voiceNote')}`,
            words: [],
          },
        }));
      },
    },
    {
      // Text-to-speech, signed like the rest (xi-api-key): the MP3 of the text in the emulator's
      // Santa voice. `output_format` and the voice id are taken and not checked (tolerant).
      method: 'POST',
      pattern: /^\/v1\/text-to-speech\/([^/]+)$/,
      handle: async ({ req, res }) => {
        const { text } = parse(textToSpeechRequest, await readJson(req));
        await answer(res, 'text-to-speech', {}, async () => ({
          status: 200,
          bytes: await speakAsSanta(text),
          contentType: 'audio/mpeg',
        }));
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/convai\/agents\/create$/,
      handle: async ({ req, res }) => {
        const agent = agents.create(parse(createAgentRequest, await readJson(req)));
        await commit();
        sendJson(res, 200, { agent_id: agent.agent_id });
      },
    },
    {
      method: 'PATCH',
      pattern: /^\/v1\/convai\/agents\/([^/]+)$/,
      handle: async ({ req, res, id }) => {
        const agent = agents.update(id, parse(updateAgentRequest, await readJson(req)));
        await commit();
        sendJson(res, 200, agentView(agent));
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/convai\/agents\/([^/]+)$/,
      handle: async ({ res, id }) => {
        sendJson(res, 200, agentView(agents.get(id)));
      },
    },
    ...faultControlRoutes(options),
  ];
}

/**
 * The fault control, outside `/v1`: queue faults, clear them, and list every call placed
 * (number, marker, time, answering-machine detection, when its line was released) and every
 * 429 refusal, so a test can prove none rang twice and a benchmark can measure starts and
 * concurrency; and the call plan (`call-plan.ts`) for ordinary numbers.
 */
function faultControlRoutes({ calls, faults }: ElevenLabsServerOptions): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/_emulator\/faults$/,
      open: true,
      handle: async ({ req, res }) => {
        const queued = faults.add(parse(faultRequestSchema, await readJson(req)));
        sendJson(res, 201, queued);
      },
    },
    {
      method: 'GET',
      pattern: /^\/_emulator\/faults$/,
      open: true,
      handle: async ({ res }) => sendJson(res, 200, { faults: faults.list() }),
    },
    {
      method: 'DELETE',
      pattern: /^\/_emulator\/faults$/,
      open: true,
      handle: async ({ res }) => {
        faults.clear();
        sendJson(res, 200, { faults: [] });
      },
    },
    {
      method: 'GET',
      pattern: /^\/_emulator\/calls$/,
      open: true,
      handle: async ({ res }) =>
        sendJson(res, 200, {
          calls: calls.placed().map((c) => ({
            conversationId: c.conversation_id,
            toNumber: c.to_number,
            dialMarker: c.user_id ?? null,
            placedAt: c.placed_at ?? new Date(c.start_time_unix_secs * 1000).toISOString(),
            callSid: c.call_sid,
            machineDetection: c.machine_detection ?? null,
            ringingTimeoutSecs: c.ringing_timeout_secs ?? null,
            status: c.status,
            callResult: c.call_result ?? null,
            endedAt: c.ended_at ?? null,
            plannedTalkSecs: c.plan && c.outcome === 'answered' ? c.plan.talkSecs : null,
          })),
          refusedAt: calls.refusedAt(),
        }),
    },
    {
      method: 'POST',
      pattern: /^\/_emulator\/call-plan$/,
      open: true,
      handle: async ({ req, res }) => {
        const plan = parse(callPlanSchema, await readJson(req));
        calls.usePlan(plan);
        sendJson(res, 200, { plan });
      },
    },
    {
      method: 'GET',
      pattern: /^\/_emulator\/call-plan$/,
      open: true,
      handle: async ({ res }) => sendJson(res, 200, { plan: calls.plan() ?? null }),
    },
    {
      method: 'DELETE',
      pattern: /^\/_emulator\/call-plan$/,
      open: true,
      handle: async ({ res }) => {
        calls.usePlan(undefined);
        sendJson(res, 200, { plan: null });
      },
    },
  ];
}

/**
 * Runs a route's work under the fault taken for it: an HTTP error or a hang before any work
 * (nothing happens), the answer lost after the work (it happened), or the answer reshaped.
 */
async function answerWithFaults(
  res: ServerResponse,
  fault: HttpFault | undefined,
  work: (fault: HttpFault | undefined) => Promise<Answer>,
): Promise<void> {
  if (fault?.kind === 'http-error') {
    sendJson(res, fault.status, { detail: faultDetail(fault.status) });
    return;
  }
  if (fault?.kind === 'hang') return hang(res);
  const result = await work(fault);
  if (fault?.kind === 'answer-lost') {
    if (fault.status === undefined) return hang(res);
    sendJson(res, fault.status, { detail: faultDetail(fault.status) });
    return;
  }
  if ('bytes' in result) {
    res.writeHead(result.status, {
      'content-type': result.contentType,
      'content-length': result.bytes.length,
    });
    res.end(result.bytes);
    return;
  }
  sendJson(res, result.status, fault ? reshapeBody(fault, result.json) : result.json);
}

function faultDetail(status: number) {
  return status === 429
    ? {
        status: 'too_many_concurrent_requests',
        message: 'Too many concurrent conversations (emulated fault).',
      }
    : {
        status: 'service_unavailable',
        message: 'The service is temporarily unavailable (emulated fault).',
      };
}

/** Holds the request open without a byte of answer until the client gives up (or the emulator stops). */
function hang(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    res.on('close', () => resolve());
  });
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  routes: readonly Route[],
  apiKey: string,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  for (const route of routes) {
    const match = route.method === req.method ? route.pattern.exec(url.pathname) : null;
    if (!match) continue;
    if (!route.open) assertApiKey(req.headers['xi-api-key'], apiKey);
    await route.handle({ req, res, url, id: decodeURIComponent(match[1] ?? '') });
    return;
  }
  // FastAPI's answer to a path it does not serve.
  sendJson(res, 404, { detail: 'Not Found' });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req, jsonLimitBytes);
  try {
    return body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
  } catch {
    throw invalidJson();
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidBody(parsed.error);
  return parsed.data;
}

/** Reads the multipart upload with the platform's own form parser; answers its file's size. */
async function readSpeechUpload(
  req: IncomingMessage,
): Promise<{ bytes: number; languageCode?: string }> {
  const contentType = req.headers['content-type'] ?? '';
  const body = await readBody(req, uploadLimitBytes);
  let form: FormData;
  try {
    form = await new Request('http://emulator.local/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: new Uint8Array(body),
    }).formData();
  } catch {
    throw new ElevenLabsApiError(422, [
      { type: 'multipart', loc: ['body'], msg: 'Expected a multipart/form-data body.' },
    ]);
  }
  const fields = parse(speechToTextForm, {
    model_id: form.get('model_id') ?? undefined,
    language_code: form.get('language_code') ?? undefined,
  });
  const file = form.get('file');
  if (!(file instanceof Blob) || file.size === 0) {
    throw new ElevenLabsApiError(422, [
      { type: 'missing', loc: ['body', 'file'], msg: 'An audio file is required.' },
    ]);
  }
  return {
    bytes: file.size,
    ...(fields.language_code ? { languageCode: fields.language_code } : {}),
  };
}

/** The script language of an ISO 639-1 or 639-3 code (`spa` → `es`); English otherwise. */
function scriptLanguageFor(code: string | undefined): ScriptLanguage {
  const known = languages.find((language) => language.speechToText === code);
  const short = known?.code ?? code;
  return isScriptLanguage(short) ? short : 'en';
}

function toApiError(error: unknown): ElevenLabsApiError {
  if (error instanceof ElevenLabsApiError) return error;
  if (error instanceof PayloadTooLargeError) {
    return new ElevenLabsApiError(413, { status: 'payload_too_large', message: error.message });
  }
  if (error instanceof URIError) {
    return new ElevenLabsApiError(404, { status: 'not_found', message: 'Malformed path.' });
  }
  console.error('[elevenlabs] internal error:', error);
  return new ElevenLabsApiError(500, {
    status: 'internal_error',
    message: 'The local ElevenLabs emulator failed; see its log.',
  });
}
