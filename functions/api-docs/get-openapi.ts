import { httpHandler } from '../shared/http.ts';
import { openApiDocument } from './openapi-document.ts';

/**
 * The document, rendered once per container: it depends only on the code, so every warm
 * invocation answers the same bytes.
 */
const body = JSON.stringify(openApiDocument());

/**
 * GET /api/openapi.json: the API's OpenAPI 3.1 document, built from the route table and the
 * zod schemas (`openapi-document.ts`). Public and cacheable for an hour: it changes only with
 * a deploy.
 */
export const handler = httpHandler(async () => ({
  statusCode: 200,
  headers: {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'public, max-age=3600',
  },
  body,
}));
