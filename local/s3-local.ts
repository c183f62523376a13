import { mkdir } from 'node:fs/promises';
import S3rver from 's3rver';
import { assertPortFree } from './ports.ts';

/** Starts s3rver on 127.0.0.1 with the given buckets, storing objects under `directory`. */
/**
 * CORS as the CDK buckets have it: the site's origin may POST voice notes (presigned form) and
 * GET recordings (presigned links) straight from the browser.
 */
function corsFor(origin: string): string {
  return `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>${origin}</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedMethod>POST</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;
}

export async function startS3Local(
  port: number,
  directory: string,
  buckets: readonly string[],
  siteOrigin: string,
): Promise<S3rver> {
  await assertPortFree(port, 'The local S3 server');
  await mkdir(directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    directory,
    silent: true,
    configureBuckets: buckets.map((name) => ({ name, configs: [corsFor(siteOrigin)] })),
  });
  await server.run();
  return server;
}
