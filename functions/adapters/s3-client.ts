import { GetObjectCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { requireEnv } from '../config/env.ts';
import { traced } from '../config/tracing.ts';
import { type BucketId, envNames } from '../resources.ts';

/**
 * An S3 client configured from the environment. Path-style addressing is opt-in because local
 * S3 servers answer on one host name; AWS takes either style.
 */
export function createS3Client(env: NodeJS.ProcessEnv = process.env): S3Client {
  return traced(new S3Client({ forcePathStyle: env[envNames.s3ForcePathStyle] === 'true' }));
}

/** The one S3 client of a container; every S3 adapter uses it. */
export const s3 = createS3Client();

/** The name of one of our buckets, from the function's environment. */
export function bucketName(id: BucketId): string {
  return requireEnv(envNames.buckets[id]);
}

/** Proves a bucket answers without reading anything in it (the health check). */
export async function probeBucket(id: BucketId): Promise<void> {
  await s3.send(new HeadBucketCommand({ Bucket: bucketName(id) }));
}

/**
 * A short-lived private link (presigned GET) to an object in one of our buckets, optionally
 * served as a file download (`response-content-disposition`). Links live minutes, not days: a
 * forwarded page stops working soon after, and pages fetch fresh ones on each visit.
 */
export function signedGetUrl(
  id: BucketId,
  key: string,
  expiresInSeconds: number,
  disposition?: string,
): Promise<string> {
  return getSignedUrl(
    s3,
    new GetObjectCommand({
      Bucket: bucketName(id),
      Key: key,
      ...(disposition ? { ResponseContentDisposition: disposition } : {}),
    }),
    { expiresIn: expiresInSeconds },
  );
}
