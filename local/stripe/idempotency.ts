import { createHash } from 'node:crypto';
import { errorDocUrl, invalidRequest, StripeApiError } from './errors.ts';
import type { FormObject, FormValue } from './form-encoding.ts';
import type { IdempotencyRecord } from './store.ts';

/** Stripe keeps idempotency keys for at least 24 hours. */
const keyLifetimeMs = 24 * 60 * 60 * 1000;

export interface IdempotentRequest {
  readonly key: string;
  readonly method: string;
  readonly path: string;
  readonly params: FormObject;
}

export type IdempotencyClaim =
  | { readonly kind: 'replay'; readonly record: IdempotencyRecord }
  | {
      readonly kind: 'new';
      /** Keeps the answer for repeats (if it is one Stripe keeps) and frees the key. */
      readonly settle: (answer: { statusCode: number; body: unknown; requestId: string }) => void;
    };

/**
 * Stripe's `Idempotency-Key` rules: a repeat with the same parameters gets the first answer
 * again; the same key with other parameters, or for another endpoint, is an
 * `idempotency_error`; and a repeat while the first is still running is a 409.
 */
export class IdempotencyKeys {
  private readonly inFlight = new Set<string>();

  constructor(private readonly records: Map<string, IdempotencyRecord>) {}

  claim(request: IdempotentRequest): IdempotencyClaim {
    const { key } = request;
    if (key.length > 255) {
      throw invalidRequest(
        `Invalid Idempotency-Key: it is ${key.length} characters long, the maximum is 255.`,
      );
    }
    this.forgetExpired();
    const digest = paramsDigest(request.params);
    const record = this.records.get(key);
    if (record) {
      if (record.method !== request.method || record.path !== request.path) {
        throw idempotencyError(
          `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${record.method} ${record.path}' vs '${request.method} ${request.path}'). Try using a key other than '${key}' if you meant to execute a different request.`,
        );
      }
      if (record.paramsDigest !== digest) {
        throw idempotencyError(
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        );
      }
      return { kind: 'replay', record };
    }
    if (this.inFlight.has(key)) {
      throw new StripeApiError(409, {
        type: 'idempotency_error',
        code: 'idempotency_key_in_use',
        message: `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
        doc_url: errorDocUrl('idempotency_key_in_use'),
      });
    }
    this.inFlight.add(key);
    return {
      kind: 'new',
      settle: ({ statusCode, body, requestId }) => {
        this.inFlight.delete(key);
        // Stripe keeps answers of requests that ran, not of ones refused before running
        // (bad parameters, auth); here that is every success and every card decline.
        if (statusCode >= 300 && statusCode !== 402) return;
        this.records.set(key, {
          key,
          method: request.method,
          path: request.path,
          paramsDigest: digest,
          statusCode,
          body: structuredClone(body),
          requestId,
          createdAt: Date.now(),
        });
      },
    };
  }

  private forgetExpired(): void {
    const oldest = Date.now() - keyLifetimeMs;
    for (const [key, record] of this.records) {
      if (record.createdAt < oldest) this.records.delete(key);
    }
  }
}

function idempotencyError(message: string): StripeApiError {
  return new StripeApiError(400, { type: 'idempotency_error', message });
}

/** The same parameters give the same digest whatever order they were sent in. */
function paramsDigest(params: FormObject): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(params)))
    .digest('hex');
}

function canonical(value: FormValue): unknown {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  return Object.keys(value)
    .sort()
    .map((key) => [key, canonical(value[key] as FormValue)]);
}
