import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { z } from 'zod';
import { PayloadTooLargeError, readBody, sendJson } from '../http-util.ts';
import { type AgentRegistry, agentView } from './agents.ts';
import { assertApiKey } from './auth.ts';
import type { OutboundCalls } from './calls.ts';
import { conversationView } from './conversation.ts';
import { ElevenLabsApiError, invalidBody, invalidJson } from './errors.ts';
import {
  createAgentRequest,
  outboundCallRequest,
  speechToTextForm,
  updateAgentRequest,
} from './requests.ts';

export interface ElevenLabsServerOptions {
  readonly apiKey: string;
  readonly calls: OutboundCalls;
  readonly agents: AgentRegistry;
  /** Saves the state; runs after every request that changed it. */
  readonly commit: () => Promise<void>;
}

interface RouteCall {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly id: string;
}

interface Route {
  readonly method: 'GET' | 'POST' | 'PATCH';
  readonly pattern: RegExp;
  readonly handle: (call: RouteCall) => Promise<void>;
}

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

function createRoutes({ calls, agents, commit }: ElevenLabsServerOptions): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/v1\/convai\/twilio\/outbound-call$/,
      handle: async ({ req, res }) => {
        const request = parse(outboundCallRequest, await readJson(req));
        const conversation = calls.place(request);
        await commit();
        sendJson(res, 200, {
          success: true,
          message: 'Success',
          conversation_id: conversation.conversation_id,
          // camelCase here, unlike everything else: as ElevenLabs answers.
          callSid: conversation.call_sid,
        });
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/convai\/conversations\/([^/]+)$/,
      handle: async ({ res, id }) => {
        sendJson(res, 200, conversationView(calls.conversation(id)));
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/convai\/conversations\/([^/]+)\/audio$/,
      handle: async ({ res, id }) => {
        const mp3 = await calls.recording(id);
        res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': mp3.length });
        res.end(mp3);
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/speech-to-text$/,
      handle: async ({ req, res }) => {
        const { bytes } = await readSpeechUpload(req);
        sendJson(res, 200, {
          language_code: 'en',
          language_probability: 1,
          // The emulator cannot listen; it says so in the text, so nobody mistakes it.
          text: `[Emulated transcript of a ${bytes}-byte voice note] She loves drawing reindeer, building snowmen and helping her little brother.`,
          words: [],
        });
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
  ];
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  routes: readonly Route[],
  apiKey: string,
): Promise<void> {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  for (const route of routes) {
    const match = route.method === req.method ? route.pattern.exec(pathname) : null;
    if (!match) continue;
    assertApiKey(req.headers['xi-api-key'], apiKey);
    await route.handle({ req, res, id: decodeURIComponent(match[1] ?? '') });
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
async function readSpeechUpload(req: IncomingMessage): Promise<{ bytes: number }> {
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
  parse(speechToTextForm, { model_id: form.get('model_id') ?? undefined });
  const file = form.get('file');
  if (!(file instanceof Blob) || file.size === 0) {
    throw new ElevenLabsApiError(422, [
      { type: 'missing', loc: ['body', 'file'], msg: 'An audio file is required.' },
    ]);
  }
  return { bytes: file.size };
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
