import { firstName } from './format.ts';

/**
 * A download's file name for a child's call: `santa-call-emma.mp4`. ASCII letters, digits and
 * dashes only (accents folded, anything else dropped), so it is safe in a quoted
 * `Content-Disposition` header; `santa-call.<ext>` when nothing of the name is left.
 */
export function downloadFileName(childName: string | undefined, extension: 'mp4' | 'mp3'): string {
  const slug = firstName(childName ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return slug ? `santa-call-${slug}.${extension}` : `santa-call.${extension}`;
}

/** The `Content-Disposition` a presigned download link asks S3 to answer with. */
export function attachmentDisposition(fileName: string): string {
  return `attachment; filename="${fileName}"`;
}
