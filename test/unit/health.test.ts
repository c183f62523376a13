import { createServer } from 'node:net';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { beforeAll, expect, it } from 'vitest';

/** A port nothing listens on: every dependency call is refused at once. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 1));
    });
  });
}

beforeAll(async () => {
  const down = `http://127.0.0.1:${await closedPort()}`;
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_ENDPOINT_URL_DYNAMODB: down,
    AWS_ENDPOINT_URL_S3: down,
    AWS_MAX_ATTEMPTS: '1',
    CALLSANTA_S3_FORCE_PATH_STYLE: 'true',
    TABLE_NAME: 'table',
    VOICE_NOTES_BUCKET: 'voice',
    RECORDINGS_BUCKET: 'recordings',
    VIDEOS_BUCKET: 'videos',
  });
});

it('answers 503 {"status":"unavailable"} when the table and buckets do not answer', async () => {
  const { handler } = await import('../../functions/health/get-health.ts');
  const event = {
    routeKey: 'GET /api/health',
    requestContext: { requestId: 'r-1' },
  } as APIGatewayProxyEventV2;

  const result = (await handler(event, {} as Context)) as APIGatewayProxyStructuredResultV2;

  expect(result.statusCode).toBe(503);
  expect(JSON.parse(result.body ?? '')).toMatchObject({ status: 'unavailable' });
});

it('names each dependency and secret that is not ready, and no value', async () => {
  // Arrange: the Stripe secret still holds the deploy's placeholder; the access-token key is real.
  const { handler } = await import('../../functions/health/get-health.ts');
  const placeholder = 'REPLACE-WITH-THE-STRIPE-SECRET-KEY';
  Object.assign(process.env, {
    STRIPE_SECRET_KEY: placeholder,
    STRIPE_WEBHOOK_SECRET: 'whsec_real_enough',
    ACCESS_TOKEN_SECRET: 'k'.repeat(64),
  });
  const event = {
    routeKey: 'GET /api/health',
    requestContext: { requestId: 'r-2' },
  } as APIGatewayProxyEventV2;

  try {
    // Act
    const result = (await handler(event, {} as Context)) as APIGatewayProxyStructuredResultV2;

    // Assert
    expect(result.statusCode).toBe(503);
    expect(JSON.parse(result.body ?? '')).toEqual({
      status: 'unavailable',
      problems: [
        'table',
        'bucket:voiceNotes',
        'bucket:recordings',
        'bucket:videos',
        'secret:stripe',
      ],
    });
    expect(result.body).not.toContain(placeholder);
  } finally {
    delete process.env.STRIPE_SECRET_KEY;
    delete process.env.STRIPE_WEBHOOK_SECRET;
    delete process.env.ACCESS_TOKEN_SECRET;
  }
});
