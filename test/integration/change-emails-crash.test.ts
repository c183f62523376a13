import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { localUrl, portOffsets } from '../../local/config.ts';
import { sesFaults } from '../../local/ses/faults-client.ts';
import {
  type CloudProcess,
  freed,
  healthy,
  killLaunched,
  launch,
  launchHealthy,
} from './local-cloud-process.ts';
import {
  bookingWhere,
  createBooking,
  outbox,
  payWithCard,
  postJson,
  timelineTypes,
  tomorrowAt,
} from './support/booking-api.ts';
import { cloudAt } from './support/fault-suite.ts';
import { eventually } from './support/local-cloud.ts';

/**
 * The whole local cloud SIGKILLed after a reschedule was written but before its "moved" email
 * went out (SES hangs, as a Lambda killed mid-send would leave it). The parent, whose PATCH got
 * no answer, sends it again: the call is at the new time, armed, and the parent is told once.
 */
let cloud: RunningLocalCloud;
let running: CloudProcess;
let basePort = 0;
let dataDir = '';

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'callsanta-moved-crash-'));
  const launched = await launchHealthy(dataDir);
  running = launched.cloud;
  basePort = launched.basePort;
  cloud = cloudAt(basePort, dataDir, 1);
}, 120_000);

afterAll(killLaunched);

it('a reschedule whose "moved" email a crash cut off: the retried PATCH sends it, once', async () => {
  const parentEmail = `moved-crash-${Date.now()}@example.com`;
  const booking = await createBooking(cloud, { parentEmail, scheduledAt: tomorrowAt(17, 0) });
  await payWithCard(cloud, booking);
  await bookingWhere(cloud, booking, 'the confirmation', (b) =>
    timelineTypes(b).includes('email_sent'),
  );
  const to = tomorrowAt(18, 30);
  const patch = () =>
    postJson(
      cloud,
      `/api/calls/${booking.callId}`,
      { scheduledAt: to },
      { authorization: `Bearer ${booking.accessToken}` },
      'PATCH',
    );
  const movedEmails = async () =>
    (await outbox(cloud)).filter(
      (email) => email.to.includes(parentEmail) && email.subject.startsWith('Your call is moved'),
    );
  await sesFaults(localUrl(cloud.config.ports.ses)).inject({
    fault: { kind: 'hang', hangMs: 120_000 },
    match: { recipient: parentEmail },
  });

  const cutOff = patch().catch((error: unknown) => error);
  await bookingWhere(
    cloud,
    booking,
    'the move written',
    (b) => (b.schedule as { scheduledAt: string }).scheduledAt === to,
    30_000,
  );
  const movedAt = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  process.kill(await running.pid(), 'SIGKILL');
  await running.exited;
  await cutOff;
  await freed(basePort + portOffsets.dynamodb, 10_000);
  running = launch(basePort, dataDir);
  await healthy(basePort, running);
  expect(await movedEmails()).toEqual([]);

  // The parent tries again once the first request has surely ended (API Gateway's 29 s).
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, movedAt + 31_000 - Date.now())));
  const again = await patch();
  const twice = await patch();

  expect(again.status).toBe(200);
  expect(twice.status).toBe(200);
  expect(again.body).toMatchObject({ schedule: { scheduledAt: to }, callStatus: 'scheduled' });
  const sent = await eventually('the "moved" email', async () => {
    const emails = await movedEmails();
    return emails.length > 0 ? emails : undefined;
  });
  await new Promise((resolve) => setTimeout(resolve, 2000));
  expect(await movedEmails()).toHaveLength(1);
  expect(sent[0]?.subject).toMatch(/^Your call is moved/);
}, 180_000);
