import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { z } from 'zod';
import { localRenderRequestSchema } from '../../functions/schemas/local-render-service.ts';
import { PayloadTooLargeError, readBody, sendJson } from '../http-util.ts';
import { type RemotionFaults, remotionFaultRequestSchema } from './faults.ts';
import type { RenderService } from './render-service.ts';

/** A render request carries one peak per frame: 30 minutes at 60 fps is ~108,000 numbers. */
const maxBodyBytes = 4 * 1024 * 1024;

/**
 * The local render service's HTTP face (protocol in functions/schemas/local-render-service.ts):
 * - `POST /renders` → 202 `{ renderId }`; 400 `{ error }` for a request or props it refuses.
 * - `GET /renders/{renderId}` → 200 `{ renderId, status, fraction }`; 404 unknown.
 * - `POST /_emulator/remotion/faults` `{ kind: 'error' | 'timeout', times? }` → 201 the fault;
 *   `GET` lists the queued faults, `DELETE` forgets them.
 */
export function createRemotionServer(service: RenderService, faults: RemotionFaults): Server {
  return createServer((req, res) => {
    route(req, res, service, faults).catch((error: unknown) => {
      if (res.headersSent) {
        res.end();
        return;
      }
      if (error instanceof PayloadTooLargeError) {
        sendJson(res, 413, { error: error.message });
      } else if (error instanceof z.ZodError) {
        sendJson(res, 400, { error: z.prettifyError(error) });
      } else if (error instanceof SyntaxError) {
        sendJson(res, 400, { error: 'The body is not JSON.' });
      } else {
        console.error('[remotion] request failed', error);
        sendJson(res, 500, { error: 'The local render service failed.' });
      }
    });
  });
}

async function route(
  req: IncomingMessage,
  res: ServerResponse,
  service: RenderService,
  faults: RemotionFaults,
): Promise<void> {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  if (pathname === '/renders' && method === 'POST') {
    const request = localRenderRequestSchema.parse(await readJson(req));
    sendJson(res, 202, await service.start(request));
    return;
  }
  const render = /^\/renders\/([^/]+)$/.exec(pathname);
  if (render?.[1] && method === 'GET') {
    const state = service.state(decodeURIComponent(render[1]));
    if (state) sendJson(res, 200, state);
    else sendJson(res, 404, { error: 'No such render.' });
    return;
  }
  if (pathname === '/_emulator/remotion/faults') {
    if (method === 'POST') {
      sendJson(res, 201, faults.add(remotionFaultRequestSchema.parse(await readJson(req))));
      return;
    }
    if (method === 'GET') {
      sendJson(res, 200, { faults: faults.list() });
      return;
    }
    if (method === 'DELETE') {
      faults.clear();
      sendJson(res, 200, { faults: [] });
      return;
    }
  }
  sendJson(res, 404, { error: `No route for ${method} ${pathname}.` });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req, maxBodyBytes);
  return JSON.parse(body.toString('utf8'));
}
