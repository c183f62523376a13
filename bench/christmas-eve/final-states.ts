import type { RunningLocalCloud } from '../../local/cloud.ts';
import { inPool } from './book-parents.ts';

/** Call statuses after which nothing more happens to a booking's call. */
export const finalCallStatuses: ReadonlySet<string> = new Set([
  'completed',
  'failed',
  'no_answer',
  'cancelled',
]);

export interface BookingRef {
  readonly callId: string;
  readonly accessToken: string;
}

/**
 * `GET /api/calls/{id}` (as the parent's page does) for every booking not yet known final,
 * `concurrency` at a time; answers callId → callStatus of those read. Unreadable answers are
 * left out (tried again next round).
 */
export async function readCallStatuses(
  cloud: RunningLocalCloud,
  bookings: readonly BookingRef[],
  concurrency: number,
): Promise<Map<string, string>> {
  const statuses = new Map<string, string>();
  await inPool(bookings, concurrency, async ({ callId, accessToken }) => {
    const response = await fetch(`${cloud.apiUrl}/api/calls/${callId}`, {
      headers: { authorization: `Bearer ${accessToken}` },
    }).catch(() => undefined);
    if (!response?.ok) return;
    const body = (await response.json()) as { callStatus?: unknown };
    if (typeof body.callStatus === 'string') statuses.set(callId, body.callStatus);
  });
  return statuses;
}
