import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import type { RouteDefinition } from '../functions/routes.ts';
import { routeKey } from '../functions/routes.ts';

export interface IncomingHttpRequest {
  readonly method: string;
  /** Path and query, as received. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
  readonly sourceIp: string;
}

export interface MatchedRoute {
  readonly route: RouteDefinition;
  readonly pathParameters: Record<string, string>;
}

/** Finds the route for a request as API Gateway does: exact method, `{param}` and `{proxy+}`. */
export function matchRoute(
  table: readonly RouteDefinition[],
  method: string,
  path: string,
): MatchedRoute | undefined {
  for (const route of table) {
    if (route.method !== method) continue;
    const names: string[] = [];
    const pattern = route.path
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\\?\{([A-Za-z0-9_]+)(\\\+)?\}/g, (_, name: string, greedy: string | undefined) => {
        names.push(name);
        return greedy ? '(.+)' : '([^/]+)';
      });
    const match = new RegExp(`^${pattern}$`).exec(path);
    if (!match) continue;
    const pathParameters = Object.fromEntries(
      names.map((name, index) => [name, decodePathSegment(match[index + 1] ?? '')]),
    );
    return { route, pathParameters };
  }
  return undefined;
}

/**
 * A path segment decoded as API Gateway decodes it; one that cannot be decoded (a malformed
 * escape such as `%ZZ`, a lone `%`, an escape that is not UTF-8 such as `%E0%A4%A`) is passed
 * on as sent, for the handler to refuse (functions/shared/request.ts `pathParameter`), never
 * a failure of the server.
 */
export function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const textualContentType =
  /^(text\/|application\/(json|[\w.+-]*\+json|xml|x-www-form-urlencoded|javascript))/i;

/** The API Gateway HTTP API (payload format 2.0) event for a request, as Lambda receives it. */
export function toApiGatewayEvent(
  request: IncomingHttpRequest,
  matched: MatchedRoute,
  now = new Date(),
): APIGatewayProxyEventV2 {
  const url = new URL(request.url, 'http://localhost');
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (lower === 'cookie') {
      cookies.push(...[value].flat().flatMap((v) => v.split(';').map((c) => c.trim())));
      continue;
    }
    // API Gateway joins repeated headers with commas.
    headers[lower] = Array.isArray(value) ? value.join(',') : value;
  }
  const queryStringParameters: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    queryStringParameters[name] =
      name in queryStringParameters ? `${queryStringParameters[name]},${value}` : value;
  }
  const binary = request.body.length > 0 && !textualContentType.test(headers['content-type'] ?? '');
  const key = routeKey(matched.route);
  return {
    version: '2.0',
    routeKey: key,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    ...(cookies.length ? { cookies } : {}),
    ...(url.search ? { queryStringParameters } : {}),
    ...(Object.keys(matched.pathParameters).length
      ? { pathParameters: matched.pathParameters }
      : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: request.method,
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: key,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(request.body.length
      ? { body: request.body.toString(binary ? 'base64' : 'utf8'), isBase64Encoded: binary }
      : { isBase64Encoded: false }),
  };
}

export interface HttpReply {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

/** Turns a handler's result into the HTTP reply API Gateway would send (format 2.0 rules). */
export function fromHandlerResult(result: APIGatewayProxyResultV2 | undefined): HttpReply {
  if (typeof result === 'object' && result !== null && 'statusCode' in result) {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(result.headers ?? {})) {
      headers[name.toLowerCase()] = String(value);
    }
    if (result.cookies?.length) headers['set-cookie'] = result.cookies;
    const body = result.body ?? '';
    return {
      statusCode: result.statusCode ?? 200,
      headers,
      body: Buffer.from(body, result.isBase64Encoded ? 'base64' : 'utf8'),
    };
  }
  // Anything else is a JSON body with status 200, as API Gateway infers it.
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(typeof result === 'string' ? result : JSON.stringify(result ?? null)),
  };
}
