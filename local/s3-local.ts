import { mkdir } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import S3rver from 's3rver';
import { assertPortFree } from './ports.ts';
import { secretFor } from './s3-auth/credentials.ts';
import { s3AuthMiddleware } from './s3-auth/middleware.ts';
import { createS3FaultQueue, type KoaMiddleware, s3FaultMiddleware } from './s3-faults.ts';

/**
 * CORS as the CDK buckets have it: the site's origin may POST voice notes (presigned form) and
 * GET recordings (presigned links) straight from the browser.
 */
const corsRule = { methods: ['GET', 'HEAD', 'POST'], maxAgeSeconds: 3000 } as const;

function corsFor(origin: string): string {
  return `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>${origin}</AllowedOrigin>
${corsRule.methods.map((method) => `    <AllowedMethod>${method}</AllowedMethod>`).join('\n')}
    <AllowedHeader>*</AllowedHeader>
    <MaxAgeSeconds>${corsRule.maxAgeSeconds}</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;
}

/**
 * The headers s3rver's CORS layer adds to an answer for a request the rule allows, so a faulted
 * answer reaches the browser's code as S3's error rather than as a CORS failure.
 */
function corsHeadersFor(siteOrigin: string) {
  return (req: IncomingMessage): Record<string, string> => {
    const allowed = (corsRule.methods as readonly string[]).includes(req.method ?? '');
    if (req.headers.origin !== siteOrigin || !allowed) return {};
    return {
      'access-control-allow-origin': siteOrigin,
      'access-control-max-age': String(corsRule.maxAgeSeconds),
      'access-control-allow-credentials': 'true',
      vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
    };
  };
}

/** The longest browser POST upload the local S3 reads (S3's own limit is 5 GB). */
const maxPostBytes = 64 * 1024 * 1024;

/**
 * s3rver, with the fault control in front and then S3's authentication (`./s3-auth/`): SigV4
 * signatures, presigned-link expiry and browser POST policies are enforced as S3 enforces them,
 * which s3rver alone does not. `close()` first ends every request a `hang` fault holds, so
 * stopping never waits for a client that has no timeout.
 */
class FaultableS3rver extends S3rver {
  private readonly stopping = new AbortController();

  constructor(options: ConstructorParameters<typeof S3rver>[0], siteOrigin: string) {
    super(options);
    // s3rver is a Koa app whose constructor registers its middleware; Koa composes the list
    // when the server starts listening, so a middleware put first now runs before all of them.
    const stack = (this as unknown as { middleware?: unknown }).middleware;
    if (!Array.isArray(stack)) {
      throw new Error(
        's3rver no longer exposes its Koa middleware list; the S3 fault control needs it.',
      );
    }
    const corsHeaders = corsHeadersFor(siteOrigin);
    const faults: KoaMiddleware = s3FaultMiddleware({
      faults: createS3FaultQueue(),
      corsHeaders,
      released: this.stopping.signal,
    });
    const authentication: KoaMiddleware = s3AuthMiddleware({
      secretFor,
      corsHeaders,
      maxPostBytes,
    });
    stack.unshift(faults, authentication);
  }

  override close(): Promise<void>;
  override close(callback: (error?: Error) => void): this;
  override close(callback?: (error?: Error) => void): Promise<void> | this {
    this.stopping.abort();
    return callback ? super.close(callback) : super.close();
  }
}

/**
 * Starts s3rver on 127.0.0.1 with the given buckets, storing objects under `directory`, with
 * the fault control (`/_local/faults`, see `./s3-faults.ts`) on the same port.
 */
export async function startS3Local(
  port: number,
  directory: string,
  buckets: readonly string[],
  siteOrigin: string,
): Promise<S3rver> {
  await assertPortFree(port, 'The local S3 server');
  await mkdir(directory, { recursive: true });
  const server = new FaultableS3rver(
    {
      address: '127.0.0.1',
      port,
      directory,
      silent: true,
      configureBuckets: buckets.map((name) => ({ name, configs: [corsFor(siteOrigin)] })),
    },
    siteOrigin,
  );
  await server.run();
  return server;
}
