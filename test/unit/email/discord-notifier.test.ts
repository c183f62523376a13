import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  maskEmail,
  maskName,
  maskPhone,
  notifyPaidBooking,
  type PaidBookingNotice,
} from '../../../functions/adapters/discord-notifier.ts';

interface Received {
  readonly method: string;
  readonly contentType: string | undefined;
  readonly body: string;
}

// A stand-in for Discord's webhook endpoint: records each request, answers with `status`.
let received: Received[] = [];
let status = 204;
let server: Server;
let webhookUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        contentType: req.headers['content-type'],
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(status).end(status === 204 ? undefined : '{"message":"nope"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  webhookUrl = `http://127.0.0.1:${port}/api/webhooks/123/secret-token`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received = [];
  status = 204;
});

const notice: PaidBookingNotice = {
  bookingId: 'b-01JZ',
  childName: 'Emma Rose',
  parentEmail: 'parent.person@example.com',
  phoneNumber: '+15551234567',
  amountCents: 2999,
  currency: 'usd',
  callAtUtc: '2026-12-24T23:30:00.000Z',
  affiliateSlug: 'elf-blog',
};

/** The field values as Discord would show them (markdown escapes removed). */
function shownFields(body: string): Record<string, string> {
  const payload = JSON.parse(body) as {
    embeds: { fields: { name: string; value: string }[] }[];
  };
  return Object.fromEntries(
    (payload.embeds[0]?.fields ?? []).map((field) => [
      field.name,
      field.value.replace(/\\(.)/g, '$1'),
    ]),
  );
}

describe('notifyPaidBooking', () => {
  it('posts the booking with every personal detail masked', async () => {
    const result = await notifyPaidBooking(notice, { DISCORD_WEBHOOK_URL: webhookUrl });

    expect(result).toBe('sent');
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.method).toBe('POST');
    expect(request?.contentType).toBe('application/json');
    const body = request?.body ?? '';
    for (const raw of ['Emma', 'Rose', 'parent.person', 'example', '5551234567', '4567']) {
      expect(body).not.toContain(raw);
    }
    expect(shownFields(body)).toEqual({
      Booking: 'b-01JZ',
      Child: 'E***',
      Parent: 'p***@e***.com',
      Phone: '***67',
      Amount: '$29.99',
      'Call at (UTC)': '2026-12-24T23:30:00.000Z',
      Affiliate: 'elf-blog',
    });
    // A name typed as "@everyone" must never ping the channel.
    expect(JSON.parse(body).allowed_mentions).toEqual({ parse: [] });
  });

  it.each([
    ['unset', {}],
    ['blank', { DISCORD_WEBHOOK_URL: '  ' }],
  ])('sends nothing when the webhook URL is %s', async (_what, env) => {
    const result = await notifyPaidBooking(notice, env);

    expect(result).toBe('skipped');
    expect(received).toHaveLength(0);
  });

  it('swallows a rejection from Discord', async () => {
    status = 500;

    await expect(notifyPaidBooking(notice, { DISCORD_WEBHOOK_URL: webhookUrl })).resolves.toBe(
      'failed',
    );
    expect(received).toHaveLength(1);
  });

  it('swallows an unreachable webhook', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    await expect(
      notifyPaidBooking(notice, { DISCORD_WEBHOOK_URL: `http://127.0.0.1:${port}/hook` }),
    ).resolves.toBe('failed');
  });
});

describe('masking', () => {
  it.each([
    ['a name', maskName, 'Émilie', 'É***'],
    ['a blank name', maskName, '  ', '***'],
    ['an email', maskEmail, 'a@b.co.uk', 'a***@b***.uk'],
    ['a malformed email', maskEmail, 'no-at-sign', '***'],
    ['a phone number', maskPhone, '+44 20 7946 0958', '***58'],
  ])('masks %s', (_what, mask, raw, masked) => {
    expect(mask(raw)).toBe(masked);
  });
});
