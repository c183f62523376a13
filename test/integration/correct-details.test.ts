import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phoneContactKey } from '../../functions/core/contact-key.ts';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { elevenLabsFaults } from '../../local/elevenlabs/faults-client.ts';
import { testNumbers } from '../../local/elevenlabs/test-numbers.ts';
import {
  bookingWhere,
  type CreatedBooking,
  createBooking,
  getBooking,
  payWithCard,
  postJson,
  timelineTypes,
} from './support/booking-api.ts';
import { startTestCloud } from './support/local-cloud.ts';

/**
 * PATCH /api/calls/{callId}/details: a parent corrects the number Santa calls and the child's
 * details before the call, and the call rings the corrected number with the corrected name.
 */
let cloud: RunningLocalCloud;

// A minute of booking time passes in a second, so a call 20 minutes away rings in 20 s.
beforeAll(async () => {
  cloud = await startTestCloud({
    timeScale: 60,
    env: {
      EXPECTED_CALL_MINUTES: '1',
      // The emulator's numbers are Californian: Santa may call them at any hour here.
      CALLING_HOURS_START: '00:00',
      CALLING_HOURS_END: '24:00',
    },
  });
});

afterAll(async () => {
  await cloud?.stop();
});

/** The first instant on the 5-minute grid at least `minutes` from now. */
function gridInstantIn(minutes: number): string {
  const step = 5 * 60_000;
  return new Date(Math.ceil((Date.now() + minutes * 60_000) / step) * step).toISOString();
}

async function paidBooking(scheduledAt: string, phoneNumber = '+14155552671') {
  const booking = await createBooking(cloud, { scheduledAt, phoneNumber, childName: 'Emma' });
  await payWithCard(cloud, booking);
  await bookingWhere(
    cloud,
    booking,
    'the call to be scheduled',
    (b) => b.callStatus === 'scheduled',
  );
  return booking;
}

const correct = (booking: CreatedBooking, body: unknown, token = booking.accessToken) =>
  postJson(
    cloud,
    `/api/calls/${booking.callId}/details`,
    body,
    token ? { authorization: `Bearer ${token}` } : {},
    'PATCH',
  );

async function bookingIdsBy(phoneNumber: string): Promise<string[]> {
  // Imported once the cloud has pointed the SDK at DynamoDB Local (process.env).
  const { bookingIdsByContact } = await import('../../functions/data/booking-contacts.ts');
  return bookingIdsByContact(phoneContactKey(phoneNumber));
}

describe('PATCH /api/calls/{callId}/details', () => {
  it('corrects the number and the child, once; the call rings the corrected number', async () => {
    // Far enough for the cutoff (5 min) to leave time to correct; rings 20 s later.
    const booking = await paidBooking(gridInstantIn(20));
    const body = {
      phoneNumber: testNumbers.brief,
      childName: 'Emmeline',
      childAge: 8,
      childInfoText: 'Loves trains now.',
      giftBudget: 30,
    };

    const corrected = await correct(booking, body);
    const again = await correct(booking, body);

    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({
      child: { name: 'Emmeline', age: 8 },
      giftBudget: 30,
      details: { phoneNumber: testNumbers.brief, childInfoText: 'Loves trains now.' },
    });
    // A retried PATCH changes nothing and records nothing twice.
    expect(again.status).toBe(200);
    // (The workflow may record the confirmation email meanwhile: compare what was corrected.)
    expect(again.body).toMatchObject({
      child: corrected.body.child,
      giftBudget: corrected.body.giftBudget,
      details: corrected.body.details,
    });
    const { body: view } = await getBooking(cloud, booking.callId, booking.accessToken);
    expect(timelineTypes(view).filter((type) => type === 'details_corrected')).toHaveLength(1);
    // The trail names the fields, never the values.
    const event = (view.timeline as { type: string; detail?: Record<string, string> }[]).find(
      (item) => item.type === 'details_corrected',
    );
    expect(event?.detail).toEqual({
      fields: 'phoneNumber,childName,childAge,childInfoText,giftBudget',
    });
    // The contact look-up finds the booking by the new number, not the old one.
    expect(await bookingIdsBy(testNumbers.brief)).toContain(booking.callId);
    expect(await bookingIdsBy('+14155552671')).not.toContain(booking.callId);

    // The armed workflow was not overtaken: it dials the corrected number, saying the new name.
    await bookingWhere(
      cloud,
      booking,
      'the call to be placed',
      (b) => ['in_progress', 'completed'].includes(b.callStatus as string),
      60_000,
    );
    const placed = (await elevenLabsFaults(cloud.config.elevenLabs.baseUrl).placedCalls()).filter(
      (call) => call.dialMarker?.startsWith(`booking-${booking.callId}-`),
    );
    expect(placed.map((call) => call.toNumber)).toEqual([testNumbers.brief]);
    const conversation = (await (
      await fetch(
        `${cloud.config.elevenLabs.baseUrl}/v1/convai/conversations/${placed[0]?.conversationId}`,
        { headers: { 'xi-api-key': 'xi_local_key' } },
      )
    ).json()) as {
      conversation_initiation_client_data: { dynamic_variables: Record<string, unknown> };
    };
    expect(conversation.conversation_initiation_client_data.dynamic_variables).toMatchObject({
      child_name: 'Emmeline',
      child_age: 8,
      child_info_text: 'Loves trains now.',
    });

    // Once the call is placed, a correction is refused with a reason to read.
    const late = await correct(booking, { childName: 'Emma' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ error: { code: 'details_locked' } });
    expect((late.body.error as { message: string }).message).toMatch(
      /can no longer be changed|over/,
    );
  });

  it('refuses a cancelled booking, a bad number, a missing token and a wrong one', async () => {
    const booking = await paidBooking(gridInstantIn(24 * 60));

    const badPhone = await correct(booking, { phoneNumber: '+1 415 555' });
    const premium = await correct(booking, { phoneNumber: '+19005550123' });
    const abroad = await correct(booking, { phoneNumber: '+447400123456' });
    const empty = await correct(booking, {});
    const unknownField = await correct(booking, { parentEmail: 'x@example.com' });
    const noToken = await correct(booking, { childName: 'Zed' }, '');
    const wrongToken = await correct(booking, { childName: 'Zed' }, 'not-the-token');
    // The booking is in US dollars: its budget is capped at US$1,000, as when booking.
    const hugeBudget = await correct(booking, { giftBudget: 1_000_000 });

    expect(badPhone.status).toBe(400);
    expect(badPhone.body).toMatchObject({ error: { fields: { phoneNumber: expect.any(String) } } });
    expect(premium.status).toBe(400);
    expect(premium.body).toMatchObject({
      error: { fields: { phoneNumber: expect.stringContaining('premium-rate') } },
    });
    expect(abroad.status).toBe(400);
    expect(abroad.body).toMatchObject({
      error: { fields: { phoneNumber: expect.stringContaining('United Kingdom') } },
    });
    expect(hugeBudget.status).toBe(400);
    expect(hugeBudget.body).toMatchObject({
      error: { fields: { giftBudget: 'The gift budget is between $0 and $1,000.' } },
    });
    expect(empty.status).toBe(400);
    expect(unknownField.status).toBe(400);
    // Like the other parent routes: no or a wrong token answers as an unknown booking does.
    expect(noToken.status).toBe(404);
    expect(wrongToken.status).toBe(404);
    const { body: view } = await getBooking(cloud, booking.callId, booking.accessToken);
    expect(view.child).toMatchObject({ name: 'Emma' });

    const cancelled = await postJson(
      cloud,
      `/api/calls/${booking.callId}/cancel`,
      {},
      {
        authorization: `Bearer ${booking.accessToken}`,
      },
    );
    expect(cancelled.status).toBe(200);
    const afterCancel = await correct(booking, { childName: 'Zed' });
    expect(afterCancel.status).toBe(409);
    expect(afterCancel.body).toMatchObject({
      error: {
        code: 'details_locked',
        message: 'This call is cancelled, so there is nothing to correct.',
      },
    });
  });
});

describe('PATCH /api/calls/{callId}/details: what a client sends that the form never does', () => {
  it('holds the gift budget to the booking currency maximum, stores the number in E.164, refuses another booking token', async () => {
    const booking = await paidBooking(gridInstantIn(24 * 60));
    const other = await paidBooking(gridInstantIn(25 * 60), '+14155550100');

    // US$1,000 is the largest budget a booking in dollars takes, as POST /api/calls says.
    const huge = await correct(booking, { giftBudget: 1_000_000_000 });
    const max = await correct(booking, { giftBudget: 1000 });
    // Spaces, brackets, a national number with its country: stored as the booking form stores it.
    const spaced = await correct(booking, { phoneNumber: ' +1 (415) 555-0111 ' });
    const national = await correct(booking, { phoneNumber: '(415) 555-0122', phoneCountry: 'us' });
    const onlyCountry = await correct(booking, { phoneCountry: 'US' });
    const otherToken = await correct(booking, { childName: 'Zed' }, other.accessToken);

    expect(huge.status).toBe(400);
    expect(huge.body).toMatchObject({
      error: { fields: { giftBudget: 'The gift budget is between $0 and $1,000.' } },
    });
    expect(max.status).toBe(200);
    expect(spaced.status).toBe(200);
    expect(spaced.body).toMatchObject({ details: { phoneNumber: '+14155550111' } });
    expect(national.status).toBe(200);
    expect(national.body).toMatchObject({ details: { phoneNumber: '+14155550122' } });
    expect(await bookingIdsBy('+14155550122')).toContain(booking.callId);
    expect(onlyCountry.status).toBe(400);
    expect(otherToken.status).toBe(404);
    const { body: view } = await getBooking(cloud, booking.callId, booking.accessToken);
    expect(view).toMatchObject({ giftBudget: 1000, child: { name: 'Emma' } });
  });

  it('takes two corrections sent at once (two tabs, a double tap): both apply, neither is told the booking changed', async () => {
    const booking = await paidBooking(gridInstantIn(24 * 60));

    const answers = await Promise.all([
      correct(booking, { childAge: 9 }),
      correct(booking, { childInfoText: 'Loves snow.' }),
      correct(booking, { giftBudget: 40 }),
    ]);

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    const { body: view } = await getBooking(cloud, booking.callId, booking.accessToken);
    expect(view).toMatchObject({
      child: { age: 9 },
      giftBudget: 40,
      details: { childInfoText: 'Loves snow.' },
    });
    expect(timelineTypes(view).filter((type) => type === 'details_corrected')).toHaveLength(3);
  });
});

describe('PATCH /api/calls/{callId}/details racing the dial', () => {
  it('a correction sent again and again while the call starts: the call rings the last number a 200 took, once', async () => {
    // Rings about 16 s from now (a minute passes in a second); the cutoff (5 min before the
    // call in booking time) is still ahead by the real clock, so only the dial locks the details.
    const booking = await paidBooking(gridInstantIn(16), '+14155553000');
    const accepted: string[] = [];
    const answers: number[] = [];
    let locked = false;
    for (let i = 1; !locked && i < 5000; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      const phoneNumber = `+1415555${3000 + (i % 900)}`;
      const answer = await correct(booking, { phoneNumber });
      answers.push(answer.status);
      if (answer.status === 200) accepted.push(phoneNumber);
      else {
        expect(answer).toMatchObject({ status: 409, body: { error: { code: 'details_locked' } } });
        locked = true;
      }
    }

    expect(locked).toBe(true);
    expect(accepted.length).toBeGreaterThan(0);
    const placedCall = await bookingWhere(
      cloud,
      booking,
      'the call to be placed',
      (b) => ['in_progress', 'completed'].includes(b.callStatus as string),
      60_000,
    );
    const placed = (await elevenLabsFaults(cloud.config.elevenLabs.baseUrl).placedCalls()).filter(
      (call) => call.dialMarker?.startsWith(`booking-${booking.callId}-`),
    );
    expect(placed.map((call) => call.toNumber)).toEqual([accepted.at(-1)]);
    expect(placedCall).toMatchObject({ details: { phoneNumber: accepted.at(-1) } });
  });
});
