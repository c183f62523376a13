/**
 * Benchmarks of the booking path on the local cloud: POST /api/calls (validation, the
 * booking + slot-hold transaction, the PaymentIntent) and the time from a card payment to the
 * booking being scheduled (Stripe webhook → DynamoDB → Scheduler → confirmation email).
 * Run: `npm run bench`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalCloud } from '../local/cloud.ts';
import { loadLocalCloudConfig } from '../local/config.ts';
import {
  bookingWhere,
  createBooking,
  payWithCard,
  timelineTypes,
  tomorrowAt,
} from '../test/integration/support/booking-api.ts';
import { ms, percentile } from './stats.ts';

const bookings = 40;

async function main() {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  const dataDir = await mkdtemp(join(tmpdir(), 'callsanta-bench-bookings-'));
  const cloud = await startLocalCloud(
    loadLocalCloudConfig({ CALLSANTA_PORT: '3910', CALLSANTA_DATA_DIR: dataDir }),
  );
  const create: number[] = [];
  const toScheduled: number[] = [];
  for (let i = 0; i < bookings; i++) {
    // Spread over quarter hours so no slot fills up.
    const scheduledAt = tomorrowAt(14 + Math.floor(i / 4), (i % 4) * 15);
    let started = performance.now();
    const booking = await createBooking(cloud, { scheduledAt });
    create.push(performance.now() - started);
    started = performance.now();
    await payWithCard(cloud, booking);
    await bookingWhere(cloud, booking, 'scheduling', (b) =>
      timelineTypes(b).includes('email_sent'),
    );
    toScheduled.push(performance.now() - started);
  }
  console.log(
    `POST /api/calls × ${bookings}: p50 ${ms(percentile(create, 50))}, p95 ${ms(percentile(create, 95))}`,
  );
  console.log(
    `card confirmed → scheduled + email × ${bookings}: p50 ${ms(percentile(toScheduled, 50))}, p95 ${ms(percentile(toScheduled, 95))}`,
  );
  await cloud.stop();
  await rm(dataDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
