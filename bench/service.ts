/**
 * The booking API and both provider webhooks under concurrent clients, on a fresh local cloud
 * (ports 3930–3938, a temporary data folder):
 *
 * - `POST /api/calls` into free times picked from `GET /api/availability` over the coming
 *   days (never hard-coded: the capacity rules may change), each time booked once before any
 *   is booked twice, so the figure is the booking path, not a full slot;
 * - `GET /api/availability` for those days, America/New_York;
 * - `GET /api/calls/{id}` with the booking's access token;
 * - `POST /api/webhooks/stripe`: a `payment_intent.succeeded` signed with the webhook secret
 *   (Stripe's SDK), each with a new event id, about a booking just made whose intent is still
 *   unpaid — the whole path runs (verify, dedupe, the intent re-read from the Stripe emulator,
 *   the booking read) and ends in an audit entry "does not match", changing nothing else;
 * - `POST /api/webhooks/elevenlabs`: a signed `call_initiation_failure` post-call event for a
 *   new conversation id: verified, deduplicated and kept for its dial step (200 `kept`).
 *
 * Each at 1, 10 and 50 concurrent clients (each client sends its next request when its last
 * answered). Prints per operation and level: requests, p50 and p99 latency in ms, errors (an
 * answer other than the expected status, or a failed request), requests/s, and p50 against
 * the 1-client p50; with the 1-minute load average, since the machine is shared.
 * Run: `npm run bench:service [-- --scale 1] [-- --only 'POST /api/calls']` (`--scale`
 * multiplies the request counts; `--only` keeps the operations whose name contains it — without
 * `POST /api/calls` the others share its one warm-up booking). `--stripe-history N` starts the
 * Stripe emulator on N objects of history (`bench/stripe-history.ts`), as after a long-used
 * data folder. Asserts nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { signElevenLabsPayload } from '../functions/webhooks/elevenlabs-signature.ts';
import { startLocalCloud } from '../local/cloud.ts';
import { loadLocalCloudConfig } from '../local/config.ts';
import {
  type CreatedBooking,
  createBooking,
  signedStripeEvent,
  validBooking,
} from '../test/integration/support/booking-api.ts';
import { load, ms, percentile, printTable } from './stats.ts';
import { seedStripeDataFolder } from './stripe-history.ts';

const levels = [1, 10, 50] as const;
const timezone = 'America/New_York';
/** Days ahead whose free times are collected (from tomorrow), at most. */
const maxDays = 60;

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    only: { type: 'string' },
    'stripe-history': { type: 'string', default: '0' },
  },
});
const scale = Number(args.scale);
/** Requests at one level: 6 per client, at least 40, times `--scale`. */
const requestsAt = (clients: number) => Math.round(Math.max(40, clients * 6) * scale);

interface FreeTime {
  readonly startsAt: string;
  readonly placesLeft: number;
}

/** One request; resolves to the answer's status when it is not the expected one, else true. */
type Request = (index: number) => Promise<true | number>;

interface LevelResult {
  readonly samples: number[];
  /** Requests not answered as expected, by status (`failed`: no answer at all). */
  readonly errors: Map<string, number>;
  readonly wallMs: number;
  readonly load: string;
}

/** Runs `total` requests from `clients` concurrent clients, each taking the next index. */
async function runLevel(clients: number, total: number, request: Request): Promise<LevelResult> {
  const samples: number[] = [];
  const errors = new Map<string, number>();
  let next = 0;
  const started = performance.now();
  const client = async () => {
    for (let index = next++; index < total; index = next++) {
      const sent = performance.now();
      const outcome = await request(index).catch(() => 'failed' as const);
      samples.push(performance.now() - sent);
      if (outcome !== true) errors.set(String(outcome), (errors.get(String(outcome)) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return { samples, errors, wallMs: performance.now() - started, load: load() };
}

/** `0`, or e.g. `300 (502 × 300)`. */
function errorCount(errors: Map<string, number>): string {
  const total = [...errors.values()].reduce((sum, count) => sum + count, 0);
  if (total === 0) return '0';
  return `${total} (${[...errors].map(([status, count]) => `${status} × ${count}`).join(', ')})`;
}

function dayAfter(days: number): string {
  return new Date(Date.now() + days * 24 * 3600_000).toISOString().slice(0, 10);
}

async function main() {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  const dataDir = await mkdtemp(join(tmpdir(), 'callsanta-bench-service-'));
  const stripeHistory = Number(args['stripe-history']);
  if (stripeHistory > 0) await seedStripeDataFolder(join(dataDir, 'stripe'), stripeHistory);
  const cloud = await startLocalCloud(
    loadLocalCloudConfig({ CALLSANTA_PORT: '3930', CALLSANTA_DATA_DIR: dataDir }),
  );
  const api = cloud.apiUrl;
  try {
    const bookingsNeeded = levels.reduce((sum, clients) => sum + requestsAt(clients), 0);

    // Free times from the availability endpoint, day by day, until there are enough.
    const days: string[] = [];
    const times: FreeTime[] = [];
    for (let day = 1; day <= maxDays && times.length < bookingsNeeded; day++) {
      const date = dayAfter(day);
      const response = await fetch(`${api}/api/availability?date=${date}&timezone=${timezone}`);
      if (response.status !== 200) continue;
      const body = (await response.json()) as { times: FreeTime[] };
      if (body.times.length === 0) continue;
      days.push(date);
      times.push(...body.times);
    }
    // Each time once, then each time with a place left again, and so on.
    const slots: string[] = [];
    for (let round = 0; slots.length < bookingsNeeded; round++) {
      const left = times.filter((time) => time.placesLeft > round);
      if (left.length === 0) break;
      slots.push(...left.map((time) => time.startsAt));
    }
    console.log(
      `${times.length} free times over ${days.length} days (${days[0]} … ${days.at(-1)}); ${bookingsNeeded} bookings to make, ${Math.min(bookingsNeeded, times.length)} of them into distinct times.`,
    );

    const bookings: CreatedBooking[] = [];
    /** The last refused booking's answer, by status, to say why in the output. */
    const refusals = new Map<number, string>();
    let slot = 0;
    const book: Request = async () => {
      const scheduledAt = slots[slot++ % slots.length];
      const response = await fetch(`${api}/api/calls`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(validBooking({ scheduledAt, timezone })),
      });
      const body = (await response.json().catch(() => undefined)) as CreatedBooking | undefined;
      if (response.status !== 201 || !body) {
        refusals.set(response.status, JSON.stringify(body).slice(0, 300));
        return response.status;
      }
      bookings.push(body);
      return true;
    };
    const availability: Request = async (index) => {
      const date = days[index % days.length];
      const response = await fetch(`${api}/api/availability?date=${date}&timezone=${timezone}`);
      await response.arrayBuffer();
      return response.status === 200 || response.status;
    };
    const readBooking: Request = async (index) => {
      const booking = bookings[index % bookings.length] as CreatedBooking;
      const response = await fetch(`${api}/api/calls/${booking.callId}`, {
        headers: { authorization: `Bearer ${booking.accessToken}` },
      });
      await response.arrayBuffer();
      return response.status === 200 || response.status;
    };
    let stripeEvents = 0;
    const stripeWebhook: Request = async (index) => {
      const booking = bookings[index % bookings.length] as CreatedBooking;
      const { payload, signature } = signedStripeEvent(cloud.config.secrets.stripeWebhook, {
        id: `evt_bench_${stripeEvents++}_${booking.callId}`,
        type: 'payment_intent.succeeded',
        object: {
          id: booking.paymentIntentId,
          object: 'payment_intent',
          amount: booking.amountCents,
          currency: booking.currency,
          status: 'succeeded',
          metadata: { bookingId: booking.callId },
        },
      });
      const response = await fetch(`${api}/api/webhooks/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signature },
        body: payload,
      });
      await response.arrayBuffer();
      return response.status === 200 || response.status;
    };
    let conversations = 0;
    const elevenLabsWebhook: Request = async () => {
      const body = JSON.stringify({
        type: 'call_initiation_failure',
        event_timestamp: Math.floor(Date.now() / 1000),
        data: {
          conversation_id: `conv_bench_${conversations++}_${Date.now()}`,
          agent_id: 'agent_local_santa',
          failure_reason: 'busy',
          metadata: { type: 'twilio', body: {} },
        },
      });
      const response = await fetch(`${api}/api/webhooks/elevenlabs`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'elevenlabs-signature': signElevenLabsPayload(
            body,
            cloud.config.secrets.elevenLabsWebhook,
          ),
        },
        body,
      });
      await response.arrayBuffer();
      return response.status === 200 || response.status;
    };

    // Warm-up: load every handler once, outside the figures.
    bookings.push(await createBooking(cloud, { scheduledAt: slots.at(-1), timezone }));
    for (const request of [availability, readBooking, stripeWebhook, elevenLabsWebhook]) {
      await request(0).catch(() => 'failed');
    }

    const operations: [string, Request][] = [
      ['POST /api/calls', book],
      ['GET /api/availability', availability],
      ['GET /api/calls/{id}', readBooking],
      ['POST /api/webhooks/stripe', stripeWebhook],
      ['POST /api/webhooks/elevenlabs', elevenLabsWebhook],
    ];
    const rows: string[][] = [];
    for (const [name, request] of operations) {
      if (args.only !== undefined && !name.includes(args.only)) continue;
      let oneClientP50 = Number.NaN;
      for (const clients of levels) {
        const result = await runLevel(clients, requestsAt(clients), request);
        const p50 = percentile(result.samples, 50);
        if (clients === 1) oneClientP50 = p50;
        rows.push([
          name,
          String(clients),
          String(result.samples.length),
          ms(p50),
          ms(percentile(result.samples, 99)),
          errorCount(result.errors),
          ((result.samples.length / result.wallMs) * 1000).toFixed(1),
          `${(p50 / oneClientP50).toFixed(1)}×`,
          result.load,
        ]);
        console.log(rows.at(-1)?.join(' · '));
      }
    }
    console.log();
    printTable(
      [
        'operation',
        'clients',
        'requests',
        'p50',
        'p99',
        'errors',
        'req/s',
        'p50 vs 1 client',
        'load avg',
      ],
      rows,
    );
    for (const [status, body] of refusals)
      console.log(`POST /api/calls answered ${status}: ${body}`);
  } finally {
    await cloud.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
