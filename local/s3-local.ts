import { mkdir } from 'node:fs/promises';
import S3rver from 's3rver';
import { assertPortFree } from './ports.ts';

/** Starts s3rver on 127.0.0.1 with the given buckets, storing objects under `directory`. */
export async function startS3Local(
  port: number,
  directory: string,
  buckets: readonly string[],
): Promise<S3rver> {
  await assertPortFree(port, 'The local S3 server');
  await mkdir(directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    directory,
    silent: true,
    configureBuckets: buckets.map((name) => ({ name, configs: [] })),
  });
  await server.run();
  return server;
}
