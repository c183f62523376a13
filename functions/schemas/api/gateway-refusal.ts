import * as z from 'zod';

/**
 * API Gateway's own refusal, before any handler runs: `{ message: 'Forbidden' }` (403) for an
 * admin route called without valid AWS credentials (SigV4), `{ message: 'Too Many Requests' }`
 * (429) when throttled. Not our error body — the gateway writes it; the local cloud answers
 * the same 403 (`local/api-server.ts`).
 */
export const gatewayRefusalSchema = z.object({ message: z.string() });
export type GatewayRefusal = z.infer<typeof gatewayRefusalSchema>;
