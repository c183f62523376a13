import { slugProblem } from '../core/affiliate-slug.ts';
import { findAffiliate } from '../data/affiliates.ts';
import { checkSlugQuery } from '../schemas/affiliate-request.ts';
import type { SlugCheck } from '../schemas/api/affiliates.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { parseQuery } from '../shared/request.ts';

/**
 * GET /api/affiliates/check-slug?slug=: whether a creator can claim a slug, for the sign-up
 * form as they type. A slug that breaks the rules is an answer (200), not a bad request.
 */
export const handler = httpHandler(async (event) => {
  const { slug } = parseQuery(event, checkSlugQuery);
  const problem = slugProblem(slug);
  if (problem) {
    return jsonResponse(200, { slug, available: false, ...problem } satisfies SlugCheck);
  }
  // An inactive affiliate still holds its slug: old links must not start paying someone else.
  if (await findAffiliate(slug)) {
    return jsonResponse(200, {
      slug,
      available: false,
      reason: 'taken',
      message: 'That page name is taken. Choose another.',
    } satisfies SlugCheck);
  }
  return jsonResponse(200, { slug, available: true } satisfies SlugCheck);
});
