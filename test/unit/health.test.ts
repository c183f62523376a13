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
  expect(JSON.parse(result.body ?? '')).toEqual({ status: 'unavailable' });
});
