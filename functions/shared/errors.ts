/** A failure the caller can act on; its status code and code are part of the API. */
export class DomainError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields?: Readonly<Record<string, string>>,
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
