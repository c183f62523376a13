/**
 * Failures a caller can act on, named by what went wrong — never by an HTTP status: the one
 * mapping to status codes is in `functions/shared/http.ts`. `code` and `message` are part of
 * the API's answer (`{ error: { code, message, fields? } }`).
 */
export type DomainErrorKind =
  /** The request is wrong in a way the caller can fix (a field, a signature, a body). */
  | 'invalid'
  /** The caller could not prove who it is (a webhook's signature). */
  | 'unauthenticated'
  | 'not_found'
  /** The request clashes with the state of things (a full slot, a changed booking). */
  | 'conflict'
  | 'too_large'
  | 'unsupported_media'
  /** A provider we depend on did not answer as it should: trying again later may work. */
  | 'upstream';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly fields?: Readonly<Record<string, string>>,
    /** More the caller can act on, e.g. the nearest free times when a slot is full. */
    readonly extra?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  constructor(message: string, fields?: Readonly<Record<string, string>>) {
    super('invalid', 'validation_failed', message, fields);
  }
}

export class NotFoundError extends DomainError {
  constructor(message = 'Not found.') {
    super('not_found', 'not_found', message);
  }
}

export class PayloadTooLargeError extends DomainError {
  constructor(limitBytes: number) {
    super('too_large', 'payload_too_large', `The request body is larger than ${limitBytes} bytes.`);
  }
}

export class UnsupportedMediaTypeError extends DomainError {
  constructor(expected: string) {
    super('unsupported_media', 'unsupported_media_type', `Send the request body as ${expected}.`);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, extra?: Readonly<Record<string, unknown>>) {
    super('conflict', code, message, undefined, extra);
  }
}

export class UpstreamError extends DomainError {
  constructor(message: string) {
    super('upstream', 'upstream_unavailable', message);
  }
}
