import { NotFoundError } from '../core/errors.ts';
import { findActiveAffiliate } from '../data/affiliates.ts';
import { slugReference } from '../schemas/affiliate-request.ts';
import type { AffiliatePage } from '../schemas/api/affiliates.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { pathParameter } from '../shared/request.ts';

/** GET /api/affiliates/{slug}: what a creator's landing page shows — never their email. */
export const handler = httpHandler(async (event) => {
  const notFound = new NotFoundError('There is no creator page with that name.');
  const slug = slugReference.safeParse(pathParameter(event, 'slug'));
  if (!slug.success) throw notFound;
  const affiliate = await findActiveAffiliate(slug.data);
  if (!affiliate) throw notFound;
  return jsonResponse(200, {
    slug: affiliate.slug,
    name: affiliate.name,
    active: true,
  } satisfies AffiliatePage);
});
