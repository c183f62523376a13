import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Line = Record<string, unknown>;

/** A Lambda context as the local runtime makes one, for the function `name`. */
function contextOf(name: string): Context {
  return {
    functionName: `callsanta-local-${name}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:callsanta-local-${name}`,
    memoryLimitInMB: '256',
    awsRequestId: `request-of-${name}`,
    logGroupName: `/aws/lambda/callsanta-local-${name}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function eventFor(callId: string): APIGatewayProxyEventV2 {
  return {
    routeKey: 'GET /api/calls/{callId}',
    pathParameters: { callId },
    requestContext: { requestId: `api-${callId}` },
  } as unknown as APIGatewayProxyEventV2;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('a logger per invocation', () => {
  let written: string[];

  beforeEach(() => {
    // The test runner silences handlers' logs (vitest.config.ts); these tests read them.
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
    vi.resetModules();
    written = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  });

  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  const lines = (): Line[] =>
    written
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('{"level"'))
      .map((line) => JSON.parse(line) as Line);

  it('gives concurrent invocations in one process each its own function name and booking', async () => {
    // Arrange: two handlers of different functions, interleaving as the local cloud runs them.
    const { httpHandler, jsonResponse } = await import('../../functions/shared/http.ts');
    const { logger } = await import('../../functions/shared/logger.ts');
    const handle = httpHandler(async (event) => {
      logger.info('before the wait');
      await tick();
      logger.info('after the wait', { step: event.pathParameters?.callId });
      return jsonResponse(200, {});
    });
    const first = '01J9Z8Y7X6W5V4T3S2R1Q0P9N8';
    const second = '01J9Z8Y7X6W5V4T3S2R1Q0P9N9';

    // Act
    await Promise.all([
      handle(eventFor(first), contextOf('GetBooking')),
      handle(eventFor(second), contextOf('CancelBooking')),
    ]);

    // Assert
    const logged = lines();
    expect(logged).toHaveLength(4);
    for (const line of logged) {
      const own = line.correlation_id === first ? 'GetBooking' : 'CancelBooking';
      expect(line.function_name).toBe(`callsanta-local-${own}`);
      expect(line.function_request_id).toBe(`request-of-${own}`);
    }
    expect(logged.filter((line) => line.correlation_id === first)).toHaveLength(2);
    expect(logged.filter((line) => line.correlation_id === second)).toHaveLength(2);
  });

  it('takes no correlation id from a path segment that is not a booking id', async () => {
    const { httpHandler, jsonResponse } = await import('../../functions/shared/http.ts');
    const { logger } = await import('../../functions/shared/logger.ts');
    const handle = httpHandler(async () => {
      logger.info('answered');
      return jsonResponse(200, {});
    });

    await handle(eventFor('parent@example.com'), contextOf('GetBooking'));

    const [line] = lines();
    expect(line?.message).toBe('answered');
    expect(line).not.toHaveProperty('correlation_id');
  });

  it('names the booking a handler learns midway on the lines after it, in its invocation only', async () => {
    const { httpHandler, jsonResponse } = await import('../../functions/shared/http.ts');
    const { logger, setBookingCorrelation } = await import('../../functions/shared/logger.ts');
    const created = '01J9Z8Y7X6W5V4T3S2R1Q0P9NA';
    const handle = httpHandler(async () => {
      logger.info('before');
      setBookingCorrelation(created);
      logger.info('after');
      return jsonResponse(201, {});
    });

    await handle({ ...eventFor(''), pathParameters: {} }, contextOf('CreateBooking'));
    logger.info('outside any invocation');

    expect(lines().map((line) => [line.message, line.correlation_id])).toEqual([
      ['before', undefined],
      ['after', created],
      ['outside any invocation', undefined],
    ]);
  });

  it('reports a cold start on the container’s first invocation only', async () => {
    // Arrange: Lambda's on-demand environment, where Powertools tells cold starts.
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    const { httpHandler, jsonResponse } = await import('../../functions/shared/http.ts');
    const { logger } = await import('../../functions/shared/logger.ts');
    const handle = httpHandler(async () => {
      logger.info('answered');
      return jsonResponse(200, {});
    });

    // Act
    for (let run = 0; run < 3; run++) await handle(eventFor(''), contextOf('GetHealth'));

    // Assert
    expect(lines().map((line) => line.cold_start)).toEqual([true, false, false]);
  });
});
