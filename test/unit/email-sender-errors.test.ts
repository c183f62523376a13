import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { sendEmail as SendEmail } from '../../functions/adapters/email-sender.ts';

/**
 * SES names the recipient in some refusals — in the sandbox "Email address is not verified. The
 * following identities failed the check in region US-EAST-1: <address>", and an IAM denial names
 * `identity/<address>`. The error is logged (the reconciler), logged by the Lambda runtime when a
 * workflow task throws it, and kept in Step Functions' history: it must not carry the address.
 */
let server: Server;
let sendEmail: typeof SendEmail;
let answer: { type: string; message: string };
const savedEnv = { ...process.env };

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(400, {
        'content-type': 'application/json',
        'x-amzn-errortype': answer.type,
      });
      res.end(JSON.stringify({ message: answer.message }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_ENDPOINT_URL_SESV2: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    AWS_MAX_ATTEMPTS: '1',
    EMAIL_FROM_ADDRESS: 'Santa <santa@callsanta.example>',
  });
  ({ sendEmail } = await import('../../functions/adapters/email-sender.ts'));
});

afterAll(async () => {
  process.env = savedEnv;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

it.each([
  {
    type: 'MessageRejected',
    message:
      'Email address is not verified. The following identities failed the check in region US-EAST-1: Parent.Person@Example.com',
  },
  {
    type: 'AccessDeniedException',
    message:
      "User `arn:aws:sts::123456789012:assumed-role/x/y' is not authorized to perform `ses:SendEmail' on resource `arn:aws:ses:us-east-1:123456789012:identity/Parent.Person@Example.com'",
  },
])('a $type naming the recipient is thrown without the address, its name kept', async (refusal) => {
  // Arrange
  answer = refusal;

  // Act
  const error = await sendEmail({
    to: 'Parent.Person@Example.com',
    email: { subject: 's', html: '<p>h</p>', text: 't' },
  }).catch((caught: unknown) => caught);

  // Assert
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).name).toBe(refusal.type);
  expect((error as { $fault?: string }).$fault).toBe('client');
  const told = `${(error as Error).message}\n${(error as Error).stack}`.toLowerCase();
  expect(told).not.toContain('parent.person');
  expect(told).not.toContain('example.com');
  expect((error as Error).message).toContain('[address]');
});
