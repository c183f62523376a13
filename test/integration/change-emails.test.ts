import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCallTime } from '../../functions/core/date-format.ts';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { localUrl } from '../../local/config.ts';
import { sesFaults } from '../../local/ses/faults-client.ts';
import { Outbox, type OutboxMessage } from '../../local/ses/outbox.ts';
import {
  bookingWhere,
  type CreatedBooking,
  createBooking,
  payWithCard,
  postJson,
  timelineTypes,
  tomorrowAt,
} from './support/booking-api.ts';
import { eventually, roomyLines, startTestCloud } from './support/local-cloud.ts';

let cloud: RunningLocalCloud;

beforeAll(async () => {
  cloud = await startTestCloud({ env: roomyLines });
});

afterAll(async () => {
  await cloud?.stop();
});

const ses = () => sesFaults(localUrl(cloud.config.ports.ses));

/**
 * The emails to one address as the local SES stored them (the outbox folder: with the files'
 * content), checked against what `/_local/outbox?format=json` lists of their attachments.
 */
async function emailsTo(parentEmail: string): Promise<OutboxMessage[]> {
  const listed = (
    (await (await fetch(`${cloud.apiUrl}/_local/outbox?format=json`)).json()) as {
      to: string;
      sentAt: string;
      attachments?: unknown;
    }[]
  ).filter((email) => email.to === parentEmail);
  // Read after the list: an email sent in between is then in both or only in `stored`.
  const stored = (await new Outbox(join(cloud.config.dataDir, 'outbox')).list()).filter(
    (email) => email.to === parentEmail,
  );
  expect(listed.map((email) => email.attachments)).toEqual(
    stored.slice(0, listed.length).map((email) =>
      email.attachments?.map(({ filename, contentType, size }) => ({
        filename,
        contentType,
        size,
      })),
    ),
  );
  return stored;
}

const moved = (emails: OutboxMessage[]) =>
  emails.filter((email) => email.subject.startsWith('Your call is moved'));
const cancelled = (emails: OutboxMessage[]) =>
  emails.filter((email) => email.subject.startsWith('Your call is cancelled'));

/** The email's calendar file, unfolded into its logical lines. */
function calendarLines(email: OutboxMessage | undefined): string[] {
  const file = email?.attachments?.find((a) => a.filename.endsWith('.ics'));
  if (!file) throw new Error(`No .ics attached to ${email?.subject}`);
  expect(file.contentType).toMatch(/^text\/calendar/);
  const text = Buffer.from(file.content, 'base64').toString('utf8');
  expect(file.size).toBe(Buffer.byteLength(text));
  return text.replace(/\r\n /g, '').split('\r\n');
}

const icsUtc = (iso: string) => iso.replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');

async function paidBooking(parentEmail: string, scheduledAt: string): Promise<CreatedBooking> {
  const booking = await createBooking(cloud, { parentEmail, scheduledAt });
  await payWithCard(cloud, booking);
  await eventually('the confirmation email', async () =>
    (await emailsTo(parentEmail)).find((email) => email.subject.startsWith('Santa will call')),
  );
  return booking;
}

const reschedule = (booking: CreatedBooking, scheduledAt: string) =>
  postJson(
    cloud,
    `/api/calls/${booking.callId}`,
    { scheduledAt },
    { authorization: `Bearer ${booking.accessToken}` },
    'PATCH',
  );

describe('emails after a change', { timeout: 120_000 }, () => {
  it('confirms with a calendar file and a status link that carries the token', async () => {
    const parentEmail = 'change-confirm@example.com';
    const callAt = tomorrowAt(17, 5);
    const booking = await paidBooking(parentEmail, callAt);

    const [confirmation] = await emailsTo(parentEmail);
    const lines = calendarLines(confirmation);

    expect(lines).toContain('METHOD:PUBLISH');
    expect(lines).toContain(`UID:booking-${booking.callId}@callsanta`);
    expect(lines).toContain('SEQUENCE:0');
    expect(lines).toContain(`DTSTART:${icsUtc(callAt)}`);
    expect(confirmation?.text).toContain(`/success/${booking.callId}#token=${booking.accessToken}`);
  });

  it('sends one "moved" email per reschedule — with the new time and calendar file — and none for a retried PATCH', async () => {
    // Arrange
    const parentEmail = 'change-moved@example.com';
    const booking = await paidBooking(parentEmail, tomorrowAt(17, 10));
    const first = tomorrowAt(18, 40);
    const second = tomorrowAt(19, 15);

    // Act: move, retry the same PATCH, then move again.
    const answer = await reschedule(booking, first);
    const afterFirst = await eventually('the moved email', async () => {
      const sent = moved(await emailsTo(parentEmail));
      return sent.length > 0 ? sent : undefined;
    });
    const retried = await reschedule(booking, first);
    const afterRetry = moved(await emailsTo(parentEmail));
    await reschedule(booking, second);
    const afterSecond = await eventually('the second moved email', async () => {
      const sent = moved(await emailsTo(parentEmail));
      return sent.length > 1 ? sent : undefined;
    });

    // Assert
    expect(answer.status).toBe(200);
    expect(retried.status).toBe(200);
    expect(afterFirst).toHaveLength(1);
    expect(afterRetry).toHaveLength(1);
    expect(afterSecond).toHaveLength(2);
    const [one, two] = afterSecond;
    const newTime = formatCallTime(first, 'America/New_York', 'en-US');
    expect(one?.subject).toContain(newTime);
    expect(one?.text).toContain(`Santa will now call Emma on ${newTime}.`);
    expect(one?.text).toContain(`/manage/${booking.callId}#token=${booking.accessToken}`);
    expect(calendarLines(one)).toEqual(
      expect.arrayContaining([
        'METHOD:PUBLISH',
        `UID:booking-${booking.callId}@callsanta`,
        `DTSTART:${icsUtc(first)}`,
        'SEQUENCE:1',
      ]),
    );
    // The retried PATCH is recorded as a (same-time) move, so the next file counts past it.
    const secondLines = calendarLines(two);
    expect(secondLines).toContain(`DTSTART:${icsUtc(second)}`);
    expect(secondLines).toContain(`UID:booking-${booking.callId}@callsanta`);
    const sequence = Number(secondLines.find((l) => l.startsWith('SEQUENCE:'))?.slice(9));
    expect(sequence).toBeGreaterThan(1);
  });

  it('sends one "cancelled" email saying the refund and when it lands, however often cancel is retried', async () => {
    // Arrange
    const parentEmail = 'change-cancelled@example.com';
    const booking = await paidBooking(parentEmail, tomorrowAt(17, 20));
    const cancel = () =>
      postJson(
        cloud,
        `/api/calls/${booking.callId}/cancel`,
        {},
        { authorization: `Bearer ${booking.accessToken}` },
      );

    // Act
    const answer = await cancel();
    const again = await cancel();
    const sent = await eventually('the cancelled email', async () => {
      const found = cancelled(await emailsTo(parentEmail));
      return found.length > 0 ? found : undefined;
    });

    // Assert
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ callStatus: 'cancelled', refunded: true });
    expect(again.status).toBe(200);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toContain(`We have refunded $${(booking.amountCents / 100).toFixed(2)}`);
    expect(sent[0]?.text).toContain('5–10 business days');
    expect(sent[0]?.text).toMatch(/https?:\/\/\S+\/book\b/);
    expect(calendarLines(sent[0])).toEqual(
      expect.arrayContaining([
        'METHOD:CANCEL',
        'STATUS:CANCELLED',
        `UID:booking-${booking.callId}@callsanta`,
        'SEQUENCE:1',
      ]),
    );
  });

  it('sends no "moved" email for a move a later move or a cancellation overtook (two tabs racing)', async () => {
    // Arrange: the handlers' own code, in this process, against the local cloud.
    const { findBooking } = await import('../../functions/data/bookings.ts');
    const { sendOwedChangeEmail } = await import('../../functions/services/change-emails.ts');
    // What the first tab read back after its own move: at its time, its "moved" email owed.
    type Read = NonNullable<typeof asBooked>;
    const emailCallMoved = (before: Read, moved: Read, now: Date) =>
      sendOwedChangeEmail(
        {
          ...moved,
          changeEmailOwed: 'callMoved',
          changeEmailOwedAt: now.toISOString(),
          movedEmailOwedFrom: before.scheduledAt,
        },
        now,
      );
    const parentEmail = 'change-race@example.com';
    const booking = await paidBooking(parentEmail, tomorrowAt(17, 30));
    const asBooked = await findBooking(booking.callId);
    if (!asBooked) throw new Error('booking not found');
    // One tab's reschedule wrote 18:50, and its email is still on the way...
    const overtaken = { ...asBooked, scheduledAt: tomorrowAt(18, 50) };
    // ...when the other tab moves the call to 19:25, then cancels it.
    expect((await reschedule(booking, tomorrowAt(19, 25))).status).toBe(200);
    await eventually('the 19:25 moved email', async () =>
      moved(await emailsTo(parentEmail)).length > 0 ? true : undefined,
    );

    // Act: the first tab's email, overtaken by the later move.
    await emailCallMoved(asBooked, overtaken, new Date());
    const afterLaterMove = moved(await emailsTo(parentEmail));
    const cancel = await postJson(
      cloud,
      `/api/calls/${booking.callId}/cancel`,
      {},
      { authorization: `Bearer ${booking.accessToken}` },
    );
    await eventually('the cancelled email', async () =>
      cancelled(await emailsTo(parentEmail)).length > 0 ? true : undefined,
    );
    // ...and overtaken by the cancellation.
    await emailCallMoved(asBooked, { ...overtaken, scheduledAt: tomorrowAt(20, 5) }, new Date());

    // Assert: the parent's last email is the cancellation; no 18:50 or 20:05 "moved".
    expect(cancel.status).toBe(200);
    expect(afterLaterMove).toHaveLength(1);
    const emails = await emailsTo(parentEmail);
    expect(moved(emails)).toHaveLength(1);
    expect(emails.at(-1)?.subject).toMatch(/^Your call is cancelled/);
  });

  it('says nothing when an unpaid hold is let go', async () => {
    const parentEmail = 'change-unpaid@example.com';
    const booking = await createBooking(cloud, { parentEmail, scheduledAt: tomorrowAt(17, 25) });

    const answer = await postJson(
      cloud,
      `/api/calls/${booking.callId}/cancel`,
      {},
      { authorization: `Bearer ${booking.accessToken}` },
    );

    expect(answer.status).toBe(200);
    expect(await emailsTo(parentEmail)).toEqual([]);
  });

  it('moves the call (200) when SES refuses the "moved" email, and records the failure', async () => {
    // Arrange
    const parentEmail = 'change-ses-fails@example.com';
    const booking = await paidBooking(parentEmail, tomorrowAt(17, 30));
    await ses().inject({
      fault: { kind: 'message-rejected' },
      times: 1,
      match: { recipient: parentEmail, subjectContains: 'Your call is moved' },
    });
    const newTime = tomorrowAt(19, 50);

    // Act
    const answer = await reschedule(booking, newTime);

    // Assert
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ schedule: { scheduledAt: newTime } });
    const view = await bookingWhere(cloud, booking, 'the failure recorded', (body) =>
      timelineTypes(body).includes('change_email_failed'),
    );
    expect(view).toMatchObject({ callStatus: 'scheduled', paymentStatus: 'paid' });
    expect(moved(await emailsTo(parentEmail))).toEqual([]);
    expect(await ses().queued()).toEqual([]);
  });
});
