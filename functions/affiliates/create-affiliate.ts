import { defaultPayoutPercent } from '../core/affiliate-payout.ts';
import { landingPath } from '../core/affiliate-slug.ts';
import { ConflictError } from '../core/errors.ts';
import { createAffiliate } from '../data/affiliates.ts';
import { affiliateSignupSchema } from '../schemas/affiliate-request.ts';
import type { CreatedAffiliate } from '../schemas/api/affiliates.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { logger } from '../shared/logger.ts';
import { parseJsonBody } from '../shared/request.ts';

/** POST /api/affiliates: a creator claims a slug; their page is live at once. */
export const handler = httpHandler(async (event) => {
  const { name, email, slug } = parseJsonBody(event, affiliateSignupSchema);
  const created = await createAffiliate({ slug, name, email, payoutPercent: defaultPayoutPercent });
  if (!created) {
    throw new ConflictError('slug_taken', 'That page name is taken. Choose another.');
  }
  logger.info('affiliate created', { slug });
  return jsonResponse(201, {
    slug,
    landingPath: landingPath(slug),
    payoutPercent: defaultPayoutPercent,
  } satisfies CreatedAffiliate);
});
