/** A failure the caller can act on; its status code and code are part of the API. */
export class DomainError extends Error {
  constructor(
    readonly statusCode: number,
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
    super(400, 'validation_failed', message, fields);
  }
}

export class NotFoundError extends DomainError {
  constructor(message = 'Not found.') {
    super(404, 'not_found', message);
  }
}

export class PayloadTooLargeError extends DomainError {
  constructor(limitBytes: number) {
    super(413, 'payload_too_large', `The request body is larger than ${limitBytes} bytes.`);
  }
}

export class UnsupportedMediaTypeError extends DomainError {
  constructor(expected: string) {
    super(415, 'unsupported_media_type', `Send the request body as ${expected}.`);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, extra?: Readonly<Record<string, unknown>>) {
    super(409, code, message, undefined, extra);
  }
}

export class UpstreamError extends DomainError {
  constructor(message: string) {
    super(502, 'upstream_unavailable', message);
  }
}
