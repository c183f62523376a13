import { Agent, request } from 'node:http';

export interface FuzzRequest {
  readonly method: string;
  /** Path and query exactly as they go on the request line (no re-encoding). */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
}

export interface FuzzAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
}

/** Headers that frame the HTTP message itself: a random value would break the connection, not test the API. */
const framingHeaders = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'expect',
  'upgrade',
  'te',
  'trailer',
  'proxy-connection',
]);

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/**
 * Sends `req` to `baseUrl` with Node's HTTP client, so the path goes out byte for byte (fetch
 * would normalise it). Resolves with the status, Content-Type and raw body.
 */
export function send(baseUrl: string, req: FuzzRequest): Promise<FuzzAnswer> {
  const { hostname, port } = new URL(baseUrl);
  const headers = Object.fromEntries(
    Object.entries(req.headers).filter(([name]) => !framingHeaders.has(name.toLowerCase())),
  );
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        agent,
        hostname,
        port,
        method: req.method,
        path: req.path,
        headers: { ...headers, 'content-length': String(req.body?.length ?? 0) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

/** A request as a short line for a failure message: no body beyond its first bytes. */
export function describeRequest(req: FuzzRequest): string {
  const body = req.body
    ? ` body(${req.body.length} B)=${JSON.stringify(req.body.subarray(0, 160).toString('latin1'))}`
    : '';
  return `${req.method} ${req.path.slice(0, 300)} headers=${JSON.stringify(req.headers).slice(0, 400)}${body}`;
}
