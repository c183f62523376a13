import { awsFaultControl } from './aws-faults-client.ts';
import type { S3Fault, S3FaultMatch, S3FaultRequest } from './s3-faults.ts';

/**
 * A typed client for the local S3's fault control, for tests: faults for the next matching
 * requests (see `./s3-faults.ts` for the kinds and what the SDK sees).
 *
 * @example
 *   const faults = s3Faults(process.env.AWS_ENDPOINT_URL_S3 ?? '');
 *   await faults.inject({ fault: { kind: 'slow-down' }, match: { method: 'PUT', keyPrefix: 'calls/' } });
 *   await faults.inject({ fault: { kind: 'hang', hangMs: 30_000 }, match: { method: 'GET' } });
 *   await faults.queued(); // → [{ id, fault, match, remaining }, …]
 *   await faults.clear();
 */
export function s3Faults(baseUrl: string) {
  return awsFaultControl<S3FaultRequest, S3Fault, S3FaultMatch>(baseUrl, 'The local S3');
}
export type S3Faults = ReturnType<typeof s3Faults>;
