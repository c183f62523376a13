/**
 * The one key pair the local S3 knows: the pair the local cloud gives every handler
 * (`local/handler-environment.ts`) and the Remotion emulator, and s3rver's own default account.
 * A request signed with any other access key is refused with `InvalidAccessKeyId`.
 */
export const localS3Credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/** The secret for an access key id, or undefined for a key the local S3 does not know. */
export function secretFor(accessKeyId: string): string | undefined {
  return accessKeyId === localS3Credentials.accessKeyId
    ? localS3Credentials.secretAccessKey
    : undefined;
}
