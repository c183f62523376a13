import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  readSecret,
  SecretNotReadyError,
  secretMaxAgeSeconds,
} from '../../functions/config/secrets.ts';
import { secretPlaceholders } from '../../lib/secrets.ts';

const goodLocal = {
  STRIPE_SECRET_KEY: 'sk_test_local',
  STRIPE_WEBHOOK_SECRET: 'whsec_local',
  ELEVENLABS_API_KEY: 'xi_local_key',
  ELEVENLABS_WEBHOOK_SECRET: 'local_elevenlabs_secret',
  REMOTION_WEBHOOK_SECRET: 'callsanta_local_remotion_secret',
  ACCESS_TOKEN_SECRET: 'a'.repeat(64),
};

describe('readSecret from the local environment', () => {
  it('gives each secret its own keys', async () => {
    await expect(readSecret('stripe', goodLocal)).resolves.toEqual({
      secretKey: 'sk_test_local',
      webhookSecret: 'whsec_local',
    });
    await expect(readSecret('access-token', goodLocal)).resolves.toEqual({
      signingKey: 'a'.repeat(64),
    });
  });

  it.each([
    [
      'a Stripe key still the placeholder',
      'stripe',
      { ...goodLocal, STRIPE_SECRET_KEY: secretPlaceholders.stripe.secretKey },
      /Secret stripe .*secretKey is still the placeholder/,
    ],
    [
      'a Stripe key not starting sk_',
      'stripe',
      { ...goodLocal, STRIPE_SECRET_KEY: 'pk_test_123' },
      /Secret stripe .*secretKey does not start with sk_ or rk_/,
    ],
    [
      'a Stripe webhook secret not starting whsec_',
      'stripe',
      { ...goodLocal, STRIPE_WEBHOOK_SECRET: 'secret' },
      /Secret stripe .*webhookSecret does not start with whsec_/,
    ],
    [
      'an ElevenLabs webhook secret still the placeholder',
      'elevenlabs',
      { ...goodLocal, ELEVENLABS_WEBHOOK_SECRET: secretPlaceholders.elevenlabs.webhookSecret },
      /Secret elevenlabs .*webhookSecret is still the placeholder/,
    ],
    [
      'an ElevenLabs key missing while its webhook secret is set',
      'elevenlabs',
      { ...goodLocal, ELEVENLABS_API_KEY: '' },
      /Secret elevenlabs .*apiKey is missing/,
    ],
    [
      'an access-token key shorter than 32 characters',
      'access-token',
      { ...goodLocal, ACCESS_TOKEN_SECRET: 'short' },
      /Secret access-token .*signingKey is shorter than 32 characters/,
    ],
  ] as const)(
    'refuses %s, naming the secret and key and never the value',
    async (_, name, env, message) => {
      // Act
      const read = readSecret(name, env);

      // Assert
      await expect(read).rejects.toThrow(SecretNotReadyError);
      await expect(read).rejects.toThrow(message);
      const error = (await read.catch((caught: unknown) => caught)) as Error;
      for (const value of Object.values(env).filter((value) => value.length > 6)) {
        expect(error.message).not.toContain(value);
      }
    },
  );

  it('refuses a secret the function was not given, saying so', async () => {
    await expect(readSecret('remotion', {})).rejects.toThrow(
      /Secret remotion .*REMOTION_SECRET_ARN/,
    );
  });
});

/**
 * In AWS the values come from Secrets Manager through Powertools Parameters. This answers
 * GetSecretValue (the SDK's JSON protocol) like Secrets Manager does, so the real client,
 * Powertools' cache and our checks run end to end.
 */
describe('readSecret from Secrets Manager', () => {
  let server: Server;
  let stored: Record<string, string>;
  let reads = 0;
  const arn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:callsanta/prod/stripe-AbC123';

  beforeAll(async () => {
    stored = {};
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        const { SecretId } = JSON.parse(body) as { SecretId: string };
        reads += 1;
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(
          JSON.stringify({
            ARN: SecretId,
            Name: 'callsanta/prod/stripe',
            SecretString: stored[SecretId],
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    Object.assign(process.env, {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    });
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('refuses the deploy placeholders, naming the secret and each key', async () => {
    // Arrange
    stored[arn] = JSON.stringify(secretPlaceholders.stripe);
    const env = { STRIPE_SECRET_ARN: arn };

    // Act
    const read = readSecret('stripe', env);

    // Assert
    await expect(read).rejects.toThrow(
      /Secret stripe \(callsanta\/prod\/stripe\) is not ready: secretKey is still the placeholder; webhookSecret is still the placeholder/,
    );
  });

  it.each([
    ['a bare key pasted instead of the JSON object', 'sk_live_51HsecretPart', '51HsecretPart'],
    ['a short bare value', 'whsec_x', 'whsec_x'],
    ['JSON that is not an object', '"sk_live_51HsecretPart"', '51HsecretPart'],
  ])('refuses %s, naming the secret and never quoting the value', async (_, value, secretPart) => {
    // Arrange: ops stored the value itself, not `{"secretKey": …}` (a fresh ARN: no cache).
    const pasted = `${arn}${'p'.repeat(value.length)}`;
    stored[pasted] = value;

    // Act
    const read = readSecret('stripe', { STRIPE_SECRET_ARN: pasted });

    // Assert: the error (logged by the runtime, kept in Step Functions' history) holds no value.
    const error = await read.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SecretNotReadyError);
    expect((error as Error).message).toMatch(
      /Secret stripe \(callsanta\/prod\/stripe[^)]*\) is not ready: its value is not a JSON object/,
    );
    expect((error as Error).message).not.toContain(secretPart.slice(0, 4));
  });

  it('reads Secrets Manager once within the max age, and a rotated value after it', async () => {
    // Arrange: a fresh ARN (Powertools caches per name for secretMaxAgeSeconds).
    const fresh = `${arn}x`;
    stored[fresh] = JSON.stringify({ secretKey: 'sk_live_abc', webhookSecret: 'whsec_abc' });
    const before = reads;

    // Act
    const first = await readSecret('stripe', { STRIPE_SECRET_ARN: fresh });
    const second = await readSecret('stripe', { STRIPE_SECRET_ARN: fresh });

    // Assert: read from Secrets Manager once, then from the cache.
    expect(first).toEqual({ secretKey: 'sk_live_abc', webhookSecret: 'whsec_abc' });
    expect(second).toEqual(first);
    expect(reads - before).toBe(1);

    // Arrange: ops rotate the key; the container stays warm past the max age.
    stored[fresh] = JSON.stringify({ secretKey: 'sk_live_rotated', webhookSecret: 'whsec_abc' });
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    try {
      vi.setSystemTime(Date.now() + (secretMaxAgeSeconds - 5) * 1000);
      const stillCached = await readSecret('stripe', { STRIPE_SECRET_ARN: fresh });
      vi.setSystemTime(Date.now() + 10 * 1000);

      // Act
      const afterMaxAge = await readSecret('stripe', { STRIPE_SECRET_ARN: fresh });

      // Assert
      expect(stillCached.secretKey).toBe('sk_live_abc');
      expect(afterMaxAge.secretKey).toBe('sk_live_rotated');
    } finally {
      vi.useRealTimers();
    }
  });
});
