import { mkdtemp, writeFile } from 'node:fs/promises';
import { Agent, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { permissionsPolicy } from '../../functions/config/permissions-policy.ts';
import { routes } from '../../functions/routes.ts';
import { createApiServer } from '../../local/api-server.ts';
import { LocalLambdaRuntime } from '../../local/lambda-runtime.ts';
import { Outbox } from '../../local/ses/outbox.ts';

let server: Server;
let url: string;

beforeAll(async () => {
  const health = routes[0];
  if (!health) throw new Error('The route table is empty.');
  server = createApiServer({
    // A POST route so a body reaches the size check; the handler is never called.
    routes: [
      { ...health, method: 'POST', path: '/api/upload' },
      // The booking route's own limit (functions/core/route-limits.ts); refused before any handler.
      { ...health, method: 'POST', path: '/api/calls' },
    ],
    lambda: new LocalLambdaRuntime(),
    outbox: new Outbox(await mkdtemp(join(tmpdir(), 'callsanta-outbox-'))),
    siteDir: join(tmpdir(), 'callsanta-no-site'),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.close();
});

it('refuses a body over API Gateway’s 10 MB limit with 413 and says why', async () => {
  const response = await fetch(`${url}/api/upload`, {
    method: 'POST',
    body: Buffer.alloc(10 * 1024 * 1024 + 1),
  });

  expect(response.status).toBe(413);
  expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
});

it('refuses a booking body over the route’s 16 KiB with 413 in the error shape', async () => {
  const response = await fetch(`${url}/api/calls`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ notes: 'x'.repeat(16 * 1024) }),
  });

  expect(response.status).toBe(413);
  expect(await response.json()).toEqual({
    error: { code: 'payload_too_large', message: 'The request body is larger than 16384 bytes.' },
  });
});

it('refuses a request line over Node’s 16 KB with 431 in the error shape, not an empty answer', async () => {
  const response = await fetch(`${url}/api/upload?slug=${'x'.repeat(20_000)}`, { method: 'POST' });

  expect(response.status).toBe(431);
  expect(await response.json()).toMatchObject({
    error: { code: 'headers_too_large', message: expect.stringContaining('too long') },
  });
});

it('serves a site path with a malformed %-escape like any unknown page, not as a server failure', async () => {
  const response = await fetch(`${url}/manage/%E0%A4%A`);

  // No site is built here: the SPA fallback's own answer, where the server used to fail (500).
  expect(response.status).toBe(503);
});

it('says the site is not built when there is no build, instead of a bare 404', async () => {
  const response = await fetch(`${url}/book`);

  expect(response.status).toBe(503);
  expect(await response.text()).toContain('npm run build:site');
});

it('serves the site with the Permissions-Policy CloudFront sends: the microphone, and Stripe’s wallets', async () => {
  // Arrange: a built site of one page, on its own server.
  const siteDir = await mkdtemp(join(tmpdir(), 'callsanta-site-'));
  await writeFile(join(siteDir, 'index.html'), '<!doctype html><title>CallSanta</title>');
  const site = createApiServer({
    routes: [],
    lambda: new LocalLambdaRuntime(),
    outbox: new Outbox(await mkdtemp(join(tmpdir(), 'callsanta-outbox-'))),
    siteDir,
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  try {
    // Act
    const response = await fetch(`http://127.0.0.1:${(site.address() as AddressInfo).port}/book`);

    // Assert
    expect(response.status).toBe(200);
    expect(response.headers.get('permissions-policy')).toBe(permissionsPolicy);
    expect(permissionsPolicy).toContain('payment=(self "https://js.stripe.com")');
  } finally {
    site.close();
  }
});

it('answers 413 on a keep-alive connection that the next request can still use', async () => {
  // Arrange: one socket, kept alive, as browsers and the fuzz client use it.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const send = (path: string, body: Buffer) =>
    new Promise<number>((resolve, reject) => {
      const outgoing = request(
        `${url}${path}`,
        { method: 'POST', agent, headers: { 'content-length': body.length } },
        (answer) => {
          answer.resume();
          answer.on('end', () => resolve(answer.statusCode ?? 0));
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });

  // Act: a body many chunks past the booking route's limit, then a small one on the same socket.
  const refused = await send('/api/calls', Buffer.alloc(512 * 1024, 120));
  const next = await send('/api/calls', Buffer.from('{}'));

  // Assert: the refusal did not cut the connection under the next request (was ECONNRESET).
  expect(refused).toBe(413);
  expect(next).not.toBe(413);
  expect(next).toBeGreaterThanOrEqual(200);
  agent.destroy();
});
