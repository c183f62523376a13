import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { portOffsets } from '../../local/config.ts';
import { testNumbers } from '../../local/elevenlabs/test-numbers.ts';
import {
  type CloudProcess,
  freed,
  healthy,
  killLaunched,
  launch,
  launchHealthy,
} from './local-cloud-process.ts';
import { bookingWhere } from './support/booking-api.ts';
import {
  callsOf,
  cloudAt,
  FaultSuite,
  type SuiteBooking,
  suiteTestTimeoutMs,
} from './support/fault-suite.ts';

vi.setConfig({ testTimeout: suiteTestTimeoutMs });

/**
 * The whole local cloud (`bin/local.ts`) SIGKILLed mid-call and mid-wait, then started again on
 * the same data folder: every booking still ends true, rung once per attempt. The ElevenLabs
 * emulator dies with it; a call it was playing must still end after the restart, as the real
 * provider's call runs on while we are down.
 */

// A slow clock, so a call (ringing 1.5 s, talking 4 s of provider time) is still on when killed.
const timeScale = 2;
const hours = { start: '00:00', end: '24:00' };
const env = {
  CALLSANTA_TIME_SCALE: String(timeScale),
  // Retries wait 6 real seconds: time to kill the cloud inside the wait.
  CALL_RETRY_WAIT_SECONDS: '12',
  EXPECTED_CALL_MINUTES: '1',
  CALLING_HOURS_START: hours.start,
  CALLING_HOURS_END: hours.end,
};
let cloud: RunningLocalCloud;
let running: CloudProcess;
let basePort = 0;
let dataDir = '';
const suite = new FaultSuite('crash', () => ({ cloud, hours }));

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'callsanta-crash-'));
  const launched = await launchHealthy(dataDir, env);
  running = launched.cloud;
  basePort = launched.basePort;
  cloud = cloudAt(basePort, dataDir, timeScale);
}, 120_000);

afterAll(async () => {
  suite.summary();
  await killLaunched();
});

/** SIGKILLs the whole cloud (no clean-up at all) and starts it again on the same data. */
async function killAndRestart(): Promise<void> {
  process.kill(await running.pid(), 'SIGKILL');
  await running.exited;
  await freed(basePort + portOffsets.dynamodb, 10_000);
  running = launch(basePort, dataDir, env);
  await healthy(basePort, running);
}

function reached(
  made: SuiteBooking,
  what: string,
  ready: (body: Record<string, unknown>) => boolean,
) {
  return suite.watched(made, bookingWhere(cloud, made.booking, what, ready, 30_000));
}

describe('SIGKILL of the whole local cloud', () => {
  it('while a call is in progress: after the restart the call ends, once, and the booking completes', async () => {
    const made = await suite.bookAndPay('killed mid-call', '+14155553101');
    await reached(made, 'the call to be placed', (body) => body.callStatus === 'in_progress');
    const [ringing] = await callsOf(cloud, made);

    await killAndRestart();
    const done = await suite.ended(made, 120_000);
    await suite.expectTrueEndings([made]);
    const calls = await callsOf(cloud, made);

    // The call was still on at the kill; the restarted emulator finished it.
    expect(['initiated', 'in-progress']).toContain(ringing?.status);
    expect(done).toMatchObject({ callStatus: 'completed', paymentStatus: 'paid' });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ status: 'done', callResult: 'answered' });
  }, 240_000);

  it('while it waits before a retry: after the restart it calls again at the right time, once per attempt', async () => {
    const made = await suite.bookAndPay(
      'killed while waiting to retry',
      testNumbers.busyThreeTimes,
    );
    await reached(made, 'the first attempt to end busy', (body) =>
      (body.timeline as { type: string }[]).some(
        (event) => event.type === 'call_attempt_unanswered',
      ),
    );

    await killAndRestart();
    const done = await suite.ended(made, 150_000);
    await suite.expectTrueEndings([made]);

    expect(done).toMatchObject({ callStatus: 'completed', paymentStatus: 'paid', attempts: 4 });
    expect(await callsOf(cloud, made)).toHaveLength(4);
  }, 240_000);

  it('twice in one booking — mid-call, then mid-wait — still ends true', async () => {
    const made = await suite.bookAndPay('killed mid-call, then mid-wait', testNumbers.busy, {
      reachable: false,
    });
    await reached(made, 'the call to be placed', (body) => body.callStatus === 'in_progress');
    await killAndRestart();
    await reached(made, 'an attempt to end busy', (body) =>
      (body.timeline as { type: string }[]).some(
        (event) => event.type === 'call_attempt_unanswered',
      ),
    );
    await killAndRestart();

    const done = await suite.ended(made, 150_000);
    await suite.expectTrueEndings([made]);

    expect(done).toMatchObject({ callStatus: 'no_answer', paymentStatus: 'refunded', attempts: 4 });
  }, 300_000);
});
