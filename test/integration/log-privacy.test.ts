import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePhoneNumber } from 'libphonenumber-js/max';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLocalCloudConfig, localUrl } from '../../local/config.ts';
import { type CloudProcess, killLaunched, launchHealthy } from './local-cloud-process.ts';
import {
  bookingWhere,
  type CloudAddress,
  type CreatedBooking,
  createBooking,
  outbox,
  payWithCard,
  postJson,
} from './support/booking-api.ts';
import { roomyLines } from './support/local-cloud.ts';

/**
 * A whole journey on a local cloud started as `npm start` starts it (a child process), with
 * everything it writes captured: booking → payment → call → transcript email. No line may
 * carry what the parent told us, and the booking's handlers must say which function and
 * which booking each line is about.
 */

// Values found nowhere else: a hit in the log can only be a leak of this booking's data.
const childName = 'Zephyrine';
const childInfoText = 'Adores quokkas and a tortoise called Biscotti-Vermillion.';
const parentEmail = 'quokka.parent.7731@example.org';
const phoneNumber = '+14155552671';

const env = {
  ...roomyLines,
  // As `npm start` runs: the test runner's own setting (vitest.config.ts) silences handlers.
  POWERTOOLS_LOG_LEVEL: 'INFO',
  POWERTOOLS_METRICS_DISABLED: 'false',
  CALLSANTA_TIME_SCALE: '60',
  EXPECTED_CALL_MINUTES: '1',
  CALL_RETRY_WAIT_SECONDS: '60',
  CALLING_HOURS_START: '00:00',
  CALLING_HOURS_END: '24:00',
};

let cloud: CloudProcess;
let address: CloudAddress;
let booking: CreatedBooking;
let transcriptTexts: string[] = [];
let lines: string[] = [];
/** What the cloud printed once it was up: the handlers' and stand-ins' lines. */
let afterBanner: string[] = [];

/** Each line of output parsed as JSON (the handlers' logger and EMF), others left out. */
function jsonLines(): Record<string, unknown>[] {
  return lines.flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}

beforeAll(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'callsanta-log-privacy-'));
  const launched = await launchHealthy(dataDir, env);
  cloud = launched.cloud;
  const config = loadLocalCloudConfig({
    ...env,
    CALLSANTA_PORT: String(launched.basePort),
    CALLSANTA_DATA_DIR: dataDir,
  });
  address = { config, apiUrl: localUrl(config.ports.api) };

  booking = await createBooking(address, {
    scheduledAt: undefined,
    callNow: true,
    timezone: 'America/Los_Angeles',
    phoneNumber,
    childName,
    childInfoText,
    parentEmail,
  });
  await payWithCard(address, booking);
  const done = await bookingWhere(
    address,
    booking,
    'the call to end and the transcript email to be sent',
    (body) =>
      body.callStatus === 'completed' &&
      (body.timeline as { type: string; detail?: { template?: string } }[]).some(
        (event) => event.type === 'email_sent' && event.detail?.template === 'callTranscript',
      ),
    60_000,
  );
  const conversationId =
    (done.timeline as { type: string; detail?: { conversationId?: string } }[]).find(
      (event) => event.type === 'call_placed',
    )?.detail?.conversationId ?? '';
  const conversation = (await (
    await fetch(`${config.elevenLabs.baseUrl}/v1/convai/conversations/${conversationId}`, {
      headers: { 'xi-api-key': config.elevenLabsAccount.apiKey },
    })
  ).json()) as { transcript?: { message?: string | null }[] };
  transcriptTexts = (conversation.transcript ?? []).flatMap((turn) =>
    turn.message && turn.message.length >= 12 ? [turn.message] : [],
  );
  // A forged delivery, as a prober would send: refused, and counted as a signature failure.
  const forged = await postJson(address, '/api/webhooks/stripe', '{"id":"evt_forged"}', {
    'stripe-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`,
  });
  expect(forged.status).toBe(400);
  const emails = await outbox(address);
  expect(emails.some((email) => email.to.includes(parentEmail))).toBe(true);
  // Lines written after the last step (the render of nothing, the reconciler) count too.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  lines = `${cloud.stdout()}\n${cloud.stderr()}`.split('\n').filter((line) => line.trim());
  afterBanner = lines.slice(lines.findIndex((line) => line.startsWith('Press Ctrl-C')) + 1);
}, 150_000);

afterAll(killLaunched);

describe('the local cloud’s log of a whole journey', () => {
  it('was captured, and is about this booking', () => {
    expect(afterBanner.length).toBeGreaterThan(10);
    expect(lines.some((line) => line.includes(booking.callId))).toBe(true);
    expect(transcriptTexts.length).toBeGreaterThan(0);
  });

  it('holds no child name, phone, email, transcript text, token, client secret or key', () => {
    // Arrange: every form the phone number can take, and every secret the cloud knows (the
    // start banner shows the stand-ins' fixed local keys to the developer on purpose: the
    // keys are looked for in what follows it; the parent's data in every line).
    const phone = parsePhoneNumber(phoneNumber);
    const { config } = address;
    const personal = [
      childName,
      childInfoText,
      'Biscotti',
      parentEmail,
      parentEmail.split('@')[0] as string,
      phone.number,
      phone.nationalNumber,
      phone.formatNational(),
      phone.formatInternational(),
      phone.number.replace('+', ''),
      ...transcriptTexts,
      booking.accessToken,
      booking.clientSecret,
    ];
    const keys = [
      config.stripeKeys.secret,
      config.elevenLabsAccount.apiKey,
      config.secrets.stripeWebhook,
      config.secrets.elevenLabsWebhook,
      config.secrets.remotionWebhook,
      config.accessTokenSecret,
    ];
    const found = (values: string[], among: string[]) =>
      values.flatMap((value) =>
        among.filter((line) => line.includes(value)).map((line) => ({ value, line })),
      );

    // Act
    const leaks = [...found(personal, lines), ...found(keys, afterBanner)];

    // Assert
    expect(leaks).toEqual([]);
  });

  it('has the booking id as correlation id and the own function name on its handlers’ lines', () => {
    // Arrange
    const ofBooking = jsonLines().filter((line) => line.correlation_id === booking.callId);
    const functionsOf = (message: string) =>
      new Set(ofBooking.filter((line) => line.message === message).map((l) => l.function_name));

    // Act
    const functions = new Set(ofBooking.map((line) => line.function_name));
    const aboutIt = jsonLines().filter(
      (line) =>
        line.bookingId === booking.callId &&
        line.function_name !== 'callsanta-local-ReconcileBookings',
    );

    // Assert: each step's line names the step that wrote it, whatever ran beside it.
    expect(ofBooking.every((line) => typeof line.function_name === 'string')).toBe(true);
    for (const name of [
      'CreateBooking',
      'StripeWebhook',
      'AcquireCallCapacity',
      'PlaceCall',
      'ElevenLabsWebhook',
    ]) {
      expect(functions, name).toContain(`callsanta-local-${name}`);
    }
    expect(functionsOf('booking created')).toEqual(new Set(['callsanta-local-CreateBooking']));
    expect(functionsOf('call placed')).toEqual(new Set(['callsanta-local-PlaceCall']));
    expect(functionsOf('call queued for a line')).toEqual(
      new Set(['callsanta-local-AcquireCallCapacity']),
    );
    expect(aboutIt.length).toBeGreaterThan(0);
    for (const line of aboutIt)
      expect(line.correlation_id, String(line.message)).toBe(booking.callId);
  });

  it('carries the journey’s metrics as EMF in namespace CallSanta, stage local', () => {
    const emf = jsonLines().filter((line) => typeof line._aws === 'object');
    const names = new Set(
      emf.flatMap((line) =>
        (
          line._aws as { CloudWatchMetrics: { Namespace: string; Metrics: { Name: string }[] }[] }
        ).CloudWatchMetrics.flatMap((set) => set.Metrics.map((metric) => metric.Name)),
      ),
    );

    expect(emf.every((line) => line.stage === 'local' && line.service === 'callsanta')).toBe(true);
    for (const name of [
      'BookingsCreated',
      'BookingsPaid',
      'CallsPlaced',
      'CallStartLatenessSeconds',
      'CallsCompleted',
      'SignatureFailures',
    ]) {
      expect(names, name).toContain(name);
    }
  });
});
