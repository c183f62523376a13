import { S3Client } from '@aws-sdk/client-s3';
import { envNames } from '../resources.ts';

/**
 * An S3 client configured from the environment. Path-style addressing is opt-in because local
 * S3 servers answer on one host name; AWS takes either style.
 */
export function createS3Client(env: NodeJS.ProcessEnv = process.env): S3Client {
  return new S3Client({ forcePathStyle: env[envNames.s3ForcePathStyle] === 'true' });
}
