import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { bucketName, s3 } from './s3-client.ts';

/**
 * A short-lived private link (presigned GET) to a rendered video in the videos bucket
 * (`VIDEOS_BUCKET`), optionally served as a file download (`response-content-disposition`).
 * Links live minutes, not days: pages fetch fresh ones on each visit.
 */
export function signedVideoUrl(
  key: string,
  expiresInSeconds: number,
  disposition?: string,
): Promise<string> {
  return getSignedUrl(
    s3,
    new GetObjectCommand({
      Bucket: bucketName('videos'),
      Key: key,
      ...(disposition ? { ResponseContentDisposition: disposition } : {}),
    }),
    { expiresIn: expiresInSeconds },
  );
}

/** Deletes a rendered video (the parent erased the child's data); an object already gone is fine. */
export async function deleteVideo(key: string): Promise<void> {
  await s3.send(new DeleteObjectCommand({ Bucket: bucketName('videos'), Key: key }));
}

/**
 * Whether a rendered video is in the videos bucket (HeadObject): a renderer's "success" is
 * believed only when the file it claims to have written is there.
 * @throws S3 errors other than not-found
 */
export async function videoExists(key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucketName('videos'), Key: key }));
    return true;
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (error instanceof Error && (error.name === 'NotFound' || status === 404)) return false;
    throw error;
  }
}
