import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { voiceNoteMaxBytes } from '../schemas/voice-note-request.ts';
import { bucketName, s3 } from './s3-client.ts';

export { voiceNoteMaxBytes };

/** How long an upload form stays valid, seconds. */
const uploadSeconds = 600;

export interface VoiceNoteUploadForm {
  readonly url: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly expiresAt: Date;
}

/**
 * A presigned POST the browser uploads one voice note with, straight to the private bucket:
 * S3 enforces the content type and the size, and the form expires in ten minutes.
 */
export async function voiceNoteUploadForm(
  key: string,
  contentType: string,
): Promise<VoiceNoteUploadForm> {
  const post = await createPresignedPost(s3, {
    Bucket: bucketName('voiceNotes'),
    Key: key,
    Conditions: [
      ['content-length-range', 1, voiceNoteMaxBytes],
      ['eq', '$Content-Type', contentType],
    ],
    Fields: { 'Content-Type': contentType },
    Expires: uploadSeconds,
  });
  return {
    url: post.url,
    fields: post.fields,
    expiresAt: new Date(Date.now() + uploadSeconds * 1000),
  };
}

/** True when the voice note was uploaded; S3's other errors are thrown. */
export async function voiceNoteExists(key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucketName('voiceNotes'), Key: key }));
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'NotFound') return false;
    throw error;
  }
}

/** The voice note's audio and its content type (for speech-to-text). */
export async function readVoiceNote(key: string): Promise<{ audio: Buffer; contentType: string }> {
  const object = await s3.send(
    new GetObjectCommand({ Bucket: bucketName('voiceNotes'), Key: key }),
  );
  return {
    audio: Buffer.from((await object.Body?.transformToByteArray()) ?? new Uint8Array()),
    contentType: object.ContentType ?? 'audio/webm',
  };
}

/** Deletes the voice note; deleting one already gone is fine (S3 answers the same). */
export async function deleteVoiceNote(key: string): Promise<void> {
  await s3.send(new DeleteObjectCommand({ Bucket: bucketName('voiceNotes'), Key: key }));
}
