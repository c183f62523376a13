import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { permissionsPolicy } from '../functions/config/permissions-policy.ts';
import { maxBodyBytesOf } from '../functions/core/route-limits.ts';
import { type RouteDefinition, routeKey } from '../functions/routes.ts';
import {
  decodePathSegment,
  fromHandlerResult,
  matchRoute,
  toApiGatewayEvent,
} from './api-gateway-event.ts';
import { answerClientError, PayloadTooLargeError, readBody, sendJson } from './http-util.ts';
import type { LocalLambdaRuntime } from './lambda-runtime.ts';
import type { Outbox } from './ses/outbox.ts';
import { renderOutboxPage } from './ses/outbox-page.ts';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.mp3': 'audio/mpeg',
};

export interface ApiServerOptions {
  readonly routes: readonly RouteDefinition[];
  readonly lambda: LocalLambdaRuntime;
  readonly outbox: Outbox;
  /** The built static site (Vite's output). */
  readonly siteDir: string;
  /**
   * Stands in for IAM: routes with `authorization: 'iam'` need it in `x-callsanta-admin-key`.
   * Without one they are always refused.
   */
  readonly adminKey?: string;
  /**
   * Files served as `/media/*` (the call sample `npm run agent:sync` uploads to the site bucket
   * in AWS; made at local start here): a missing one is a 404, never the SPA shell.
   */
  readonly mediaDir?: string;
  /**
   * Makes a `/media/*` file on its first request (the call sample: text-to-speech takes a few
   * seconds of CPU, which a local cloud started for a test that never plays it should not pay).
   */
  readonly prepareMedia?: (name: string) => Promise<void>;
  /** The site's runtime configuration, served as `/config.json` (written at deploy in AWS). */
  readonly siteConfig?: Readonly<Record<string, unknown>>;
}

/**
 * What API Gateway and CloudFront are in AWS, on one local port: `/api/*` from the shared route
 * table, each handler called with an HTTP API (v2) event; the static site with SPA fallback;
 * and `/_local/outbox`, the emails the local SES accepted.
 */
export function createApiServer(options: ApiServerOptions): Server {
  const server = createServer((req, res) => {
    handle(options, req, res).catch((error: unknown) => {
      console.error('[api] request failed:', error instanceof Error ? error.name : error);
      if (!res.headersSent) {
        sendJson(res, 500, {
          error: { code: 'internal_error', message: 'The local API server failed.' },
        });
      } else res.end();
    });
  });
  // A request line or headers Node cannot take (over 16 KB, not HTTP): still a JSON error.
  server.on('clientError', answerClientError);
  return server;
}

async function handle(options: ApiServerOptions, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
    return handleApi(options, req, res, url);
  }
  if (url.pathname === '/config.json' && options.siteConfig) {
    return sendJson(res, 200, options.siteConfig, { 'cache-control': 'no-store' });
  }
  if (url.pathname === '/_local/outbox') {
    const messages = await options.outbox.list();
    if (url.searchParams.get('format') === 'json') {
      return sendJson(
        res,
        200,
        messages.map(({ to, from, replyTo, subject, text, html, sentAt, attachments }) => ({
          to,
          from,
          replyTo,
          subject,
          text,
          html,
          sentAt,
          // What was attached, not the files (they are in the outbox folder's JSON).
          ...(attachments
            ? {
                attachments: attachments.map(({ filename, contentType, size }) => ({
                  filename,
                  contentType,
                  size,
                })),
              }
            : {}),
        })),
      );
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    return res.end(renderOutboxPage(messages));
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' });
    return res.end();
  }
  if (options.mediaDir && url.pathname.startsWith('/media/')) {
    const name = url.pathname.slice('/media/'.length);
    await options.prepareMedia?.(name).catch((error: unknown) => {
      console.error(
        `[api] /media/${name} could not be made: ${error instanceof Error ? error.message : error}`,
      );
    });
    return serveMedia(options.mediaDir, name, req, res);
  }
  return serveSite(options.siteDir, url.pathname, req, res);
}

async function serveMedia(
  mediaDir: string,
  name: string,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const root = resolve(mediaDir);
  const file = normalize(join(root, decodePathSegment(name)));
  if (!file.startsWith(`${root}/`) || !(await isFile(file))) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    return res.end('Not found.\n');
  }
  const bytes = await readFile(file);
  res.writeHead(200, {
    'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'content-length': bytes.length,
    'cache-control': 'public, max-age=3600',
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

async function handleApi(
  options: ApiServerOptions,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) {
  const method = req.method ?? 'GET';
  const matched = matchRoute(options.routes, method, url.pathname);
  if (!matched) {
    const pathExists = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].some((other) =>
      matchRoute(options.routes, other, url.pathname),
    );
    return sendJson(res, pathExists ? 405 : 404, {
      error: pathExists
        ? { code: 'method_not_allowed', message: `${method} is not allowed on ${url.pathname}.` }
        : { code: 'not_found', message: `There is no API route ${method} ${url.pathname}.` },
    });
  }
  // API Gateway refuses an unsigned request before any Lambda runs, in these words.
  if (matched.route.authorization === 'iam' && !hasAdminKey(req, options.adminKey)) {
    return sendJson(res, 403, { message: 'Forbidden' });
  }
  let body: Buffer;
  // The route's own limit (functions/core/route-limits.ts), in the handlers' error shape.
  const limitBytes = maxBodyBytesOf(routeKey(matched.route));
  try {
    body = await readBody(req, limitBytes);
  } catch (error) {
    if (error instanceof PayloadTooLargeError) {
      return sendJson(res, 413, {
        error: {
          code: 'payload_too_large',
          message: `The request body is larger than ${limitBytes} bytes.`,
        },
      });
    }
    throw error;
  }
  const event = toApiGatewayEvent(
    {
      method,
      url: req.url ?? '/',
      headers: req.headers,
      body,
      sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
    },
    matched,
  );
  const result = (await options.lambda.invoke(matched.route.function, event)) as
    | APIGatewayProxyResultV2
    | undefined;
  const reply = fromHandlerResult(result);
  res.writeHead(reply.statusCode, reply.headers);
  res.end(reply.body);
}

/** Compares digests so the time taken says nothing about how much of the key matched. */
function hasAdminKey(req: IncomingMessage, adminKey: string | undefined): boolean {
  const given = req.headers['x-callsanta-admin-key'];
  if (adminKey === undefined || typeof given !== 'string') return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(adminKey));
}

async function serveSite(
  siteDir: string,
  pathname: string,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const root = resolve(siteDir);
  // An undecodable path names no file: it gets the SPA shell, not a server failure.
  const requested = normalize(join(root, decodePathSegment(pathname)));
  const insideRoot = requested.startsWith(root);
  const file = insideRoot && (await isFile(requested)) ? requested : join(root, 'index.html');
  if (!(await isFile(file))) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    return res.end(
      'The site is not built yet: run `npm run build:site` (npm start does it for you).\n',
    );
  }
  const isAsset = file !== join(root, 'index.html');
  res.writeHead(200, {
    'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    // The same policy CloudFront sends, so wallets and the microphone behave alike locally.
    'permissions-policy': permissionsPolicy,
    // Vite fingerprints assets; the HTML shell must always be fresh (SPA routing).
    'cache-control':
      isAsset && file.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') return res.end();
  res.end(await readFile(file));
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
}
