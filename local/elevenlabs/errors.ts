import type { z } from 'zod';

/** An error body as ElevenLabs sends it: `{ detail: { status, message } }`. */
export interface ErrorDetail {
  readonly status: string;
  readonly message: string;
}

/** FastAPI's validation errors, which ElevenLabs answers 422 with: `{ detail: [ … ] }`. */
export interface ValidationIssue {
  readonly type: string;
  readonly loc: readonly (string | number)[];
  readonly msg: string;
}

/** An error the emulator answers with: a status code and ElevenLabs' `{ detail }` body. */
export class ElevenLabsApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly detail: ErrorDetail | readonly ValidationIssue[],
  ) {
    super(Array.isArray(detail) ? 'Validation failed' : (detail as ErrorDetail).message);
    this.name = 'ElevenLabsApiError';
  }
}

export function unauthorized(status: string, message: string): ElevenLabsApiError {
  return new ElevenLabsApiError(401, { status, message });
}

export function notFound(status: string, message: string): ElevenLabsApiError {
  return new ElevenLabsApiError(404, { status, message });
}

export function tooManyConcurrentCalls(limit: number): ElevenLabsApiError {
  return new ElevenLabsApiError(429, {
    status: 'too_many_concurrent_requests',
    message: `Too many concurrent conversations: the limit is ${limit}. Retry when a call has ended.`,
  });
}

export function serviceUnavailable(): ElevenLabsApiError {
  return new ElevenLabsApiError(503, {
    status: 'service_unavailable',
    message: 'The service is temporarily unavailable. Please retry.',
  });
}

/** A 422 listing what is wrong with the body, located as FastAPI locates it. */
export function invalidBody(error: z.ZodError): ElevenLabsApiError {
  return new ElevenLabsApiError(
    422,
    error.issues.map((issue) => ({
      type: issue.code,
      loc: ['body', ...issue.path.map((key) => (typeof key === 'number' ? key : String(key)))],
      msg: issue.message,
    })),
  );
}

export function invalidJson(): ElevenLabsApiError {
  return new ElevenLabsApiError(422, [
    { type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error' },
  ]);
}
