import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../../functions/core/errors.ts';
import { routeLimits } from '../../functions/core/route-limits.ts';
import { errorResponse, httpHandler, jsonResponse } from '../../functions/shared/http.ts';

describe('errorResponse', () => {
  it('answers a validation error with 400, its code, message and fields', () => {
    const reply = errorResponse(
      new ValidationError('Check the form.', { childAge: 'Must be 1–17.' }),
    );

    expect(reply.statusCode).toBe(400);
    expect(JSON.parse(reply.body ?? '')).toEqual({
      error: {
        code: 'validation_failed',
        message: 'Check the form.',
        fields: { childAge: 'Must be 1–17.' },
      },
    });
  });

  it('answers a not-found error with 404 and no fields', () => {
    const reply = errorResponse(new NotFoundError());

    expect(reply.statusCode).toBe(404);
    expect(JSON.parse(reply.body ?? '')).toEqual({
      error: { code: 'not_found', message: 'Not found.' },
    });
  });

  it('answers anything else with 500 and a message that leaks nothing', () => {
    const reply = errorResponse(new Error('secret detail: child Emma, +15551234567'));

    expect(reply.statusCode).toBe(500);
    expect(reply.body).not.toContain('Emma');
    expect(JSON.parse(reply.body ?? '')).toMatchObject({ error: { code: 'internal_error' } });
  });
});

describe('httpHandler body limits', () => {
  const handler = httpHandler(async () => jsonResponse(200, { ok: true }));
  const event = (routeKey: string, body: string, isBase64Encoded = false) =>
    ({
      routeKey,
      body,
      isBase64Encoded,
      headers: {},
      requestContext: { requestId: 'r-1' },
    }) as unknown as APIGatewayProxyEventV2;

  it.each([
    ['POST /api/calls', 16 * 1024],
    ['POST /api/webhooks/stripe', 256 * 1024],
    ['GET /api/health', 1024],
  ])(
    'refuses a body over %s’s limit with 413 in our error shape, before the handler',
    async (key, limit) => {
      // Arrange
      expect(routeLimits[key]?.maxBodyBytes).toBe(limit);

      // Act
      const within = await handler(event(key, 'x'.repeat(limit)), {} as Context);
      const over = await handler(event(key, 'x'.repeat(limit + 1)), {} as Context);

      // Assert
      expect(within.statusCode).toBe(200);
      expect(over.statusCode).toBe(413);
      expect(JSON.parse(over.body ?? '')).toEqual({
        error: {
          code: 'payload_too_large',
          message: `The request body is larger than ${limit} bytes.`,
        },
      });
    },
  );

  it('measures a base64-encoded body decoded, as it was sent', async () => {
    const sent = Buffer.alloc(16 * 1024, 1);

    const reply = await handler(
      event('POST /api/calls', sent.toString('base64'), true),
      {} as Context,
    );

    expect(reply.statusCode).toBe(200);
  });
});
