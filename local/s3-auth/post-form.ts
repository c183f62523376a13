import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import type { PostUpload } from './post-policy.ts';

/**
 * Reads a browser POST upload (multipart/form-data) whole, up to `maxBytes`: its fields by
 * lower-case name (S3 matches form field names case-insensitively), those before its `file` only
 * (S3 ignores the rest), and the size of that `file`. A field named twice is refused as
 * malformed: s3rver would store the last, so the policy must never see only the first. Parsed
 * by the platform's own form-data reader (undici's `Request.formData`).
 *
 * @returns the raw body too, so the request can be replayed to the store; `tooLarge` with the
 * bytes read when the body is longer than `maxBytes` (the rest is read and dropped), `malformed`
 * when it is not a form with one `file`.
 */
export async function readPostForm(
  req: IncomingMessage,
  maxBytes: number,
): Promise<
  | {
      readonly kind: 'form';
      readonly body: Buffer;
      readonly fields: Map<string, string>;
      readonly fileSize: number;
    }
  | { readonly kind: 'tooLarge'; readonly bytes: number }
  | { readonly kind: 'malformed'; readonly message: string }
> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    bytes += buffer.length;
    // Past the limit the rest is drained, not kept, so the client still gets the answer.
    if (bytes <= maxBytes) chunks.push(buffer);
  }
  if (bytes > maxBytes) return { kind: 'tooLarge', bytes };
  const body = Buffer.concat(chunks);
  let form: FormData;
  try {
    form = await new Request('http://s3.local/', {
      method: 'POST',
      headers: { 'content-type': req.headers['content-type'] ?? '' },
      body,
    }).formData();
  } catch {
    return {
      kind: 'malformed',
      message: 'The body of your POST request is not well-formed multipart/form-data.',
    };
  }
  const fields = new Map<string, string>();
  let fileSize: number | undefined;
  for (const [name, value] of form.entries()) {
    const field = name.toLowerCase();
    if (name === 'file') {
      fileSize = typeof value === 'string' ? Buffer.byteLength(value) : value.size;
      // S3 ignores every field after the file, and so does s3rver: the policy must not see them.
      break;
    }
    // What is checked must be what s3rver stores: s3rver keeps the last of a repeated field
    // and reads `key` and `file` case-sensitively, so a repeated name (in any case) or another
    // spelling of `file` could pass the policy with one value and be stored with another.
    if (field === 'file' || fields.has(field)) {
      return {
        kind: 'malformed',
        message: `The form field ${name} appears more than once; send each field once, the file last.`,
      };
    }
    if (typeof value === 'string') fields.set(field, value);
  }
  if (fileSize === undefined) {
    return { kind: 'malformed', message: 'POST requires exactly one file upload per request.' };
  }
  return { kind: 'form', body, fields, fileSize };
}

/**
 * Makes a fully read request readable again for the next reader: s3rver's POST handler reads
 * the body with `req.pipe(busboy)`, so `pipe` is pointed at a stream of the same bytes.
 */
export function replayBody(req: IncomingMessage, body: Buffer): void {
  Object.defineProperty(req, 'pipe', {
    configurable: true,
    value: <T extends NodeJS.WritableStream>(destination: T): T =>
      new PassThrough().end(body).pipe(destination),
  });
}

export type { PostUpload };
