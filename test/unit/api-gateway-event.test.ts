import { describe, expect, it } from 'vitest';
import type { RouteDefinition } from '../../functions/routes.ts';
import { fromHandlerResult, matchRoute, toApiGatewayEvent } from '../../local/api-gateway-event.ts';

const route = (method: RouteDefinition['method'], path: string): RouteDefinition => ({
  method,
  path,
  authorization: 'public',
  publicReason: 'a test route',
  function: { name: 'Test', entry: 'test.ts', access: {} },
});

const table = [
  route('GET', '/api/calls/{callId}'),
  route('POST', '/api/calls/{callId}/cancel'),
  route('GET', '/api/files/{key+}'),
];

describe('matchRoute', () => {
  it.each([
    ['GET', '/api/calls/abc', '/api/calls/{callId}', { callId: 'abc' }],
    ['POST', '/api/calls/a%20b/cancel', '/api/calls/{callId}/cancel', { callId: 'a b' }],
    ['GET', '/api/files/a/b/c.mp3', '/api/files/{key+}', { key: 'a/b/c.mp3' }],
    // Undecodable escapes are handed on as sent, for the handler to refuse with a 400.
    ['GET', '/api/calls/%E0%A4%A', '/api/calls/{callId}', { callId: '%E0%A4%A' }],
    ['GET', '/api/calls/%ZZ', '/api/calls/{callId}', { callId: '%ZZ' }],
    ['POST', '/api/calls/%/cancel', '/api/calls/{callId}/cancel', { callId: '%' }],
  ])('%s %s matches %s', (method, path, expectedPath, parameters) => {
    const matched = matchRoute(table, method, path);

    expect(matched?.route.path).toBe(expectedPath);
    expect(matched?.pathParameters).toEqual(parameters);
  });

  it.each([
    ['POST', '/api/calls/abc'],
    ['GET', '/api/calls/abc/extra'],
    ['GET', '/api/calls/'],
  ])('%s %s matches nothing', (method, path) => {
    expect(matchRoute(table, method, path)).toBeUndefined();
  });
});

describe('toApiGatewayEvent', () => {
  const matched = { route: table[0] as RouteDefinition, pathParameters: { callId: 'abc' } };

  it('builds a payload-format 2.0 event as API Gateway would', () => {
    const event = toApiGatewayEvent(
      {
        method: 'GET',
        url: '/api/calls/abc?x=1&x=2&y=3',
        headers: { Host: 'localhost:3000', Cookie: 'a=1; b=2', 'X-Many': ['p', 'q'] },
        body: Buffer.alloc(0),
        sourceIp: '127.0.0.1',
      },
      matched,
      new Date('2026-12-24T18:00:00Z'),
    );

    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /api/calls/{callId}',
      rawPath: '/api/calls/abc',
      rawQueryString: 'x=1&x=2&y=3',
      queryStringParameters: { x: '1,2', y: '3' },
      pathParameters: { callId: 'abc' },
      cookies: ['a=1', 'b=2'],
      headers: { host: 'localhost:3000', 'x-many': 'p,q' },
      isBase64Encoded: false,
      requestContext: {
        http: { method: 'GET', path: '/api/calls/abc', sourceIp: '127.0.0.1' },
        stage: '$default',
        timeEpoch: Date.parse('2026-12-24T18:00:00Z'),
      },
    });
    expect(event.headers).not.toHaveProperty('cookie');
  });

  it.each([
    ['application/json', '{"a":1}', false],
    ['text/plain; charset=utf-8', 'hello', false],
    ['audio/webm', 'binary', true],
  ])('passes a %s body with isBase64Encoded %s', (contentType, body, base64) => {
    const event = toApiGatewayEvent(
      {
        method: 'POST',
        url: '/x',
        headers: { 'content-type': contentType },
        body: Buffer.from(body),
        sourceIp: '::1',
      },
      matched,
    );

    expect(event.isBase64Encoded).toBe(base64);
    expect(Buffer.from(event.body ?? '', base64 ? 'base64' : 'utf8').toString()).toBe(body);
  });
});

describe('fromHandlerResult', () => {
  it('sends a structured result as given, decoding base64 and setting cookies', () => {
    const reply = fromHandlerResult({
      statusCode: 201,
      headers: { 'Content-Type': 'audio/mpeg' },
      cookies: ['session=1'],
      body: Buffer.from('mp3').toString('base64'),
      isBase64Encoded: true,
    });

    expect(reply).toEqual({
      statusCode: 201,
      headers: { 'content-type': 'audio/mpeg', 'set-cookie': ['session=1'] },
      body: Buffer.from('mp3'),
    });
  });

  it('infers 200 JSON from a plain object, as API Gateway does', () => {
    const reply = fromHandlerResult({ ok: true } as never);

    expect(reply.statusCode).toBe(200);
    expect(JSON.parse(reply.body.toString())).toEqual({ ok: true });
  });
});
