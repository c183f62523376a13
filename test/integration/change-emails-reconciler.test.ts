import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { localUrl } from '../../local/config.ts';
import { sesFaults } from '../../local/ses/faults-client.ts';
import {
  bookingWhere,
  type CreatedBooking,
  createBooking,
  outbox,
  payWithCard,
  postJson,
  timelineTypes,
  tomorrowAt,
} from './support/booking-api.ts';
import { eventually, startTestCloud } from './support/local-cloud.ts';

/**
 * A change email that could not go when the booking changed (SES refused it) stays owed on the
 * booking, and the reconciler sends it: the local cloud at 60× runs the reconciler every 5 s
 * with a 15 s grace; a send's lease is 30 s of wall time, so the email goes about half a minute
 * after the change.
 */
let cloud: RunningLocalCloud;

beforeAll(async () => {
  cloud = await startTestCloud({ timeScale: 60 });
});

afterAll(async () => {
  await cloud?.stop();
});

const ses = () => sesFaults(localUrl(cloud.config.ports.ses));
const emailsTo = async (parentEmail: string, subject: string) =>
  (await outbox(cloud)).filter(
    (email) => email.to === parentEmail && email.subject.startsWith(subject),
  );

async function paidBooking(parentEmail: string, scheduledAt: string): Promise<CreatedBooking> {
  const booking = await createBooking(cloud, { parentEmail, scheduledAt });
  await payWithCard(cloud, booking);
  await eventually('the confirmation email', async () => {
    const sent = await emailsTo(parentEmail, 'Santa will call');
    return sent.length > 0 ? sent : undefined;
  });
  return booking;
}

const withToken = (booking: CreatedBooking) => ({
  authorization: `Bearer ${booking.accessToken}`,
});

describe('change emails the reconciler sends', { timeout: 150_000 }, () => {
  it('a "moved" email SES refused at the move is sent later, once', async () => {
    // Arrange
    const parentEmail = 'reconciled-moved@example.com';
    const booking = await paidBooking(parentEmail, tomorrowAt(17, 30));
    await ses().inject({
      fault: { kind: 'message-rejected' },
      times: 1,
      match: { recipient: parentEmail, subjectContains: 'Your call is moved' },
    });
    const newTime = tomorrowAt(19, 50);

    // Act
    const answer = await postJson(
      cloud,
      `/api/calls/${booking.callId}`,
      { scheduledAt: newTime },
      withToken(booking),
      'PATCH',
    );
    const refused = await emailsTo(parentEmail, 'Your call is moved');
    const view = await bookingWhere(
      cloud,
      booking,
      'the reconciler to send the "moved" email',
      (body) => timelineTypes(body).includes('reconciled'),
      90_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 6000));

    // Assert
    expect(answer.status).toBe(200);
    expect(refused).toEqual([]);
    expect(timelineTypes(view)).toEqual(
      expect.arrayContaining(['change_email_failed', 'reconciled']),
    );
    expect(await emailsTo(parentEmail, 'Your call is moved')).toHaveLength(1);
  });

  it('a "cancelled" email SES refused at the cancel is sent later, once, with the refund', async () => {
    // Arrange
    const parentEmail = 'reconciled-cancelled@example.com';
    const booking = await paidBooking(parentEmail, tomorrowAt(18, 10));
    await ses().inject({
      fault: { kind: 'message-rejected' },
      times: 1,
      match: { recipient: parentEmail, subjectContains: 'Your call is cancelled' },
    });

    // Act
    const answer = await postJson(
      cloud,
      `/api/calls/${booking.callId}/cancel`,
      {},
      withToken(booking),
    );
    const refused = await emailsTo(parentEmail, 'Your call is cancelled');
    const sent = await eventually(
      'the reconciler to send the "cancelled" email',
      async () => {
        const found = await emailsTo(parentEmail, 'Your call is cancelled');
        return found.length > 0 ? found : undefined;
      },
      90_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 6000));

    // Assert
    expect(answer.status).toBe(200);
    expect(refused).toEqual([]);
    expect(sent[0]?.text).toContain('We have refunded');
    expect(await emailsTo(parentEmail, 'Your call is cancelled')).toHaveLength(1);
  });
});
