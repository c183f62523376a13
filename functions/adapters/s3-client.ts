import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { requireEnv } from '../config/env.ts';
import { type BucketId, envNames } from '../resources.ts';

/**
 * An S3 client configured from the environment. Path-style addressing is opt-in because local
 * S3 servers answer on one host name; AWS takes either style.
 */
export function createS3Client(env: NodeJS.ProcessEnv = process.env): S3Client {
  return new S3Client({ forcePathStyle: env[envNames.s3ForcePathStyle] === 'true' });
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
