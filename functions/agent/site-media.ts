import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { santaSampleKey } from '../core/santa-sample.ts';

/** The CDK app's stack for a stage (`lib/app.ts`: `CallSanta-<stage>`). */
export const stackNameOf = (stage: string) => `CallSanta-${stage}`;

/**
 * The site bucket's name: `SITE_BUCKET_NAME` when set, else the stack's `SiteBucketName`
 * output (`lib/callsanta-stack.ts`), looked up with the default AWS credentials and region.
 * Undefined when the stack does not exist yet (the first sync runs before the first deploy).
 *
 * @throws an AWS SDK error for anything but a missing stack (no credentials, access denied)
 */
export async function siteBucketName(
  env: NodeJS.ProcessEnv,
  cloudFormation = new CloudFormationClient({}),
): Promise<string | undefined> {
  const given = env.SITE_BUCKET_NAME?.trim();
  if (given) return given;
  const stackName = stackNameOf(env.CALLSANTA_STAGE?.trim() || 'dev');
  try {
    const { Stacks } = await cloudFormation.send(
      new DescribeStacksCommand({ StackName: stackName }),
    );
    return Stacks?.[0]?.Outputs?.find((output) => output.OutputKey === 'SiteBucketName')
      ?.OutputValue;
  } catch (error) {
    if (error instanceof Error && /does not exist/.test(error.message)) return undefined;
    throw error;
  }
}

/**
 * Puts the call sample where the site serves it (`/media/santa-sample.mp3`). Idempotent: the
 * same key is overwritten. The site's deployment leaves `media/*` alone (`lib/site.ts`, prune
 * excludes it), and CloudFront keeps it an hour at most (`cache-control`).
 */
export async function uploadSantaSample(
  bucket: string,
  mp3: Buffer,
  s3 = new S3Client({}),
): Promise<string> {
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: santaSampleKey,
      Body: mp3,
      ContentType: 'audio/mpeg',
      CacheControl: 'public, max-age=3600',
    }),
  );
  return `s3://${bucket}/${santaSampleKey}`;
}
