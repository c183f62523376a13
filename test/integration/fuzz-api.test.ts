import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeKey, routes } from '../../functions/routes.ts';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import {
  type CreatedBooking,
  createBooking,
  postJson,
  tomorrowAt,
  validBooking,
} from './support/booking-api.ts';
import { answerProblem } from './support/fuzz-answers.ts';
import { send } from './support/fuzz-client.ts';
import { oddAuthorization, sizedBody } from './support/fuzz-inputs.ts';
import type { Json } from './support/fuzz-json.ts';
import { type FuzzTargets, gateOf, requestsFor, routesBehind } from './support/fuzz-routes.ts';
import { fuzzEach, fuzzRoute, fuzzRuns } from './support/fuzz-run.ts';
import { FuzzTally } from './support/fuzz-tally.ts';
import { startTestCloud } from './support/local-cloud.ts';
import { tableSnapshot } from './support/table-snapshot.ts';

// Bad input at scale (issue #11): every route of the table, thousands of generated requests.
const runs = fuzzRuns(180);
/** API Gateway's payload limit, which the local server enforces before any handler. */
const gatewayLimitBytes = 10 * 1024 * 1024;

let cloud: RunningLocalCloud;
/** The booking the unauthenticated requests aim at: they must not change it. */
let target: CreatedBooking;
/** Another family's booking: its token must not open `target`; authenticated fuzz uses it. */
let other: CreatedBooking;
/** One count per kind of run, printed at the end. */
const tallies = {
  unauthenticated: new FuzzTally(),
  public: new FuzzTally(),
  ownToken: new FuzzTally(),
  adminKey: new FuzzTally(),
  gatewayLimit: new FuzzTally(),
};

const validBodies: Record<string, Json> = {
  // The request fields of issue #13 (currency, locale, phoneCountry) mutated with the rest.
  'POST /api/calls': validBooking({ currency: 'usd', locale: 'en-GB', phoneCountry: 'US' }) as Json,
  'PATCH /api/calls/{callId}/details': {
    phoneNumber: '(415) 555-0111',
    phoneCountry: 'US',
    childName: 'Zoë',
    childAge: 8,
    childInfoText: 'Loves snow.',
    giftBudget: 25,
  },
  'POST /api/contact': {
    name: 'Ana',
    email: 'ana@example.com',
    bookingId: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
    message: 'When will Santa call us?',
    website: '',
  },
  'PATCH /api/calls/{callId}': { scheduledAt: tomorrowAt(19) },
  'POST /api/voice-notes': { contentType: 'audio/webm' },
  'POST /api/affiliates': { name: 'Jolly Jen', email: 'jen@example.com', slug: 'jolly-jen' },
};

function targets(callId: string, authorization: fc.Arbitrary<string | undefined>): FuzzTargets {
  return {
    knownParameters: {
      callId: [callId],
      slug: ['jolly-jen', 'check-slug', 'admin'],
      shareId: ['01ARZ3NDEKTSV4RRFFQ69G5FAV'],
      token: ['A'.repeat(43)],
    },
    validBodies,
    validQueries: {
      'GET /api/availability': { date: tomorrowAt().slice(0, 10), timezone: 'America/New_York' },
      'GET /api/affiliates/check-slug': { slug: 'jolly-jen' },
      'GET /api/admin/affiliates/report': { from: '2026-01-01', to: '2026-12-31' },
    },
    authorization,
  };
}

beforeAll(async () => {
  cloud = await startTestCloud();
  target = await createBooking(cloud);
  other = await createBooking(cloud, { scheduledAt: tomorrowAt(18) });
  const affiliate = await postJson(cloud, '/api/affiliates', validBodies['POST /api/affiliates']);
  if (affiliate.status !== 201) throw new Error(`Affiliate sign-up refused: ${affiliate.status}`);
});

afterAll(async () => {
  console.log(
    [
      tallies.unauthenticated.report(
        'API, without the token, admin key or signature a route needs',
      ),
      tallies.public.report('API, public routes'),
      tallies.ownToken.report("API, a booking's routes with its own token"),
      tallies.adminKey.report('API, admin routes with the admin key'),
      tallies.gatewayLimit.report('API, bodies at and over 10 MB'),
    ].join('\n'),
  );
  await cloud?.stop();
});

describe('every API route under generated bad input', () => {
  it('no request without its token, admin key or signature changes the table, and none is a 5xx', async () => {
    // Arrange: the table as it is, and every route that needs a caller to prove who it is.
    const gated = routes.filter((route) => gateOf(route) !== 'none');
    const foreignToken = fc.oneof(oddAuthorization, fc.constant(`Bearer ${other.accessToken}`));
    const before = await tableSnapshot();

    // Act
    const failures = await fuzzEach(gated, routeKey, (route) =>
      fuzzRoute(
        cloud.apiUrl,
        route,
        requestsFor(route, targets(target.callId, foreignToken)),
        tallies.unauthenticated,
        runs,
        (status) => {
          // Refused, whatever was sent: never 2xx without proof.
          if (status < 400) throw new Error(`answered ${status} unauthenticated`);
        },
      ),
    );

    // Assert: every answer documented and a refusal; nothing written; and the snapshot does
    // see a real change (the check can fail).
    expect(failures).toEqual([]);
    expect(tallies.unauthenticated.sent()).toBeGreaterThanOrEqual(gated.length * runs);
    expect(await tableSnapshot()).toEqual(before);
    const cancelled = await postJson(
      cloud,
      `/api/calls/${target.callId}/cancel`,
      {},
      { authorization: `Bearer ${target.accessToken}` },
    );
    expect(cancelled.status).toBe(200);
    expect(await tableSnapshot()).not.toEqual(before);
  }, 600_000);

  it('public routes answer any request with a 2xx or a documented 4xx', async () => {
    const failures = await fuzzEach(routesBehind('none'), routeKey, (route) =>
      fuzzRoute(
        cloud.apiUrl,
        route,
        requestsFor(route, targets(target.callId, oddAuthorization)),
        tallies.public,
        runs,
      ),
    );

    expect(failures).toEqual([]);
    expect(tallies.public.sent()).toBeGreaterThanOrEqual(routesBehind('none').length * runs);
  }, 600_000);

  it("a booking's own routes, with its right token, answer odd bodies with a 2xx or a documented 4xx", async () => {
    const ownToken = fc.constant(`Bearer ${other.accessToken}`);
    const failures = await fuzzEach(routesBehind('parent-token'), routeKey, (route) =>
      fuzzRoute(
        cloud.apiUrl,
        route,
        requestsFor(route, targets(other.callId, ownToken)),
        tallies.ownToken,
        Math.ceil(runs / 2),
      ),
    );

    expect(failures).toEqual([]);
  }, 600_000);

  it('admin routes, with the admin key, answer odd queries with a 2xx or a documented 4xx', async () => {
    const failures = await fuzzEach(routesBehind('admin-key'), routeKey, (route) =>
      fuzzRoute(
        cloud.apiUrl,
        route,
        requestsFor(route, {
          ...targets(target.callId, oddAuthorization),
          fixedHeaders: { 'x-callsanta-admin-key': cloud.config.adminKey },
        }),
        tallies.adminKey,
        runs,
      ),
    );

    expect(failures).toEqual([]);
    // The key opened the route: some answers are the report itself, not API Gateway's 403.
    expect(tallies.adminKey.report('')).toMatch(/ 200×\d+/);
  }, 600_000);

  it('a body over API Gateway’s 10 MB is a 413 on every route, and one at the limit no 5xx', async () => {
    for (const route of routes) {
      const path = route.path.replace(/\{[A-Za-z0-9_]+\+?\}/g, target.callId);
      for (const bytes of [gatewayLimitBytes, gatewayLimitBytes + 1]) {
        const answer = await send(cloud.apiUrl, {
          method: route.method,
          path,
          headers: { 'content-type': 'application/json' },
          body: sizedBody(bytes, true),
        });
        tallies.gatewayLimit.record(routeKey(route), answer.status);

        expect(answerProblem(answer, route.authorization === 'iam')).toBeUndefined();
        if (bytes > gatewayLimitBytes && route.authorization !== 'iam') {
          expect(answer.status).toBe(413);
        }
      }
    }
  }, 600_000);
});
