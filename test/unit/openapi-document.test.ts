import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../functions/api-docs/openapi-document.ts';
import { operations } from '../../functions/api-docs/operations.ts';
import { routeKey, routes } from '../../functions/routes.ts';
import { validBooking } from '../integration/support/booking-api.ts';
import {
  OpenApiContract,
  type OpenApiDocument,
  pointerSegment,
} from '../integration/support/openapi-contract.ts';

/** A provider's sample payload from test/fixtures. */
const fixture = (path: string): unknown =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures', path), 'utf8'));

const document = openApiDocument() as unknown as OpenApiDocument & Record<string, unknown>;
const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface OperationObject {
  operationId?: string;
  parameters?: { in: string; name: string; required?: boolean }[];
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  security?: Record<string, unknown>[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
}

/** Every operation of the document as `[METHOD path, operation]`. */
const documented = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => methods.includes(method))
    .map(([method, operation]) => [`${method.toUpperCase()} ${path}`, operation] as const),
) as [string, OperationObject][];

/** Every `$ref` in a JSON value, with where it was found. */
function refsIn(value: unknown, at = ''): [string, string][] {
  if (Array.isArray(value)) return value.flatMap((item, index) => refsIn(item, `${at}/${index}`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === '$ref' && typeof child === 'string'
      ? [[at, child] as [string, string]]
      : refsIn(child, `${at}/${pointerSegment(key)}`),
  );
}

function resolvePointer(root: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>(
      (node, segment) =>
        typeof node === 'object' && node !== null
          ? (node as Record<string, unknown>)[segment]
          : undefined,
      root,
    );
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with an info title and version', () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
  });

  it('describes every route of the route table, and nothing else', () => {
    expect(documented.map(([key]) => key).sort()).toEqual(routes.map(routeKey).sort());
  });

  it('has a contract for every route and no contract without a route', () => {
    expect(Object.keys(operations).sort()).toEqual(routes.map(routeKey).sort());
  });

  it('resolves every $ref inside the document', () => {
    const refs = refsIn(document);
    const broken = refs.filter(
      ([, ref]) => !ref.startsWith('#/') || resolvePointer(document, ref.slice(1)) === undefined,
    );

    expect(refs.length).toBeGreaterThan(0);
    expect(broken).toEqual([]);
  });

  it.each(documented)(
    '%s has a unique id, a success, a 429 and a 500, and declares its path parameters',
    (key, operation) => {
      const path = key.split(' ')[1] ?? '';
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const pathParameters = (operation.parameters ?? []).filter(
        (parameter) => parameter.in === 'path',
      );
      const declared = pathParameters.map((parameter) => parameter.name);
      const statuses = Object.keys(operation.responses ?? {});

      expect(
        documented.filter(([, other]) => other.operationId === operation.operationId),
      ).toHaveLength(1);
      expect(statuses.some((status) => /^2\d\d$/.test(status))).toBe(true);
      expect(statuses).toContain('500');
      expect(statuses).toContain('429');
      expect(statuses.every((status) => /^[1-5]\d\d$/.test(status))).toBe(true);
      expect(declared.sort()).toEqual(templated.sort());
      expect(pathParameters.every((parameter) => parameter.required === true)).toBe(true);
    },
  );

  it('says who may call each route as the route table does', () => {
    const schemes = Object.keys(document.components?.securitySchemes ?? {});
    for (const route of routes) {
      const operation = documented.find(([key]) => key === routeKey(route))?.[1];
      const named = (operation?.security ?? []).flatMap((requirement) => Object.keys(requirement));

      expect(
        named.every((scheme) => schemes.includes(scheme)),
        routeKey(route),
      ).toBe(true);
      expect(named.includes('awsIam'), routeKey(route)).toBe(route.authorization === 'iam');
      if (route.authorization === 'iam') expect(operation?.responses).toHaveProperty('403');
      if (named.includes('bookingToken')) expect(route.path).toContain('{callId}');
    }
  });

  it('gives every body a schema that compiles as JSON Schema 2020-12', () => {
    const contract = new OpenApiContract(document);
    const pointers = documented.flatMap(([key, operation]) => {
      const [method = '', path = ''] = key.split(' ');
      const base = `/paths/${pointerSegment(path)}/${method.toLowerCase()}`;
      const bodies = Object.entries(operation.responses ?? {})
        .filter(([, response]) => response.content?.['application/json']?.schema)
        .map(([status]) => `${base}/responses/${status}/content/application~1json/schema`);
      return operation.requestBody
        ? [...bodies, `${base}/requestBody/content/application~1json/schema`]
        : bodies;
    });

    expect(pointers.length).toBeGreaterThan(routes.length);
    for (const pointer of pointers) expect(() => contract.schemaAt(pointer), pointer).not.toThrow();
  });

  it('is the same, byte for byte, every time it is built', () => {
    expect(JSON.stringify(openApiDocument())).toBe(JSON.stringify(document));
  });

  it('narrows each error answer to the codes its handler gives', () => {
    const conflict = resolvePointer(
      document,
      '/paths/~1api~1calls/post/responses/409/content/application~1json/schema',
    );

    expect(JSON.stringify(conflict)).toContain('"enum":["slot_full","no_line_free"]');
  });

  it.each(documented)(
    '%s documents the 413 its body limit answers (functions/core/route-limits.ts)',
    (key, operation) => {
      // Every route has a body limit, checked before its handler runs (functions/shared/http.ts).
      const [method = '', path = ''] = key.split(' ');
      const tooLarge = { error: { code: 'payload_too_large', message: 'Too large.' } };

      expect(operation.responses?.['413']).toBeDefined();
      expect(new OpenApiContract(document).problems(method, path, 413, tooLarge)).toEqual([]);
    },
  );

  it('refuses an answer whose status, code or shape the route does not document', () => {
    const contract = new OpenApiContract(document);
    const error = (code: string) => ({ error: { code, message: 'No.' } });

    expect(
      contract.problems('POST', '/api/calls/{callId}/cancel', 409, error('not_cancellable')),
    ).toEqual([]);
    expect(
      contract.problems('POST', '/api/calls/{callId}/cancel', 409, error('slot_full')),
    ).not.toEqual([]);
    expect(
      contract.problems('POST', '/api/calls/{callId}/cancel', 418, error('teapot')),
    ).not.toEqual([]);
    expect(contract.problems('GET', '/api/health', 200, { status: 'ok', extra: 1 })).not.toEqual(
      [],
    );
    expect(
      contract.problems('DELETE', '/api/calls/{callId}/shares/{shareId}', 204, undefined),
    ).toEqual([]);
  });

  it.each<[string, string, unknown]>([
    ['POST', '/api/calls', validBooking()],
    ['POST', '/api/calls', validBooking({ scheduledAt: undefined, callNow: true })],
    ['POST', '/api/calls', validBooking({ currency: 'gbp', locale: 'en-GB' })],
    ['PATCH', '/api/calls/{callId}', { scheduledAt: '2026-12-24T23:30:00.000Z' }],
    ['POST', '/api/voice-notes', { contentType: 'audio/webm;codecs=opus', sizeBytes: 5 }],
    ['POST', '/api/affiliates', { name: 'Jolly Jen', email: 'jen@example.com', slug: 'jolly-jen' }],
    ...[
      'stripe/payment_intent.succeeded.json',
      'stripe/charge.refunded.full.json',
      'stripe/customer.created.json',
    ].map((name): [string, string, unknown] => ['POST', '/api/webhooks/stripe', fixture(name)]),
    ...[
      'elevenlabs/webhook-audio.json',
      'elevenlabs/webhook-initiation-failure-busy.json',
      'elevenlabs/webhook-transcription-answered.json',
    ].map((name): [string, string, unknown] => ['POST', '/api/webhooks/elevenlabs', fixture(name)]),
    ['POST', '/api/webhooks/remotion', fixture('remotion/webhook-error.json')],
  ])('takes a real %s %s body as its documented request body', (method, path, body) => {
    expect(new OpenApiContract(document).requestProblems(method, path, body)).toEqual([]);
  });

  it("documents the booking's currency and locale, and every currency of the price list", () => {
    const booking = JSON.stringify(document.paths['/api/calls']);
    const pricing = JSON.stringify(document.components?.schemas?.Pricing ?? {});

    expect(booking).toContain("The parent's language and region (BCP 47");
    expect(booking).toContain('The currency to pay in (ISO 4217)');
    expect(pricing).toContain('"prices"');
  });

  it('refuses, as the handler does, a request body its schema refuses', () => {
    const contract = new OpenApiContract(document);

    expect(
      contract.requestProblems('POST', '/api/calls', { ...validBooking(), extra: 1 }),
    ).not.toEqual([]);
    expect(
      contract.requestProblems('POST', '/api/voice-notes', { contentType: 'audio/webm' }),
    ).not.toEqual([]);
  });
});
