import { DeleteObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { bucketName, s3, signedGetUrl } from './s3-client.ts';

/** A short-lived private link to a rendered video in the videos bucket (see `signedGetUrl`). */
export function signedVideoUrl(
  key: string,
  expiresInSeconds: number,
  disposition?: string,
): Promise<string> {
  return signedGetUrl('videos', key, expiresInSeconds, disposition);
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
