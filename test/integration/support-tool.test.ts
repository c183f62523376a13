import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import {
  bookingWhere,
  type CreatedBooking,
  createBooking,
  nextInstant,
  outbox,
  payWithCard,
} from './support/booking-api.ts';
import { startTestCloud } from './support/local-cloud.ts';

/** The terminal's escapeChar character, which starts every colour code. */
const escapeChar = String.fromCharCode(27);
const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');

let cloud: RunningLocalCloud;
let completed: CreatedBooking;

/** The support tool as a person runs it: its own process, against the cloud's ports. */
async function support(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'bin/support.ts', ...args],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          CALLSANTA_PORT: String(cloud.config.basePort),
        },
        timeout: 60_000,
      },
    );
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, out: failed.stdout ?? '', err: failed.stderr ?? '' };
  }
}

async function supportJson<T>(...args: string[]): Promise<T> {
  const { code, out, err } = await support(...args, '--json');
  if (code !== 0) throw new Error(`support ${args.join(' ')} exited ${code}: ${err}`);
  return JSON.parse(out) as T;
}

interface ShowJson {
  booking: { facts: Record<string, string>; providers: Record<string, string> };
  emails: { template: string; at: string }[];
  executions: { name: string; status: string }[];
  timeline: { at: string; source: string; what: string; detail: Record<string, string> }[];
}

beforeAll(async () => {
  cloud = await startTestCloud({
    timeScale: 60,
    env: { EXPECTED_CALL_MINUTES: '1', CALLING_HOURS_START: '00:00', CALLING_HOURS_END: '24:00' },
  });
  // Prepare: a call booked and paid "now", which rings, completes and is emailed about.
  completed = await createBooking(cloud, {
    scheduledAt: undefined,
    callNow: true,
    timezone: 'America/Los_Angeles',
    phoneNumber: '+14155552671',
    parentEmail: 'Support.Parent@Example.com',
  });
  await payWithCard(cloud, completed);
  await bookingWhere(
    cloud,
    completed,
    'the call to complete and its transcript to be emailed',
    (body) =>
      body.callStatus === 'completed' &&
      (body.timeline as { type: string; detail?: { template?: string } }[]).some(
        (event) => event.type === 'email_sent' && event.detail?.template === 'callTranscript',
      ),
    45_000,
  );
}, 180_000);

afterAll(async () => {
  await cloud?.stop();
});

// Each step runs the tool in its own process (a few seconds each on a busy machine).
describe('the support tool against the local cloud', { timeout: 240_000 }, () => {
  it("finds a completed booking by the parent's email, however it is typed", async () => {
    // Act
    const found = await supportJson<{ bookings: { bookingId: string; callStatus: string }[] }>(
      'find',
      '  support.parent@EXAMPLE.com',
    );

    // Assert
    expect(found.bookings).toEqual([
      expect.objectContaining({ bookingId: completed.callId, callStatus: 'completed' }),
    ]);
  });

  it('finds it by the phone number typed with spaces and dashes, and by its id', async () => {
    // Act
    const byPhone = await supportJson<{ bookings: { bookingId: string }[] }>(
      'find',
      '+1 415-555-2671',
    );
    const byNational = await supportJson<{ bookings: { bookingId: string }[] }>(
      'find',
      '(415) 555 2671',
      '--country',
      'US',
    );
    const byId = await supportJson<{ bookings: { bookingId: string }[] }>('find', completed.callId);
    const nobody = await supportJson<{ bookings: unknown[] }>('find', 'nobody@example.com');

    // Assert
    expect(byPhone.bookings.map((b) => b.bookingId)).toEqual([completed.callId]);
    expect(byNational.bookings.map((b) => b.bookingId)).toEqual([completed.callId]);
    expect(byId.bookings.map((b) => b.bookingId)).toEqual([completed.callId]);
    expect(nobody.bookings).toEqual([]);
  });

  it('shows the booking with its audit trail, execution history and emails on one timeline, and no personal data', async () => {
    // Act
    const { code, out } = await support('show', completed.callId, '--json');
    const view = JSON.parse(out) as ShowJson;
    const times = view.timeline.map((entry) => Date.parse(entry.at));

    // Assert
    expect(code).toBe(0);
    expect(view.booking.facts).toMatchObject({
      bookingId: completed.callId,
      callStatus: 'completed',
      paymentStatus: 'paid',
    });
    expect(view.booking.providers['Stripe PaymentIntent']).toBe(completed.paymentIntentId);
    expect(view.booking.providers['ElevenLabs conversation']).toMatch(/\S/);
    expect(view.executions).toContainEqual(
      expect.objectContaining({ name: `booking-${completed.callId}-v2`, status: 'SUCCEEDED' }),
    );
    expect(view.emails.map((email) => email.template)).toEqual(
      expect.arrayContaining(['bookingConfirmation', 'callTranscript']),
    );
    const sources = new Set(view.timeline.map((entry) => entry.source));
    expect(sources).toEqual(new Set(['audit', 'workflow']));
    expect(view.timeline.map((entry) => entry.what)).toEqual(
      expect.arrayContaining(['booking_created', 'ExecutionStarted', 'ExecutionSucceeded']),
    );
    expect(view.timeline.some((entry) => entry.source === 'workflow' && entry.detail.state)).toBe(
      true,
    );
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Neither the child (name, interests) nor the parent's contact without --reveal.
    expect(out).not.toMatch(/Emma|dinosaurs|Pepper|support\.parent|4155552671/i);
  });

  it('writes plain lines when piped, with the timeline', async () => {
    // Act
    const { code, out } = await support('show', completed.callId);

    // Assert
    expect(code).toBe(0);
    expect(out).toContain(`== Booking ${completed.callId}`);
    expect(out).toContain('== Timeline');
    expect(out).toMatch(/callStatus: completed/);
    // No colour codes or table borders when not in a terminal.
    expect(out).not.toContain(escapeChar);
    expect(out).not.toMatch(/┌|─/);
  });

  it('resends the transcript and records who did it and why in the audit trail', async () => {
    // Arrange
    const sentBefore = (await outbox(cloud)).filter((email) =>
      email.subject.includes('transcript'),
    ).length;

    // Act
    const result = await supportJson<{ by: string; outcome: Record<string, string> }>(
      'resend',
      completed.callId,
      'transcript',
      '--as',
      'elf.ops',
      '--reason',
      'parent lost the email',
    );
    const view = await supportJson<ShowJson>('show', completed.callId);
    const sentAfter = (await outbox(cloud)).filter((email) =>
      email.subject.includes('transcript'),
    ).length;

    // Assert
    expect(result.by).toBe('elf.ops');
    expect(sentAfter).toBe(sentBefore + 1);
    expect(view.timeline).toContainEqual(
      expect.objectContaining({
        source: 'audit',
        what: 'support_action',
        detail: expect.objectContaining({
          action: 'resend',
          by: 'elf.ops',
          reason: 'parent lost the email',
          email: 'callTranscript',
        }),
      }),
    );
    expect(view.timeline).toContainEqual(
      expect.objectContaining({
        what: 'email_sent',
        detail: expect.objectContaining({ template: 'callTranscript', resent: 'true' }),
      }),
    );
  });

  it('cancels a paid booking with a refund, recorded with who did it', async () => {
    // Arrange
    const later = await createBooking(cloud, { parentEmail: 'support.parent@example.com' });
    await payWithCard(cloud, later);
    await bookingWhere(
      cloud,
      later,
      'the payment to land',
      (body) => body.paymentStatus === 'paid',
    );

    const newTime = nextInstant();

    // Act
    const moved = await supportJson<{ outcome: Record<string, string> }>(
      'reschedule',
      later.callId,
      newTime,
      '--as',
      'elf.ops',
      '--reason',
      'parent asked for later',
    );
    const refused = await support('cancel', later.callId, '--refund');
    const result = await supportJson<{ outcome: Record<string, string> }>(
      'cancel',
      later.callId,
      '--refund',
      '--as',
      'elf.ops',
      '--reason',
      'parent asked by phone',
    );
    const view = await supportJson<ShowJson>('show', later.callId);
    const byEmail = await supportJson<{ bookings: { bookingId: string }[] }>(
      'find',
      'support.parent@example.com',
    );

    // Assert
    expect(moved.outcome.to).toBe(newTime);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/--reason/);
    expect(result.outcome).toEqual({ callStatus: 'cancelled', paymentStatus: 'refunded' });
    const audit = view.timeline.filter((entry) => entry.source === 'audit');
    expect(audit).toContainEqual(
      expect.objectContaining({ what: 'booking_cancelled', detail: { by: 'support' } }),
    );
    expect(audit).toContainEqual(expect.objectContaining({ what: 'payment_refunded' }));
    expect(audit).toContainEqual(
      expect.objectContaining({
        what: 'support_action',
        detail: expect.objectContaining({ action: 'cancel', by: 'elf.ops' }),
      }),
    );
    // Both of this parent's bookings, newest first.
    expect(byEmail.bookings.map((b) => b.bookingId)).toEqual([later.callId, completed.callId]);
    // Support's changes tell the parent as the parent's own do: one email each.
    const told = (await outbox(cloud))
      .filter((email) => email.to === 'support.parent@example.com')
      .map((email) => email.subject.split(':')[0]);
    expect(told.filter((subject) => subject === 'Your call is moved')).toHaveLength(1);
    expect(told.filter((subject) => subject === 'Your call is cancelled')).toHaveLength(1);
  });

  it("cancels without --refund on the parent's terms: a day ahead, the money goes back", async () => {
    // Arrange
    const ahead = await createBooking(cloud, { parentEmail: 'ahead.parent@example.com' });
    await payWithCard(cloud, ahead);
    await bookingWhere(
      cloud,
      ahead,
      'the payment to land',
      (body) => body.paymentStatus === 'paid',
    );

    // Act
    const result = await supportJson<{ outcome: Record<string, string> }>(
      'cancel',
      ahead.callId,
      '--as',
      'elf.ops',
      '--reason',
      'parent asked by phone',
    );

    // Assert
    expect(result.outcome).toEqual({ callStatus: 'cancelled', paymentStatus: 'refunded' });
  });

  it('refuses to redrive what did not fail, then erases the child, recorded with who', async () => {
    // Act
    const redrive = await support('redrive', completed.callId, '--reason', 'parent says no call');
    const erased = await supportJson<{ outcome: Record<string, string> }>(
      'erase',
      completed.callId,
      '--as',
      'elf.ops',
      '--reason',
      'parent asked us to forget',
    );
    const revealed = await supportJson<
      ShowJson & { booking: { personal?: Record<string, string> } }
    >('show', completed.callId, '--reveal', '--as', 'elf.ops', '--reason', 'check the erase');

    // Assert
    expect(redrive.code).toBe(1);
    expect(redrive.err).toMatch(/nothing_to_redrive/);
    expect(erased.outcome.dataErasedAt).toMatch(/^\d{4}-/);
    expect(revealed.booking.personal?.childName).toBe('[erased]');
    expect(revealed.booking.personal?.childInfoText).toBeUndefined();
    const audit = revealed.timeline.filter((entry) => entry.source === 'audit');
    expect(audit.map((entry) => entry.what)).toEqual(
      expect.arrayContaining(['child_data_erased', 'support_viewed_personal_data']),
    );
    expect(audit).toContainEqual(
      expect.objectContaining({
        what: 'support_action',
        detail: expect.objectContaining({ action: 'erase', by: 'elf.ops' }),
      }),
    );
  });
});
