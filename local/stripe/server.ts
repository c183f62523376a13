import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { PayloadTooLargeError, parseJsonBody, readBody, sendJson } from '../http-util.ts';
import { assertClientSecret, authenticate, type KeyKind, publishableKeyRefused } from './auth.ts';
import { invalidRequest, permissionError, StripeApiError } from './errors.ts';
import { expandFields } from './expand.ts';
import {
  type ApiFault,
  type FaultQueue,
  faultRequestSchema,
  type SignedPost,
  type StripeOperation,
  signedPostSchema,
} from './faults.ts';
import { parseStripeForm } from './form-encoding.ts';
import type { IdempotencyKeys } from './idempotency.ts';
import { stripeId } from './ids.ts';
import type { StripeLedger } from './ledger.ts';
import { emulatorApiVersion, type RequestContext } from './objects.ts';
import { Params } from './params.ts';
import {
  readCancelPaymentIntent,
  readConfirmPaymentIntent,
  readCreatePaymentIntent,
  readCreateRefund,
  readRetrieve,
  readRetrievePaymentIntent,
  readUpdatePaymentIntent,
} from './requests.ts';
import type { EmulatorEvent } from './store.ts';

export interface StripeServerOptions {
  readonly ledger: StripeLedger;
  readonly idempotency: IdempotencyKeys;
  /** Saves the state and sends the events just raised; runs after every POST. */
  readonly commit: () => Promise<void>;
  /** Delivers a stored event again (emulator only). */
  readonly resend: (eventId: string) => EmulatorEvent;
  /** Faults queued by tests through `/_emulator/faults`. */
  readonly faults: FaultQueue;
  /** Signs an arbitrary body and posts it to the webhook URL once (emulator only). */
  readonly postSigned: (post: SignedPost) => Promise<{ status: number; body: string }>;
}

interface RouteCall {
  readonly id: string;
  readonly params: Params;
  readonly keyKind: KeyKind;
  readonly context: RequestContext;
}

interface Route {
  readonly method: 'GET' | 'POST';
  readonly pattern: RegExp;
  /** A publishable key may call it, with the payment intent's client secret. */
  readonly publishable?: boolean;
  /** What faults aimed at this operation apply to; emulator-only routes have none. */
  readonly operation?: StripeOperation;
  readonly handle: (call: RouteCall) => unknown;
}

const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'Request-Id, Idempotency-Key, Idempotent-Replayed',
};

/**
 * The Stripe API subset CallSanta uses, over HTTP on Stripe's wire format: form-encoded
 * requests with bracket keys, JSON answers, Stripe's error bodies and status codes, API keys,
 * and Idempotency-Key replays. Browsers may call it too (CORS), as they call api.stripe.com.
 */
export function createStripeServer(options: StripeServerOptions): Server {
  const routes = createRoutes(options);
  return createServer((req, res) => {
    const requestId = stripeId('req');
    handle(req, res, requestId, routes, options).catch((error: unknown) => {
      const failure = toStripeError(error);
      if (res.headersSent) {
        res.end();
        return;
      }
      sendJson(res, failure.statusCode, { error: failure.body }, baseHeaders(requestId));
    });
  });
}

function createRoutes({ ledger, resend }: StripeServerOptions): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/v1\/payment_intents$/,
      operation: 'payment_intents.create',
      handle: ({ params }) => ledger.createPaymentIntent(readCreatePaymentIntent(params)),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/payment_intents\/([^/]+)$/,
      publishable: true,
      operation: 'payment_intents.retrieve',
      handle: ({ id, params, keyKind }) => {
        const { clientSecret } = readRetrievePaymentIntent(params);
        const intent = ledger.paymentIntent(id);
        assertClientSecret(intent, clientSecret, keyKind);
        return intent;
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/payment_intents\/([^/]+)$/,
      operation: 'payment_intents.update',
      handle: ({ id, params }) => ledger.updatePaymentIntent(id, readUpdatePaymentIntent(params)),
    },
    {
      method: 'POST',
      pattern: /^\/v1\/payment_intents\/([^/]+)\/confirm$/,
      publishable: true,
      operation: 'payment_intents.confirm',
      handle: ({ id, params, keyKind, context }) => {
        const input = readConfirmPaymentIntent(params);
        assertClientSecret(ledger.paymentIntent(id), input.clientSecret, keyKind);
        return ledger.confirmPaymentIntent(id, input, context);
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/payment_intents\/([^/]+)\/cancel$/,
      operation: 'payment_intents.cancel',
      handle: ({ id, params, context }) =>
        ledger.cancelPaymentIntent(id, readCancelPaymentIntent(params), context),
    },
    {
      method: 'POST',
      pattern: /^\/v1\/refunds$/,
      operation: 'refunds.create',
      handle: ({ params, context }) => ledger.createRefund(readCreateRefund(params), context),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/refunds\/([^/]+)$/,
      operation: 'refunds.retrieve',
      handle: retrieval((id) => ledger.refund(id)),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/charges\/([^/]+)$/,
      operation: 'charges.retrieve',
      handle: retrieval((id) => ledger.charge(id)),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/events\/([^/]+)$/,
      operation: 'events.retrieve',
      handle: retrieval((id) => ledger.event(id)),
    },
    {
      method: 'POST',
      pattern: /^\/_emulator\/events\/([^/]+)\/resend$/,
      handle: retrieval((id) => resend(id)),
    },
  ];
}

/** A route that takes no parameters but `expand` and answers with the object it looks up. */
function retrieval(lookup: (id: string) => unknown): Route['handle'] {
  return ({ id, params }) => {
    readRetrieve(params);
    return lookup(id);
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  routes: readonly Route[],
  options: StripeServerOptions,
): Promise<void> {
  const { ledger, idempotency, commit } = options;
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      ...corsHeaders,
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers':
        'Authorization, Content-Type, Idempotency-Key, Stripe-Version, Stripe-Account',
      'access-control-max-age': '600',
    });
    res.end();
    return;
  }
  const keyKind = authenticate(req.headers.authorization);
  if (url.pathname === '/_emulator/faults' || url.pathname === '/_emulator/webhooks') {
    if (keyKind !== 'secret') throw permissionError(publishableKeyRefused);
    await handleControl(req, res, url.pathname, requestId, options);
    return;
  }
  const { route, id } = findRoute(routes, req.method ?? 'GET', url.pathname);
  if (keyKind === 'publishable' && !route.publishable) throw permissionError(publishableKeyRefused);

  const body = route.method === 'POST' ? await readForm(req) : '';
  const fault = route.operation ? options.faults.takeApiFault(route.operation) : undefined;
  if (fault) {
    await answerWithFault(fault, res, requestId);
    return;
  }
  const form = parseStripeForm([url.search.slice(1), body].filter(Boolean).join('&'));
  const params = new Params(form);
  const expand = params.stringList('expand') ?? [];

  const idempotencyKey = route.method === 'POST' ? header(req, 'idempotency-key') : undefined;
  const claim = idempotencyKey
    ? idempotency.claim({
        key: idempotencyKey,
        method: route.method,
        path: url.pathname,
        params: form,
      })
    : undefined;
  const keyHeaders: Record<string, string> = idempotencyKey
    ? { 'idempotency-key': idempotencyKey }
    : {};
  if (claim?.kind === 'replay') {
    sendJson(res, claim.record.statusCode, claim.record.body, {
      ...baseHeaders(requestId),
      ...keyHeaders,
      'idempotent-replayed': 'true',
      'original-request': claim.record.requestId,
    });
    return;
  }

  let statusCode = 200;
  let answer: unknown;
  try {
    const context = { requestId, idempotencyKey: idempotencyKey ?? null };
    answer = expandFields(route.handle({ id, params, keyKind, context }), expand, ledger);
  } catch (error) {
    const failure = toStripeError(error);
    statusCode = failure.statusCode;
    answer = { error: failure.body };
  }
  claim?.settle({ statusCode, body: answer, requestId });
  if (route.method === 'POST') await commit();
  sendJson(res, statusCode, answer, { ...baseHeaders(requestId), ...keyHeaders });
}

/**
 * The emulator's control endpoints, outside `/v1` (secret key only):
 * `POST /_emulator/faults` queues faults (`{ api?: ApiFault[], webhooks?: WebhookFault[] }`),
 * `GET` lists what is still queued, `DELETE` clears the queues;
 * `POST /_emulator/webhooks` (`{ payload, timestamp?, secret? }`) signs a body and posts it to
 * the webhook URL once, answering `{ status, body }` of the receiver.
 */
async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  requestId: string,
  { faults, postSigned }: StripeServerOptions,
): Promise<void> {
  const headers = baseHeaders(requestId);
  const readJson = async () => {
    try {
      return parseJsonBody(await readBody(req, 1024 * 1024));
    } catch {
      throw invalidRequest('The emulator control endpoints take a JSON body.');
    }
  };
  if (path === '/_emulator/faults' && req.method === 'POST') {
    const parsed = faultRequestSchema.safeParse(await readJson());
    if (!parsed.success) throw invalidRequest(`Invalid faults: ${parsed.error.message}`);
    faults.add(parsed.data);
    sendJson(res, 200, faults.pending(), headers);
    return;
  }
  if (path === '/_emulator/faults' && req.method === 'GET') {
    sendJson(res, 200, faults.pending(), headers);
    return;
  }
  if (path === '/_emulator/faults' && req.method === 'DELETE') {
    faults.clear();
    sendJson(res, 200, faults.pending(), headers);
    return;
  }
  if (path === '/_emulator/webhooks' && req.method === 'POST') {
    const parsed = signedPostSchema.safeParse(await readJson());
    if (!parsed.success) throw invalidRequest(`Invalid signed post: ${parsed.error.message}`);
    sendJson(res, 200, await postSigned(parsed.data), headers);
    return;
  }
  throw new StripeApiError(405, {
    type: 'invalid_request_error',
    message: `${req.method} is not allowed on ${path}.`,
  });
}

/** Answers a request the way the queued fault says, without carrying it out. */
async function answerWithFault(
  fault: ApiFault,
  res: ServerResponse,
  requestId: string,
): Promise<void> {
  const headers = baseHeaders(requestId);
  if (fault.kind === 'server_error') {
    sendJson(
      res,
      500,
      { error: { type: 'api_error', message: 'An unknown error occurred (emulated fault).' } },
      headers,
    );
    return;
  }
  if (fault.kind === 'rate_limited') {
    sendJson(
      res,
      429,
      {
        error: {
          type: 'invalid_request_error',
          code: 'rate_limit',
          message:
            'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests (emulated fault).',
          doc_url: 'https://stripe.com/docs/error-codes/rate-limit',
        },
      },
      headers,
    );
    return;
  }
  // A hang: say nothing until the client gives up (or the time runs out), then hang up.
  const gaveUp = new AbortController();
  res.once('close', () => gaveUp.abort());
  await sleep(fault.hangMs ?? 60_000, undefined, { signal: gaveUp.signal }).catch(() => undefined);
  res.destroy();
}

function findRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): { route: Route; id: string } {
  for (const route of routes) {
    const match = route.method === method ? route.pattern.exec(path) : null;
    const id = match ? decodePathSegment(match[1] ?? '') : undefined;
    if (id !== undefined) return { route, id };
  }
  throw new StripeApiError(404, {
    type: 'invalid_request_error',
    message: `Unrecognized request URL (${method}: ${path}). The local Stripe emulator serves PaymentIntents (create, retrieve, confirm, cancel), refunds, charges and events.`,
  });
}

function decodePathSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

async function readForm(req: IncomingMessage): Promise<string> {
  const body = (await readBody(req, 256 * 1024)).toString('utf8');
  if (body && /json/i.test(req.headers['content-type'] ?? '')) {
    throw invalidRequest(
      'Invalid request: the Stripe API takes application/x-www-form-urlencoded bodies, not JSON.',
    );
  }
  return body;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) || undefined;
}

function baseHeaders(requestId: string): Record<string, string> {
  return { ...corsHeaders, 'request-id': requestId, 'stripe-version': emulatorApiVersion };
}

function toStripeError(error: unknown): StripeApiError {
  if (error instanceof StripeApiError) return error;
  if (error instanceof PayloadTooLargeError) return invalidRequest(error.message);
  console.error('[stripe] internal error:', error);
  return new StripeApiError(500, {
    type: 'api_error',
    message: 'The local Stripe emulator failed; see its log.',
  });
}
