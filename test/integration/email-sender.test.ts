import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { sendEmail as SendEmail } from '../../functions/adapters/email-sender.ts';
import { renderEmail } from '../../functions/email/render-email.ts';
import { close, listen } from '../../local/aws-protocol-server.ts';
import { Outbox } from '../../local/ses/outbox.ts';
import { createSesServer } from '../../local/ses/server.ts';

let dataDir: string;
let server: Server;
let outbox: Outbox;
let sendEmail: typeof SendEmail;
const savedEnv = { ...process.env };

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'callsanta-ses-'));
  outbox = new Outbox(join(dataDir, 'outbox'));
  server = createSesServer(outbox);
  await listen(server, 0, 'local SES');
  const { port } = server.address() as AddressInfo;
  // The sender builds its client and reads its config at import, as a Lambda does at cold start.
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_ENDPOINT_URL_SESV2: `http://127.0.0.1:${port}`,
    AWS_MAX_ATTEMPTS: '1',
    EMAIL_FROM_ADDRESS: 'Santa <santa@callsanta.example>',
    SES_CONFIGURATION_SET: 'callsanta-events',
  });
  ({ sendEmail } = await import('../../functions/adapters/email-sender.ts'));
});

afterAll(async () => {
  process.env = savedEnv;
  await close(server);
  await rm(dataDir, { recursive: true, force: true });
});

it('sends a rendered booking confirmation through SES into the outbox', async () => {
  const email = await renderEmail('bookingConfirmation', {
    childNames: ['Zoë'],
    callNow: false,
    callAtUtc: '2026-12-24T23:30:00Z',
    timezone: 'America/New_York',
    amountCents: 2999,
    currency: 'usd',
    purchaseRecording: false,
    manageUrl: 'http://127.0.0.1:3000/manage/b-1?token=t',
  });

  const { messageId } = await sendEmail({
    to: 'parent@example.com',
    email,
    tags: { template: 'bookingConfirmation', bookingId: 'b-1' },
  });

  const messages = await outbox.list();
  expect(messages).toHaveLength(1);
  const [message] = messages;
  expect(message).toMatchObject({
    messageId,
    to: 'parent@example.com',
    from: 'Santa <santa@callsanta.example>',
    subject: 'Santa will call Zoë on Thursday, December 24',
    text: email.text,
    html: email.html,
    tags: { template: 'bookingConfirmation', bookingId: 'b-1' },
    configurationSet: 'callsanta-events',
  });
  expect(message?.text).toContain('Thursday, December 24, 2026 at 6:30 PM Eastern Standard Time');
  expect(message?.html).toContain('href="http://127.0.0.1:3000/manage/b-1?token=t"');
});

it('sends an attachment as SES v2 Content.Simple.Attachments, kept byte for byte in the outbox', async () => {
  const email = await renderEmail('bookingConfirmation', {
    childNames: ['Zoë'],
    callNow: false,
    callAtUtc: '2026-12-24T23:30:00Z',
    timezone: 'America/New_York',
    amountCents: 2999,
    currency: 'usd',
    purchaseRecording: false,
    manageUrl: 'http://127.0.0.1:3000/manage/b-2#token=t',
    calendarAttached: true,
  });
  const content = 'BEGIN:VCALENDAR\r\nDESCRIPTION:Santa will call Zoë\r\nEND:VCALENDAR\r\n';

  await sendEmail({
    to: 'attachments@example.com',
    email,
    attachments: [
      { filename: 'call-from-santa.ics', contentType: 'text/calendar; charset=utf-8', content },
    ],
  });

  const message = (await outbox.list()).find((sent) => sent.to === 'attachments@example.com');
  expect(message?.attachments).toEqual([
    {
      filename: 'call-from-santa.ics',
      contentType: 'text/calendar; charset=utf-8',
      size: Buffer.byteLength(content),
      content: Buffer.from(content).toString('base64'),
    },
  ]);
  expect(message?.text).toContain('The calendar file attached adds the call to your calendar.');
});

it('refuses a tag SES would reject, before sending anything', async () => {
  const before = (await outbox.list()).length;

  await expect(
    sendEmail({
      to: 'parent@example.com',
      email: { subject: 's', html: '<p>h</p>', text: 'h' },
      tags: { parent: 'parent@example.com' },
    }),
  ).rejects.toThrow(/tag "parent" is not valid/);
  expect(await outbox.list()).toHaveLength(before);
});
