import fc from 'fast-check';
import { type RouteDefinition, routeKey, routes } from '../../../functions/routes.ts';
import type { FuzzRequest } from './fuzz-client.ts';
import {
  oddAuthorization,
  oddBody,
  oddContentType,
  oddHeaders,
  oddPathSegment,
  oddQueryNear,
} from './fuzz-inputs.ts';
import type { Json } from './fuzz-json.ts';

/**
 * What a route asks of a caller before it may change or read anything: API Gateway's IAM
 * (the admin key locally), a provider's webhook signature, a booking's access token (every
 * route under a `{callId}`), or nothing. Read from the route table, so a new route is sorted
 * with no change here.
 */
export type RouteGate = 'admin-key' | 'webhook-signature' | 'parent-token' | 'none';

export function gateOf(route: RouteDefinition): RouteGate {
  if (route.authorization === 'iam') return 'admin-key';
  if (route.path.startsWith('/api/webhooks/')) return 'webhook-signature';
  if (route.path.includes('{callId}')) return 'parent-token';
  return 'none';
}

/** Every route of the table behind `gate`. */
export function routesBehind(gate: RouteGate): RouteDefinition[] {
  return routes.filter((route) => gateOf(route) === gate);
}

/** What the generated requests know of the cloud: real ids make a missed check matter. */
export interface FuzzTargets {
  /** Path parameter values worth trying besides odd ones, e.g. a real booking's id. */
  readonly knownParameters: Readonly<Record<string, readonly string[]>>;
  /** A valid body per route key, mutated into near-valid ones. */
  readonly validBodies: Readonly<Record<string, Json>>;
  /** A valid query per route key, mutated into near-valid ones. */
  readonly validQueries: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Authorization values to send; by default only wrong ones. */
  readonly authorization?: fc.Arbitrary<string | undefined>;
  /** Headers every request carries over the generated ones, e.g. the right admin key. */
  readonly fixedHeaders?: Readonly<Record<string, string>>;
}

/** The route's path with each `{name}` replaced by a known value or an odd segment. */
function pathFor(route: RouteDefinition, targets: FuzzTargets): fc.Arbitrary<string> {
  const names = [...route.path.matchAll(/\{([A-Za-z0-9_]+)\+?\}/g)].map((match) => match[1] ?? '');
  const segments = names.map((name) => {
    const known = targets.knownParameters[name] ?? [];
    return known.length
      ? fc.oneof({ arbitrary: fc.constantFrom(...known), weight: 2 }, oddPathSegment)
      : oddPathSegment;
  });
  return fc.tuple(...segments).map((values) => {
    let index = 0;
    return route.path.replace(/\{[A-Za-z0-9_]+\+?\}/g, () => values[index++] ?? '');
  });
}

/** Any request a client could send to `route`: odd path values, query, headers and body. */
export function requestsFor(
  route: RouteDefinition,
  targets: FuzzTargets,
): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      path: pathFor(route, targets),
      query: oddQueryNear(targets.validQueries[routeKey(route)]),
      headers: oddHeaders,
      authorization: targets.authorization ?? oddAuthorization,
      contentType: oddContentType,
      body: oddBody(targets.validBodies[routeKey(route)]),
      // Now and then the wrong method on the route's path: a 405, or another route's answer.
      method: fc.oneof(
        { arbitrary: fc.constant(route.method), weight: 12 },
        fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
      ),
    })
    .map(({ path, query, headers, authorization, contentType, body, method }) => ({
      method,
      path: `${path}${query}`,
      headers: {
        ...headers,
        ...(authorization === undefined ? {} : { authorization }),
        ...(contentType === undefined ? {} : { 'content-type': contentType }),
        ...targets.fixedHeaders,
      },
      ...(body === undefined ? {} : { body }),
    }));
}
