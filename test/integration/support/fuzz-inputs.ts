import fc from 'fast-check';
import { type Json, mutatedJson, oddJsonValue } from './fuzz-json.ts';

/** The handlers' JSON body limit (functions/shared/request.ts): bodies are sized around it. */
export const handlerBodyLimitBytes = 16 * 1024;

/** `value` as a header can carry it: control characters (CR/LF above all) dropped, trimmed. */
function sendable(value: string): string {
  return value.replace(/[^\x20-\x7e]/g, '').trim();
}

/** Path segments a client may send: malformed escapes, unicode, dots, very long ids. */
export const oddPathSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '%E0%A4%A',
    '%ZZ',
    '%',
    '%%',
    '%2',
    '%E0%A4',
    '%C0%80',
    '%FF',
    '%00',
    '%2F',
    '%2e%2e',
    '..',
    '.',
    'null',
    'undefined',
    '%F0%9F%8E%85',
    '01ARZ3NDEKTSV4RRFFQ69G5FAV',
    `${'A'.repeat(26)}%`,
  ),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map(encodeURIComponent),
  fc.stringMatching(/^[0-9A-Z]{26}$/),
  fc.integer({ min: 27, max: 6000 }).map((length) => 'Z'.repeat(length)),
  fc
    .tuple(
      fc.string({ unit: 'binary-ascii', maxLength: 10 }).map(encodeURIComponent),
      fc.constantFrom('%', '%Z', '%4', '%G0', '%E0%A4%A'),
    )
    .map(([prefix, bad]) => `${prefix}${bad}`),
);

/** A query string, from `''` to repeated, malformed, unicode and very long ones. */
export const oddQuery: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc.constantFrom(
    '?',
    '?&&&',
    '?=',
    '?a',
    '?date=%ZZ',
    '?slug=%',
    '?date=2026-12-24&date=2026-12-25',
    '?from=2026-01-01&to=2025-01-01',
    '?timezone=Europe%2FLondon&date=2026-13-40',
    '?__proto__=1',
    `?slug=${'a'.repeat(5000)}`,
  ),
  fc
    .dictionary(
      fc.oneof(
        fc.constantFrom('date', 'timezone', 'slug', 'from', 'to', 'format'),
        fc.string({ maxLength: 12 }),
      ),
      fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ maxLength: 3000 })),
      { maxKeys: 5 },
    )
    .map((parameters) => `?${new URLSearchParams(parameters).toString()}`),
  fc.string({ unit: 'binary-ascii', maxLength: 200 }).map((raw) => `?${encodeURI(raw)}`),
);

/**
 * A query string near `valid` (one parameter deleted, renamed, given an odd value or an extra
 * sibling), or any odd one.
 */
export function oddQueryNear(valid: Readonly<Record<string, string>> | undefined) {
  if (!valid) return oddQuery;
  const near = mutatedJson({ ...valid }).map((query) => {
    if (query === null || typeof query !== 'object' || Array.isArray(query)) return '?';
    const pairs = Object.entries(query).map(([name, value]) => [
      name,
      typeof value === 'string' ? value : JSON.stringify(value),
    ]);
    return `?${new URLSearchParams(pairs).toString()}`;
  });
  return fc.oneof(
    { arbitrary: near, weight: 3 },
    { arbitrary: fc.constant(`?${new URLSearchParams({ ...valid })}`), weight: 1 },
    { arbitrary: oddQuery, weight: 2 },
  );
}

/** What the Content-Type header says, mostly JSON so bodies reach validation; `undefined` sends none. */
export const oddContentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 4 },
  fc.constantFrom(
    undefined,
    'application/json',
    'application/json; charset=utf-8',
    'APPLICATION/JSON',
    'application/json; charset=latin1',
    'application/jsonx',
    'text/plain',
    'text/html',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=xyz',
    'application/octet-stream',
    'application/vnd.api+json',
    '',
    '*/*',
  ),
  fc.string({ unit: 'binary-ascii', maxLength: 40 }).map(sendable),
);

/** A body sized `bytes` exactly: JSON when `json`, else repeated text. */
export function sizedBody(bytes: number, json: boolean): Buffer {
  if (!json) return Buffer.alloc(bytes, 'a');
  const wrapper = '{"childName":""}';
  return Buffer.from(`{"childName":"${'a'.repeat(Math.max(0, bytes - wrapper.length))}"}`);
}

/**
 * A request body: arbitrary JSON, near-valid JSON (`valid` with one field mutated), random
 * text or bytes, base64 of valid JSON, or text sized just under, at and over the handlers'
 * limit. `undefined` sends none.
 */
export function oddBody(valid: Json | undefined): fc.Arbitrary<Buffer | undefined> {
  const validJson = valid ?? {};
  return fc.oneof(
    fc.constant(undefined),
    fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value))),
    {
      arbitrary: mutatedJson(validJson).map((value) => Buffer.from(JSON.stringify(value))),
      weight: 2,
    },
    fc.constant(Buffer.from(JSON.stringify(validJson))),
    // The valid body base64-encoded, as a client that forgot to decode would send it.
    fc.constant(Buffer.from(Buffer.from(JSON.stringify(validJson)).toString('base64'))),
    fc.string({ unit: 'grapheme', maxLength: 400 }).map((text) => Buffer.from(text)),
    fc.uint8Array({ maxLength: 600 }).map((bytes) => Buffer.from(bytes)),
    fc
      .constantFrom('{', '[', '"', 'null', '{"a":', '\uFEFF{}', '{}{}', '1e999')
      .map((text) => Buffer.from(text)),
    oddJsonValue.map((value) => Buffer.from(JSON.stringify(value))),
    fc
      .tuple(
        fc.constantFrom(
          handlerBodyLimitBytes - 1,
          handlerBodyLimitBytes,
          handlerBodyLimitBytes + 1,
          256 * 1024,
        ),
        fc.boolean(),
      )
      .map(([bytes, json]) => sizedBody(bytes, json)),
  );
}

/** A value for `Authorization`; `undefined` sends none. Never the right token. */
export const oddAuthorization: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constantFrom(
    undefined,
    '',
    'Bearer',
    'Bearer ',
    'bearer x',
    'Basic dXNlcjpwYXNz',
    'Bearer null',
    'Bearer undefined',
    `Bearer ${'a'.repeat(4000)}`,
    'Bearer a b',
  ),
  fc.string({ unit: 'binary-ascii', maxLength: 120 }).map((token) => `Bearer ${sendable(token)}`),
  fc.base64String({ maxLength: 120 }).map((token) => `Bearer ${token}`),
);

const headerName = fc.stringMatching(/^[a-z][a-z0-9-]{0,30}$/);
/** Header values Node can send: visible ASCII and spaces, no CR/LF. */
const headerValue = fc.string({ unit: 'binary-ascii', maxLength: 200 }).map(sendable);

/** Headers a client may add: random ones, and the routes' own with wrong values. */
export const oddHeaders: fc.Arbitrary<Record<string, string>> = fc
  .tuple(
    fc.dictionary(headerName, headerValue, { maxKeys: 4 }),
    fc.option(
      fc.record({
        'x-callsanta-admin-key': fc.oneof(
          headerValue,
          fc.constantFrom('', 'callsanta-local-admi', 'CALLSANTA-LOCAL-ADMIN'),
        ),
      }),
    ),
    fc.option(
      fc.record({
        'stripe-signature': fc.oneof(headerValue, fc.constantFrom('t=1,v1=ab', 't=,v1=')),
        'elevenlabs-signature': fc.oneof(headerValue, fc.constantFrom('t=1,v0=ab', 'v0=')),
        'x-remotion-signature': fc.oneof(
          headerValue,
          fc.constantFrom('NO_SECRET_PROVIDED', `sha512=${'0'.repeat(128)}`),
        ),
      }),
    ),
    fc.option(fc.constantFrom('gzip', 'br', 'identity', 'chunked')),
  )
  .map(([random, admin, signatures, encoding]) => ({
    ...random,
    ...(admin ?? {}),
    ...(signatures ?? {}),
    ...(encoding ? { 'content-encoding': encoding } : {}),
  }));
