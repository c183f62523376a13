import { HeadObjectCommand, NotFound } from '@aws-sdk/client-s3';
import { createS3Client } from '../adapters/s3-client.ts';
import { requireEnv } from '../config/env.ts';
import { ValidationError } from '../core/errors.ts';
import { envNames } from '../resources.ts';

const s3 = createS3Client();

/** A booking may name a voice note only once it is really uploaded. */
export async function assertVoiceNoteUploaded(key: string): Promise<void> {
  try {
    await s3.send(
      new HeadObjectCommand({ Bucket: requireEnv(envNames.buckets.voiceNotes), Key: key }),
    );
  } catch (error) {
    if (error instanceof NotFound || (error instanceof Error && error.name === 'NotFound')) {
      throw new ValidationError('The voice note was not uploaded.', {
        voiceNoteKey: 'Upload the voice note first, or leave it out.',
      });
    }
    throw error;
  }
}
