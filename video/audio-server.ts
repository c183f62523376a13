import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback HTTP server handing out one audio file, for renders of a local MP3. */
export interface ServedAudio {
  /** http://127.0.0.1:<port>/call.mp3 */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves the MP3 at `path` on 127.0.0.1 (a free port) so Chromium and the renderer can fetch
 * it like the presigned S3 URL they get in production. Answers GET/HEAD with the whole file
 * (with byte-range support for media elements); any other path is 404.
 */
export async function serveAudioFile(path: string): Promise<ServedAudio> {
  const bytes = await readFile(path);
  const server = createServer((request, response) => {
    if (!request.url?.startsWith('/call.mp3')) {
      response.writeHead(404).end();
      return;
    }
    const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    const end = range?.[2] ? Math.min(Number(range[2]), bytes.length - 1) : bytes.length - 1;
    const headers = {
      'content-type': 'audio/mpeg',
      'accept-ranges': 'bytes',
      'access-control-allow-origin': '*',
      'content-length': String(end - start + 1),
    };
    if (range) {
      response.writeHead(206, {
        ...headers,
        'content-range': `bytes ${start}-${end}/${bytes.length}`,
      });
    } else {
      response.writeHead(200, headers);
    }
    response.end(request.method === 'HEAD' ? undefined : bytes.subarray(start, end + 1));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/call.mp3`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
