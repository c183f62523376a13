import type { FunctionDefinition } from './function-definition.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RouteBase {
  readonly method: HttpMethod;
  /** API Gateway path syntax: `/api/calls/{callId}`. */
  readonly path: string;
  readonly function: FunctionDefinition;
}

/** A public route says why it needs no API Gateway authoriser; cdk-nag records the reason. */
export type RouteDefinition = RouteBase &
  (
    | { readonly authorization: 'iam' }
    | { readonly authorization: 'public'; readonly publicReason: string }
  );

/**
 * The one route table. The CDK API construct and the local API server both read it, so a
 * route exists in both places or in neither.
 */
export const routes: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: '/api/health',
    authorization: 'public',
    publicReason:
      'the uptime probe answers only "ok" or "unavailable" and can read no booking data',
    function: {
      name: 'GetHealth',
      entry: 'health/get-health.ts',
      // Probes only: the uptime check proves the stores answer and can read nothing in them.
      access: {
        table: 'probe',
        buckets: { voiceNotes: 'probe', recordings: 'probe', videos: 'probe' },
      },
    },
  },
];

/** The API Gateway route key, e.g. `GET /api/health`. */
export function routeKey(route: Pick<RouteDefinition, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
