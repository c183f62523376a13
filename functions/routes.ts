import type { FunctionDefinition } from './function-definition.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who may call a route: anyone (the handler checks tokens or signatures) or AWS IAM callers. */
export type RouteAuthorization = 'public' | 'iam';

export interface RouteDefinition {
  readonly method: HttpMethod;
  /** API Gateway path syntax: `/api/calls/{callId}`. */
  readonly path: string;
  readonly authorization: RouteAuthorization;
  readonly function: FunctionDefinition;
}

/**
 * The one route table. The CDK API construct and the local API server both read it, so a
 * route exists in both places or in neither.
 */
export const routes: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: '/api/health',
    authorization: 'public',
    function: {
      name: 'GetHealth',
      entry: 'health/get-health.ts',
      access: {
        table: 'read',
        buckets: { voiceNotes: 'read', recordings: 'read', videos: 'read' },
      },
    },
  },
];

/** The API Gateway route key, e.g. `GET /api/health`. */
export function routeKey(route: Pick<RouteDefinition, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
