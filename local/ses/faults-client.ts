import { awsFaultControl } from '../aws-faults-client.ts';
import type { SesFault, SesFaultMatch, SesFaultRequest } from './faults.ts';

/**
 * A typed client for the local SES's fault control, for tests: faults for the next matching
 * `SendEmail` calls (see `./faults.ts` for the kinds and what the SDK sees).
 *
 * @example
 *   const faults = sesFaults(process.env.AWS_ENDPOINT_URL_SESV2 ?? '');
 *   await faults.inject({ fault: { kind: 'throttled' }, times: 3, match: { recipient: 'parent@example.com' } });
 *   await faults.queued(); // → [{ id: 'fault_1', fault: { kind: 'throttled' }, match: {…}, remaining: 3 }]
 *   await faults.clear();
 */
export function sesFaults(baseUrl: string) {
  return awsFaultControl<SesFaultRequest, SesFault, SesFaultMatch>(baseUrl, 'The local SES');
}
export type SesFaults = ReturnType<typeof sesFaults>;
