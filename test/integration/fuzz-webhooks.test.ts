import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes.ts';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { type CreatedBooking, createBooking } from './support/booking-api.ts';
import { send } from './support/fuzz-client.ts';
import { routesBehind } from './support/fuzz-routes.ts';
import { fuzzEach, fuzzRoute, fuzzRuns } from './support/fuzz-run.ts';
import { FuzzTally } from './support/fuzz-tally.ts';
import {
  signedWebhooks,
  unprovenWebhooks,
  type WebhookProvider,
  type WebhookSubjects,
  webhookProviders,
} from './support/fuzz-webhooks.ts';
import { startTestCloud } from './support/local-cloud.ts';
import { tableSnapshot } from './support/table-snapshot.ts';

// Bad input at scale (issue #11): the providers' webhooks, signed and not.
const runs = fuzzRuns(450);

let cloud: RunningLocalCloud;
let booking: CreatedBooking;
let subjects: WebhookSubjects;
const tallies = { unproven: new FuzzTally(), signed: new FuzzTally() };

const providerName = (provider: WebhookProvider) => provider.name;

/** The webhook route of `path` in the table: the suite fuzzes what is deployed. */
function routeAt(path: string) {
  const route = routes.find((each) => each.path === path && each.method === 'POST');
  if (!route) throw new Error(`No POST ${path} in the route table.`);
  return route;
}

beforeAll(async () => {
  cloud = await startTestCloud();
  booking = await createBooking(cloud);
  subjects = { bookingIds: [booking.callId], paymentIntentIds: [booking.paymentIntentId] };
});

afterAll(async () => {
  console.log(
    [
      tallies.unproven.report('webhooks, unsigned, wrongly signed or out of time'),
      tallies.signed.report('webhooks, signed odd and valid-looking events'),
    ].join('\n'),
  );
  await cloud?.stop();
});

describe('provider webhooks under generated bad input', () => {
  it('covers every webhook route of the table', () => {
    expect(webhookProviders.map((provider) => provider.path).sort()).toEqual(
      routesBehind('webhook-signature')
        .map((route) => route.path)
        .sort(),
    );
  });

  it('a webhook without a valid, timely signature is refused with a 4xx and changes nothing', async () => {
    // Arrange
    const before = await tableSnapshot();

    // Act
    const failures = await fuzzEach(webhookProviders, providerName, (provider) =>
      fuzzRoute(
        cloud.apiUrl,
        routeAt(provider.path),
        unprovenWebhooks(provider, cloud.config, subjects),
        tallies.unproven,
        runs,
        (status) => {
          if (status < 400) throw new Error(`accepted with ${status}`);
        },
      ),
    );

    // Assert: every one refused, nothing written; and a signed event does write (the check
    // can fail).
    expect(failures).toEqual([]);
    expect(tallies.unproven.sent()).toBeGreaterThanOrEqual(webhookProviders.length * runs);
    expect(await tableSnapshot()).toEqual(before);
    const stripe = webhookProviders.find((provider) => provider.name === 'stripe');
    if (!stripe) throw new Error('No Stripe provider.');
    const body = JSON.stringify({ id: 'evt_fuzz_written', type: 'customer.created', created: 1 });
    const accepted = await send(cloud.apiUrl, {
      method: 'POST',
      path: stripe.path,
      headers: {
        'content-type': 'application/json',
        ...stripe.sign(body, stripe.secret(cloud.config), Math.floor(Date.now() / 1000)),
      },
      body: Buffer.from(body),
    });
    expect(accepted.status).toBe(200);
    expect(await tableSnapshot()).not.toEqual(before);
  }, 600_000);

  it('a signed event, however odd, is answered with a 2xx or a documented 4xx, never a 5xx', async () => {
    const failures = await fuzzEach(webhookProviders, providerName, (provider) =>
      fuzzRoute(
        cloud.apiUrl,
        routeAt(provider.path),
        signedWebhooks(provider, cloud.config, subjects),
        tallies.signed,
        runs,
      ),
    );

    expect(failures).toEqual([]);
    // Both kinds were answered: the valid-looking ones reached the handling, not only refusals.
    for (const provider of webhookProviders) {
      const line = tallies.signed
        .report('')
        .split('\n')
        .find((each) => each.includes(provider.path));
      expect(line).toMatch(/ 200×\d+/);
      expect(line).toMatch(/ 400×\d+/);
    }
  }, 600_000);
});
