import { siteConfig } from './config.ts';

/**
 * An API answer other than 2xx: `{ error: { code, message, fields?, … } }` (`errorBodySchema`,
 * functions/schemas/api/error-body.ts), read leniently here so the first page carries no zod;
 * `body` is the raw `error` object, for pages that parse more of it.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Readonly<Record<string, string>> = {},
    readonly body: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiOptions {
  readonly method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly body?: unknown;
  readonly token?: string;
  readonly signal?: AbortSignal;
}

const offline =
  'We could not reach CallSanta. Check your connection and try again — nothing was charged.';

/**
 * Calls the CallSanta API and returns its JSON as `T` (a type from functions/schemas/api/; parse
 * with the schema where the answer is acted on), or throws an ApiError a person can act on.
 */
export async function api<T>(path: string, options: ApiOptions = {}): Promise<T> {
  const { apiBaseUrl } = await siteConfig();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(`${apiBaseUrl}${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', offline);
  }
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.ok) return json as T;
  const error = (json.error ?? {}) as Record<string, unknown>;
  throw new ApiError(
    response.status,
    typeof error.code === 'string' ? error.code : 'unknown',
    typeof error.message === 'string'
      ? error.message
      : 'Something went wrong on our side. Please try again.',
    (error.fields ?? {}) as Record<string, string>,
    error,
  );
}

export const isAbort = (error: unknown) =>
  error instanceof DOMException && error.name === 'AbortError';

export const messageOf = (error: unknown) =>
  error instanceof Error ? error.message : 'Something went wrong. Please try again.';
