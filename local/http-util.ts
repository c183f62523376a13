import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

export class PayloadTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`Request body is larger than ${limitBytes} bytes.`);
    this.name = 'PayloadTooLargeError';
  }
}

/**
 * How much of a body past its limit is still read (and dropped) before the connection is cut:
 * enough for any body API Gateway itself would take in (10 MB), so the client finishes sending
 * and reads our 413 on a connection that stays usable.
 */
const drainBytes = 16 * 1024 * 1024;

/**
 * Reads a whole request body, refusing more than `limitBytes`.
 *
 * @throws PayloadTooLargeError once the body is read (or `drainBytes` past the limit). Reading
 *   on without keeping is deliberate: leaving the loop early destroys the request, and with it
 *   the keep-alive socket, so the client's next request on it fails with ECONNRESET.
 */
export async function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= limitBytes) chunks.push(buffer);
    else if (size > limitBytes + drainBytes) throw new PayloadTooLargeError(limitBytes);
  }
  if (size > limitBytes) throw new PayloadTooLargeError(limitBytes);
  return Buffer.concat(chunks);
}

export function sendJson(
  res: ServerResponse,
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body);
  res.writeHead(statusCode, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

/** Parses a JSON request body, treating an empty body as `{}` as AWS services do. */
export function parseJsonBody(body: Buffer): unknown {
  return body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
}

/**
 * Answers a request Node could not parse, in the API's error shape (Node's own answer is an
 * empty body): 431 when the request line and headers pass Node's 16 KB limit, 400 for anything
 * else that is not HTTP. A connection already gone is simply closed. For `server.on('clientError')`.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const body = JSON.stringify({
    error: tooLarge
      ? {
          code: 'headers_too_large',
          message: 'The address and headers of the request are too long (16 KB at most).',
        }
      : { code: 'bad_request', message: 'The request is not valid HTTP.' },
  });
  socket.end(
    [
      `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}`,
      'Content-Type: application/json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
  );
}
