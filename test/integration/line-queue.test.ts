import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { localResourceNames } from '../../local/config.ts';
import {
  bookingWhere,
  type CreatedBooking,
  createBooking,
  payWithCard,
} from './support/booking-api.ts';
import { startTestCloud } from './support/local-cloud.ts';

/**
 * The dispatcher on the local cloud: one line, held by a call that crashed (a lease nobody will
 * give back), and three calls booked at three instants coming due while it is held. They must
 * wait in the queue without failing, and take the line in the order of their booked instants
 * once the lease runs out — never two lines at once.
 */

let cloud: RunningLocalCloud;
const linesKey = { pk: 'LINES#calls', sk: 'LINES' };
const documents = () => DynamoDBDocumentClient.from(new DynamoDBClient({}));

beforeAll(async () => {
  cloud = await startTestCloud({
    // A minute a second: the three instants, 5 minutes apart, come due 5 s apart.
    timeScale: 60,
    env: {
      CALL_CONCURRENCY_LIMIT: '1',
      CALL_STARTS_PER_SECOND: '1',
      EXPECTED_CALL_MINUTES: '1',
      CALLING_HOURS_START: '00:00',
      CALLING_HOURS_END: '24:00',
    },
  });
});

afterAll(async () => {
  await cloud?.stop();
});

/** The first instant on the 5-minute grid at least `minutes` from now. */
function instantAfter(minutes: number): Date {
  const grid = 5 * 60_000;
  return new Date(Math.ceil((Date.now() + minutes * 60_000) / grid) * grid);
}

const placedAt = (body: Record<string, unknown>) =>
  Date.parse(
    (body.timeline as { type: string; at: string }[]).find((event) => event.type === 'call_placed')
      ?.at ?? '',
  );

describe('the queue of due calls', () => {
  it('hands a line that a crashed call held to the waiting calls in due order, one at a time', async () => {
    // Arrange: the only line is held by a lease that runs out in 40 s, after all three are due.
    const leaseEndsAt = Date.now() + 40_000;
    await documents().send(
      new PutCommand({
        TableName: localResourceNames.table,
        Item: {
          ...linesKey,
          pool: 'calls',
          version: 1,
          leases: { crashed: leaseEndsAt },
          lastStartAt: 0,
        },
      }),
    );
    const first = instantAfter(16);
    const instants = [0, 1, 2].map((n) => new Date(first.getTime() + n * 5 * 60_000));
    // Booked latest first, so booking order cannot be what orders the calls.
    const bookings: CreatedBooking[] = [];
    for (const instant of [...instants].reverse()) {
      const booking = await createBooking(cloud, {
        scheduledAt: instant.toISOString(),
        timezone: 'America/Los_Angeles',
      });
      await payWithCard(cloud, booking);
      bookings.unshift(booking);
    }
    let mostLinesInUse = 0;
    let watching = true;
    const watch = (async () => {
      while (watching) {
        const { Item } = await documents().send(
          new GetCommand({ TableName: localResourceNames.table, Key: linesKey }),
        );
        const now = Date.now();
        const live = Object.values((Item?.leases ?? {}) as Record<string, number>).filter(
          (until) => until > now,
        );
        mostLinesInUse = Math.max(mostLinesInUse, live.length);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();

    // Act
    const done = await Promise.all(
      bookings.map((booking) =>
        bookingWhere(
          cloud,
          booking,
          'the call to be completed',
          (body) => body.callStatus === 'completed',
          120_000,
        ),
      ),
    );
    watching = false;
    await watch;

    // Assert
    const placed = done.map(placedAt);
    expect(placed.every((at) => at >= leaseEndsAt)).toBe(true);
    expect(placed[0]).toBeLessThan(placed[1] ?? 0);
    expect(placed[1]).toBeLessThan(placed[2] ?? 0);
    expect(mostLinesInUse).toBe(1);
  }, 180_000);
});
