import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { postJson, tomorrowAt, validBooking } from './support/booking-api.ts';
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
    { consent: { ...consent, recording: false } },
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
    const error = response.body.error as {
      code: string;
      message: string;
      fields: Record<string, string>;
    };
    expect(error.code).toBe('validation_failed');
    expect(error.fields[field]).toEqual(expect.any(String));
    expect(error.fields[field]?.length).toBeGreaterThan(5);
  });

  it('has at least 30 distinct invalid bodies in the table above', () => {
    expect(new Set(invalidBodies.map(([name]) => name)).size).toBeGreaterThanOrEqual(30);
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
    const { uploadUrl, fields, key } = upload.body as {
      uploadUrl: string;
      fields: Record<string, string>;
      key: string;
    };
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([Buffer.from('voice')], { type: 'audio/webm' }));

    const stored = await fetch(uploadUrl, { method: 'POST', body: form });
    const booking = await postJson(
      cloud,
      '/api/calls',
      validBooking({ voiceNoteKey: key, scheduledAt: tomorrowAt(16) }),
    );

    expect(upload.status).toBe(201);
    expect(key).toMatch(/^voice-notes\/[0-9A-Z]{26}\.webm$/);
    expect(stored.status).toBeLessThan(300);
    expect(booking.status).toBe(201);
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

    expect(pricing).toEqual({ baseCents: 999, recordingCents: 299, currency: 'usd' });
  });

  it('lists only times inside calling hours, on the quarter hour, for the local day', async () => {
    const date = new Date(Date.now() + 2 * 24 * 3600_000).toISOString().slice(0, 10);

    const body = await fetch(
      `${cloud.apiUrl}/api/availability?date=${date}&timezone=Asia/Kolkata`,
    ).then((r) => r.json() as Promise<{ times: { localTime: string; startsAt: string }[] }>);

    expect(body.times).toHaveLength(52);
    expect(body.times[0]?.localTime).toBe('08:00');
    expect(body.times.at(-1)?.localTime).toBe('20:45');
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
