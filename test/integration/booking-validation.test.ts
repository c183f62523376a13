import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../functions/schemas/api/error-body.ts';
import { voiceNoteUploadSchema } from '../../functions/schemas/api/voice-note-upload.ts';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { parseAnswer } from './support/api-answer.ts';
import {
  createBooking,
  getBooking,
  postJson,
  tomorrowAt,
  validBooking,
} from './support/booking-api.ts';
import { startTestCloud } from './support/local-cloud.ts';

let cloud: RunningLocalCloud;

beforeAll(async () => {
  cloud = await startTestCloud();
});

afterAll(async () => {
  await cloud?.stop();
});

const consent = { ownsNumber: true, isGuardian: true, aiCall: true, recording: true };
const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600_000).toISOString();
const tomorrowLocal = (hour: number) => {
  // 03:00 and 23:30 in New York are outside 08:00–21:00 whatever the season.
  const day = new Date(Date.now() + 24 * 3600_000).toISOString().slice(0, 10);
  return `${day}T${String(hour).padStart(2, '0')}:30:00-05:00`;
};

// Each row: what is wrong, the change to a valid body, the field the error must name.
const invalidBodies: [string, Record<string, unknown>, string][] = [
  ['no child name', { childName: undefined }, 'childName'],
  ['an empty child name', { childName: '   ' }, 'childName'],
  ['a child name of 51 letters', { childName: 'A'.repeat(51) }, 'childName'],
  ['digits in the child name', { childName: 'Emma2' }, 'childName'],
  ['markup in the child name', { childName: '<script>' }, 'childName'],
  ['a child name that is a number', { childName: 42 }, 'childName'],
  ['age 0', { childAge: 0 }, 'childAge'],
  ['age 18', { childAge: 18 }, 'childAge'],
  ['a fractional age', { childAge: 7.5 }, 'childAge'],
  ['age as text', { childAge: 'seven' }, 'childAge'],
  ['an unknown gender', { childGender: 'unicorn' }, 'childGender'],
  ['1001 characters about the child', { childInfoText: 'x'.repeat(1001) }, 'childInfoText'],
  ['a voice note key we never issued', { voiceNoteKey: '../../etc/passwd' }, 'voiceNoteKey'],
  [
    'a voice note that was never uploaded',
    { voiceNoteKey: 'voice-notes/01ARZ3NDEKTSV4RRFFQ69G5FAV.webm' },
    'voiceNoteKey',
  ],
  ['no phone number', { phoneNumber: undefined }, 'phoneNumber'],
  ['a national phone number', { phoneNumber: '4155552671' }, 'phoneNumber'],
  ['an impossible phone number', { phoneNumber: '+1555' }, 'phoneNumber'],
  ['letters in the phone number', { phoneNumber: '+1415CALLSANTA' }, 'phoneNumber'],
  ['a US premium-rate number', { phoneNumber: '+19005550123' }, 'phoneNumber'],
  ['a UK premium-rate number', { phoneNumber: '+449012345678' }, 'phoneNumber'],
  ['a shared-cost number', { phoneNumber: '+41840123456' }, 'phoneNumber'],
  ['a company access number (UAN)', { phoneNumber: '+445512345678' }, 'phoneNumber'],
  ['a personal (follow-me) number', { phoneNumber: '+447012345678' }, 'phoneNumber'],
  ['a pager', { phoneNumber: '+447640123456' }, 'phoneNumber'],
  ['a UIFN freephone number (+800)', { phoneNumber: '+80012345678' }, 'phoneNumber'],
  ['an international shared-cost number (+808)', { phoneNumber: '+80812345678' }, 'phoneNumber'],
  ['an Inmarsat number (+870)', { phoneNumber: '+870773111632' }, 'phoneNumber'],
  ['a satellite network number (+881)', { phoneNumber: '+881612345678' }, 'phoneNumber'],
  ['an international network number (+883)', { phoneNumber: '+883510012345' }, 'phoneNumber'],
  ['an international premium-rate number (+979)', { phoneNumber: '+979123456789' }, 'phoneNumber'],
  ['a number with an extension', { phoneNumber: '+44 20 7946 0958 ext. 123' }, 'phoneNumber'],
  ['a number only the small metadata accepts', { phoneNumber: '+447700900123' }, 'phoneNumber'],
  [
    'a UK mobile in Los Angeles time',
    { phoneNumber: '+447400123456', timezone: 'America/Los_Angeles' },
    'timezone',
  ],
  ['a US number in London time', { timezone: 'Europe/London' }, 'timezone'],
  ['waiting for calling hours as text', { waitForCallingHours: 'yes' }, 'waitForCallingHours'],
  ['an unknown time zone', { timezone: 'Mars/Olympus_Mons' }, 'timezone'],
  ['an abbreviation for a time zone', { timezone: 'EST' }, 'timezone'],
  ['no time and no call now', { scheduledAt: undefined }, 'scheduledAt'],
  ['both a time and call now', { callNow: true }, 'scheduledAt'],
  ['callNow false', { scheduledAt: undefined, callNow: false }, 'callNow'],
  ['a time that is not ISO', { scheduledAt: 'tomorrow at noon' }, 'scheduledAt'],
  ['a time in the past', { scheduledAt: inDays(-1) }, 'scheduledAt'],
  [
    'a time 5 minutes away',
    { scheduledAt: new Date(Date.now() + 5 * 60_000).toISOString() },
    'scheduledAt',
  ],
  ['a time 91 days away', { scheduledAt: inDays(91) }, 'scheduledAt'],
  ['a time at 03:30 local', { scheduledAt: tomorrowLocal(3) }, 'scheduledAt'],
  ['a time at 23:30 local', { scheduledAt: tomorrowLocal(23) }, 'scheduledAt'],
  ['an invalid email', { parentEmail: 'parent-at-example.com' }, 'parentEmail'],
  ['no email', { parentEmail: undefined }, 'parentEmail'],
  ['a negative gift budget', { giftBudget: -1 }, 'giftBudget'],
  ['a gift budget over $1000', { giftBudget: 1001 }, 'giftBudget'],
  ['a gift budget in cents', { giftBudget: 49.99 }, 'giftBudget'],
  ['a currency the price list does not offer', { currency: 'eur' }, 'currency'],
  ['a currency that is not a code', { currency: 'pounds' }, 'currency'],
  ['a locale that is not a language tag', { locale: 'en_GB!' }, 'locale'],
  ['no recording choice', { purchaseRecording: undefined }, 'purchaseRecording'],
  ['the recording choice as text', { purchaseRecording: 'yes' }, 'purchaseRecording'],
  ['an affiliate code with capitals', { affiliateCode: 'Santa_Fan' }, 'affiliateCode'],
  ['a utm source with markup', { utmSource: '<img src=x>' }, 'utmSource'],
  ['no consent', { consent: undefined }, 'consent'],
  [
    'consent without owning the number',
    { consent: { ...consent, ownsNumber: false } },
    'consent.ownsNumber',
  ],
  [
    'consent without being the guardian',
    { consent: { ...consent, isGuardian: undefined } },
    'consent.isGuardian',
  ],
  ['no agreement to an AI call', { consent: { ...consent, aiCall: 'yes' } }, 'consent.aiCall'],
  [
    'a recording bought without consent to record',
    { purchaseRecording: true, consent: { ...consent, recording: false } },
    'consent.recording',
  ],
  [
    'an outdated consent text',
    { consent: { ...consent, version: '2020-01-01' } },
    'consent.version',
  ],
  ['an unknown field', { price: 1 }, 'body'],
];

describe('POST /api/calls refuses bad bookings with 400 and the field to fix', () => {
  it.each(invalidBodies)('%s', async (_, change, field) => {
    const response = await postJson(cloud, '/api/calls', validBooking(change));

    expect(response.status).toBe(400);
    const { error } = parseAnswer(errorBodySchema, response.body, 'error');
    expect(error.code).toBe('validation_failed');
    expect(error.fields?.[field]).toEqual(expect.any(String));
    expect(error.fields?.[field]?.length).toBeGreaterThan(5);
  });

  it('has at least 30 distinct invalid bodies in the table above', () => {
    expect(new Set(invalidBodies.map(([name]) => name)).size).toBeGreaterThanOrEqual(30);
  });
});

describe('the callee’s number and time zone', () => {
  const fields = (body: Record<string, unknown>) =>
    (body.error as { fields: Record<string, string> }).fields;

  it.each([
    [
      '+447400123456',
      'America/Los_Angeles',
      'This number is in the United Kingdom: choose Europe/London.',
    ],
    ['+4740612345', 'Europe/London', 'This number is in Norway: choose Europe/Oslo.'],
    [
      '+14155552671',
      'Europe/London',
      "This number is in the United States of America: choose one of its 29 time zones from the list — type your child's city or the zone's name.",
    ],
  ])('refuses %s booked in %s, naming the right zone', async (phoneNumber, timezone, message) => {
    const response = await postJson(cloud, '/api/calls', validBooking({ phoneNumber, timezone }));

    expect(response.status).toBe(400);
    expect(fields(response.body)).toEqual({ timezone: message });
  });

  it.each([
    ['+449012345678', 'Santa cannot call premium-rate numbers: enter a mobile or landline number.'],
    ['+41840123456', 'Santa cannot call shared-cost numbers: enter a mobile or landline number.'],
    [
      '+80012345678',
      'Santa cannot call international network numbers (such as +800, +808, +870, +881–+883 or +979): enter a mobile or landline number.',
    ],
    [
      '+442079460958;ext=12',
      'Santa cannot dial an extension: enter a number that rings the phone directly, without "ext.".',
    ],
  ])('refuses %s with a clear message on phoneNumber', async (phoneNumber, message) => {
    const response = await postJson(
      cloud,
      '/api/calls',
      validBooking({ phoneNumber, timezone: 'Europe/London' }),
    );

    expect(response.status).toBe(400);
    expect(fields(response.body).phoneNumber).toBe(message);
  });

  it.each([
    // One zone: the number's, under whichever name the parent's browser gave.
    // Each row also gives a UTC hour inside 08:00–21:00 on the callee's clock.
    [
      'a UK mobile with a link name for London',
      '+447400123456',
      'Europe/Belfast',
      12,
      'Europe/London',
    ],
    ['an Indian number with the old name', '+919876543210', 'Asia/Calcutta', 8, 'Asia/Kolkata'],
    // Several zones: the one chosen.
    [
      'a US number in Los Angeles',
      '+14155552671',
      'America/Los_Angeles',
      19,
      'America/Los_Angeles',
    ],
    ['a US number with a link name', '+14155552671', 'US/Central', 18, 'America/Chicago'],
  ])('stores the callee’s zone for %s', async (_, phoneNumber, timezone, hourUtc, stored) => {
    const created = await createBooking(cloud, {
      phoneNumber,
      timezone,
      scheduledAt: tomorrowAt(hourUtc),
    });

    const view = await getBooking(cloud, created.callId, created.accessToken);

    expect(view.status).toBe(200);
    expect(view.body.schedule).toMatchObject({ timezone: stored, waitForCallingHours: false });
  });

  it('judges calling hours in the number’s zone: 20:30 in London is past 21:00 in Athens', async () => {
    // One instant, whatever summer time does: 20:30 tomorrow on London's clock.
    const instant = DateTime.now()
      .setZone('Europe/London')
      .plus({ days: 1 })
      .set({ hour: 20, minute: 30, second: 0, millisecond: 0 })
      .toUTC()
      .toISO();
    const london = await postJson(
      cloud,
      '/api/calls',
      validBooking({
        phoneNumber: '+447400123456',
        timezone: 'Europe/London',
        scheduledAt: instant ?? '',
      }),
    );
    const athens = await postJson(
      cloud,
      '/api/calls',
      validBooking({
        phoneNumber: '+306912345678',
        timezone: 'Europe/Athens',
        scheduledAt: instant ?? '',
      }),
    );

    expect(london.status).toBe(201);
    expect(athens.status).toBe(400);
    expect(fields(athens.body).scheduledAt).toMatch(/Santa calls between 08:00–21:00/);
  });

  it('keeps whether to wait for calling hours, and answers it in the booking', async () => {
    const waiting = await createBooking(cloud, { waitForCallingHours: true });
    const notWaiting = await createBooking(cloud, { waitForCallingHours: false });

    const [waitingView, notWaitingView] = await Promise.all([
      getBooking(cloud, waiting.callId, waiting.accessToken),
      getBooking(cloud, notWaiting.callId, notWaiting.accessToken),
    ]);

    expect(waitingView.body.schedule).toMatchObject({ waitForCallingHours: true });
    expect(notWaitingView.body.schedule).toMatchObject({ waitForCallingHours: false });
    expect((waitingView.body.schedule as { zones: string[] }).zones).toContain('America/New_York');
  });

  it('PATCH /api/calls/{id} refuses a zone that is not the number’s, and moves within them', async () => {
    const created = await createBooking(cloud, {
      phoneNumber: '+447400123456',
      timezone: 'Europe/London',
      scheduledAt: tomorrowAt(12),
    });
    const auth = { authorization: `Bearer ${created.accessToken}` };

    const refused = await postJson(
      cloud,
      `/api/calls/${created.callId}`,
      { scheduledAt: tomorrowAt(13), timezone: 'America/New_York' },
      auth,
      'PATCH',
    );
    const moved = await postJson(
      cloud,
      `/api/calls/${created.callId}`,
      { scheduledAt: tomorrowAt(13), timezone: 'Europe/Belfast' },
      auth,
      'PATCH',
    );

    expect(refused.status).toBe(400);
    expect(fields(refused.body)).toEqual({
      timezone: 'This number is in the United Kingdom: choose Europe/London.',
    });
    expect(moved.status).toBe(200);
    expect(moved.body.schedule).toMatchObject({
      timezone: 'Europe/London',
      scheduledAt: new Date(tomorrowAt(13)).toISOString(),
    });
  });
});

describe('POST /api/calls refuses bodies it cannot read, never with a 5xx', () => {
  it.each([
    [
      'a body that is not JSON',
      '{"childName": "Emma",',
      'application/json',
      400,
      'validation_failed',
    ],
    ['a JSON array', '[]', 'application/json', 400, 'validation_failed'],
    ['JSON null', 'null', 'application/json', 400, 'validation_failed'],
    ['an empty body', '', 'application/json', 400, 'validation_failed'],
    [
      'a form post',
      'childName=Emma',
      'application/x-www-form-urlencoded',
      415,
      'unsupported_media_type',
    ],
    ['plain text', 'hello', 'text/plain', 415, 'unsupported_media_type'],
    [
      'a body over 16 KB',
      JSON.stringify(validBooking({ childInfoText: 'x'.repeat(20_000) })),
      'application/json',
      413,
      'payload_too_large',
    ],
  ])('%s → %i', async (_, body, contentType, status, code) => {
    const response = await fetch(`${cloud.apiUrl}/api/calls`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });

    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error: { code, message: expect.any(String) } });
  });
});

describe('voice notes', () => {
  it('uploads a voice note straight to S3 with the presigned form, then books with it', async () => {
    const upload = await postJson(cloud, '/api/voice-notes', {
      contentType: 'audio/webm',
      sizeBytes: 5,
    });
    const { uploadUrl, fields, key, proof } = parseAnswer(
      voiceNoteUploadSchema,
      upload.body,
      'upload',
    );
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([Buffer.from('voice')], { type: 'audio/webm' }));

    const stored = await fetch(uploadUrl, { method: 'POST', body: form });
    const booking = await postJson(
      cloud,
      '/api/calls',
      validBooking({ voiceNoteKey: key, voiceNoteProof: proof, scheduledAt: tomorrowAt(16) }),
    );
    const withoutProof = await postJson(
      cloud,
      '/api/calls',
      validBooking({ voiceNoteKey: key, scheduledAt: tomorrowAt(16) }),
    );
    const withAnotherProof = await postJson(
      cloud,
      '/api/calls',
      validBooking({
        voiceNoteKey: key,
        voiceNoteProof: `${proof.slice(0, -1)}${proof.endsWith('A') ? 'B' : 'A'}`,
        scheduledAt: tomorrowAt(16),
      }),
    );

    expect(upload.status).toBe(201);
    expect(key).toMatch(/^voice-notes\/[0-9A-Z]{26}\.webm$/);
    expect(stored.status).toBeLessThan(300);
    expect(booking.status).toBe(201);
    expect([withoutProof.status, withAnotherProof.status]).toEqual([400, 400]);
    expect(withAnotherProof.body).toMatchObject({
      error: { fields: { voiceNoteKey: expect.stringContaining('another upload') } },
    });
  });

  it.each([
    [{ contentType: 'video/mp4', sizeBytes: 10 }, 'contentType'],
    [{ contentType: 'audio/webm', sizeBytes: 11 * 1024 * 1024 }, 'sizeBytes'],
    [{ contentType: 'audio/webm', sizeBytes: 0 }, 'sizeBytes'],
  ])('refuses an upload of %o', async (body, field) => {
    const response = await postJson(cloud, '/api/voice-notes', body);

    expect(response.status).toBe(400);
    expect((response.body.error as { fields: Record<string, string> }).fields[field]).toBeDefined();
  });
});

describe('pricing and availability', () => {
  it('answers the default price list', async () => {
    const pricing = await fetch(`${cloud.apiUrl}/api/pricing`).then((r) => r.json());

    // The default currency's prices at the top level, as before several currencies; each
    // child after the first at half the base, rounded.
    const usd = { baseCents: 999, recordingCents: 299, currency: 'usd', extraChildCents: 500 };
    expect(pricing).toEqual({ ...usd, prices: [usd] });
  });

  it("records the parent's locale, canonical, and writes the call time in it; en-US for older clients", async () => {
    const british = await createBooking(cloud, {
      locale: 'en-gb',
      currency: 'usd',
      scheduledAt: tomorrowAt(17, 0),
    });
    const older = await createBooking(cloud, { scheduledAt: tomorrowAt(17, 5) });

    const [britishView, olderView] = await Promise.all([
      getBooking(cloud, british.callId, british.accessToken),
      getBooking(cloud, older.callId, older.accessToken),
    ]);

    expect(britishView.body).toMatchObject({ locale: 'en-GB', currency: 'usd' });
    expect((britishView.body.schedule as { localDisplay: string }).localDisplay).toMatch(
      /^\w+day, \d{1,2} \w+ \d{4} at 1[23]:00 Eastern (Standard|Daylight) Time$/,
    );
    expect(olderView.body).toMatchObject({ locale: 'en-US' });
    expect((olderView.body.schedule as { localDisplay: string }).localDisplay).toMatch(
      /^\w+day, \w+ \d{1,2}, \d{4} at 1?[12]:05 PM Eastern (Standard|Daylight) Time$/,
    );
  });

  it('lists only times inside calling hours, every 5 minutes, for the local day', async () => {
    const date = new Date(Date.now() + 2 * 24 * 3600_000).toISOString().slice(0, 10);

    const body = await fetch(
      `${cloud.apiUrl}/api/availability?date=${date}&timezone=Asia/Kolkata`,
    ).then((r) => r.json() as Promise<{ times: { localTime: string; startsAt: string }[] }>);

    expect(body.times).toHaveLength(13 * 12);
    expect(body.times[0]?.localTime).toBe('08:00');
    expect(body.times.at(-1)?.localTime).toBe('20:55');
    // India is UTC+05:30: 08:00 local is 02:30 UTC.
    expect(body.times[0]?.startsAt).toBe(`${date}T02:30:00.000Z`);
  });

  it.each([
    ['date=2026-13-01&timezone=UTC', 'date'],
    ['date=2026-12-24&timezone=Nowhere', 'timezone'],
    ['timezone=Europe/Paris', 'date'],
  ])('refuses ?%s naming %s', async (query, field) => {
    const response = await fetch(`${cloud.apiUrl}/api/availability?${query}`);

    expect(response.status).toBe(400);
    expect(
      ((await response.json()) as { error: { fields: Record<string, string> } }).error.fields[
        field
      ],
    ).toBeDefined();
  });
});
