import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { testNumbers } from '../../local/elevenlabs/test-numbers.ts';
import { type CloudProcess, killLaunched, launchHealthy } from './local-cloud-process.ts';
import { outbox, payWithCard } from './support/booking-api.ts';
import { callsOf, cloudAt, FaultSuite, suiteTestTimeoutMs } from './support/fault-suite.ts';

vi.setConfig({ testTimeout: suiteTestTimeoutMs });

/**
 * Calling hours at dial time, on the callee's clock: busy retries that straddle the end of the
 * hours, and payments that land after it. The local cloud runs on a clock shifted so that it is
 * 23:58 in Los Angeles when it starts, with hours 00:00–23:59: the window closes a minute later
 * and opens again a minute after that, whatever the hour of the test run.
 */

const zone = 'America/Los_Angeles';
const hours = { start: '00:00', end: '23:59' };
const timeScale = 60;
let cloud: RunningLocalCloud;
let offsetMs = 0;
let spawned: CloudProcess | undefined;
const suite = new FaultSuite('hours', () => ({ cloud, hours }));

/** The cloud's clock. */
const shiftedNow = () => DateTime.fromMillis(Date.now() + offsetMs, { zone });
/** Today (on the cloud's clock) in Los Angeles at `clock` (HH:MM:SS). */
const laToday = (clock: string) => {
  const [hour, minute, second] = clock.split(':').map(Number);
  return shiftedNow().set({ hour, minute, second, millisecond: 0 });
};
async function waitUntilShifted(clock: string): Promise<void> {
  const ms = laToday(clock).toMillis() - shiftedNow().toMillis();
  if (ms < 0)
    throw new Error(`Too late for the scenario: it is ${shiftedNow().toISOTime()} in LA.`);
  await new Promise((done) => setTimeout(done, ms));
}

beforeAll(async () => {
  const startAt = DateTime.now()
    .setZone(zone)
    .set({ hour: 23, minute: 58, second: 0, millisecond: 0 });
  offsetMs = startAt.toMillis() - Date.now();
  const dataDir = await mkdtemp(join(tmpdir(), 'callsanta-hours-'));
  const { basePort, cloud: launched } = await launchHealthy(dataDir, {
    CALLSANTA_TIME_SCALE: String(timeScale),
    // Retries wait 20 real seconds: a busy first try just before 23:59 retries after it.
    CALL_RETRY_WAIT_SECONDS: '1200',
    EXPECTED_CALL_MINUTES: '1',
    CALLING_HOURS_START: hours.start,
    CALLING_HOURS_END: hours.end,
    FAULT_SUITE_CLOCK_OFFSET_MS: String(offsetMs),
    ...(process.env.FAULT_SUITE_DEBUG ? { POWERTOOLS_LOG_LEVEL: 'WARN' } : {}),
    NODE_OPTIONS: `--import ${resolve(import.meta.dirname, 'support/shifted-clock.ts')}`,
  });
  spawned = launched;
  cloud = cloudAt(basePort, dataDir, timeScale);
}, 120_000);

afterAll(async () => {
  suite.summary();
  if (process.env.FAULT_SUITE_DEBUG)
    console.log(
      spawned
        ?.stdout()
        .split('\n')
        .filter((line) => line.includes('ERROR'))
        .join('\n')
        .slice(0, 8000),
      spawned?.stderr().slice(0, 6000),
    );
  await killLaunched();
});

describe('calling hours at dial time', () => {
  it('busy retries straddling the end of the hours: ends refunded with the reason, or waits for the next window', async () => {
    await waitUntilShifted('23:58:45');
    const closesAt = laToday('23:59:00').toMillis();
    const reopensAt = closesAt + 60_000;
    const [endsNow, waits, latePaid, latePaidWaits] = await Promise.all([
      suite.bookAndPay('busy across the end of hours, no waiting', testNumbers.busy, {
        reachable: false,
      }),
      suite.bookAndPay('busy across the end of hours, waiting', testNumbers.busyThreeTimes, {
        extra: { waitForCallingHours: true },
      }),
      suite.book('paid after the end of hours, no waiting', '+14155553001'),
      suite.book('paid after the end of hours, waiting', '+14155553002', {
        extra: { waitForCallingHours: true },
      }),
    ]);
    await waitUntilShifted('23:59:03');
    await Promise.all([
      payWithCard(cloud, latePaid.booking),
      payWithCard(cloud, latePaidWaits.booking),
    ]);

    const [endsNowDone, latePaidDone] = await Promise.all([
      suite.ended(endsNow, 60_000),
      suite.ended(latePaid, 60_000),
    ]);
    const [waitsDone, latePaidWaitsDone] = await Promise.all([
      suite.ended(waits, 150_000),
      suite.ended(latePaidWaits, 150_000),
    ]);
    await suite.expectTrueEndings();
    const emails = await outbox(cloud);
    const whyEmail = emails.find(
      (email) =>
        email.to.includes(endsNow.parentEmail) && email.subject.startsWith('Santa could not reach'),
    );
    const lateEmail = emails.find(
      (email) =>
        email.to.includes(latePaid.parentEmail) &&
        email.subject.startsWith('Santa could not reach'),
    );
    const endsNowCalls = await callsOf(cloud, endsNow);
    const waitsCalls = await callsOf(cloud, waits);

    expect(endsNowDone).toMatchObject({
      callStatus: 'no_answer',
      paymentStatus: 'refunded',
      endReason: 'outside_calling_hours',
    });
    // Rung at least once before the close (how many retries fit before 23:59 depends on timing).
    expect(endsNowCalls.length).toBeGreaterThanOrEqual(1);
    expect(whyEmail?.text).toContain('too late in the evening');
    expect(latePaidDone).toMatchObject({
      paymentStatus: 'refunded',
      endReason: 'outside_calling_hours',
    });
    expect(await callsOf(cloud, latePaid)).toEqual([]);
    expect(lateEmail?.text).toContain('outside the hours he calls children');
    // The waiting booking rang before the end and again only once the window opened.
    expect(waitsDone).toMatchObject({ callStatus: 'completed', paymentStatus: 'paid' });
    expect(waitsCalls).toHaveLength(4);
    expect(Date.parse(waitsCalls[0]?.placedAt ?? '')).toBeLessThan(closesAt);
    expect(Date.parse(waitsCalls[1]?.placedAt ?? '')).toBeGreaterThanOrEqual(reopensAt);
    expect(latePaidWaitsDone).toMatchObject({ callStatus: 'completed', paymentStatus: 'paid' });
    const lateCalls = await callsOf(cloud, latePaidWaits);
    expect(lateCalls).toHaveLength(1);
    expect(Date.parse(lateCalls[0]?.placedAt ?? '')).toBeGreaterThanOrEqual(reopensAt);
  }, 240_000);
});
