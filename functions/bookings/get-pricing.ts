import { activePricing } from '../data/pricing.ts';
import type { Pricing } from '../schemas/api/pricing.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';

/** GET /api/pricing: what a call and the recording add-on cost now, in every currency offered. */
export const handler = httpHandler(async () =>
  jsonResponse(200, (await activePricing()) satisfies Pricing),
);
