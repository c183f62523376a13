import { describe, expect, it } from 'vitest';
import type { CallStatus } from '../../functions/core/booking-status.ts';
import {
  type DetailsLockedReason,
  detailsEditability,
  detailsEditCutoffMinutes,
} from '../../functions/core/details-edit.ts';

const callAt = '2026-12-24T17:00:00.000Z';
const minutesBefore = (minutes: number) => new Date(Date.parse(callAt) - minutes * 60_000);
const until = minutesBefore(detailsEditCutoffMinutes).toISOString();

describe('detailsEditability: the number and child details can be corrected until the cutoff', () => {
  it.each<[string, CallStatus, Date, string | undefined, DetailsLockedReason | 'editable']>([
    ['a paid call a day away', 'scheduled', minutesBefore(24 * 60), undefined, 'editable'],
    [
      'an unpaid booking (pending) an hour away',
      'pending',
      minutesBefore(60),
      undefined,
      'editable',
    ],
    [
      'one second before the cutoff',
      'scheduled',
      new Date(Date.parse(until) - 1000),
      undefined,
      'editable',
    ],
    ['at the cutoff', 'scheduled', minutesBefore(detailsEditCutoffMinutes), undefined, 'too_close'],
    ['a minute before the call', 'scheduled', minutesBefore(1), undefined, 'too_close'],
    ['queued for a line (ringing soon)', 'queued', minutesBefore(60), undefined, 'call_started'],
    ['ringing or talking', 'in_progress', minutesBefore(60), undefined, 'call_started'],
    ['completed', 'completed', minutesBefore(60), undefined, 'call_over'],
    ['nobody answered', 'no_answer', minutesBefore(60), undefined, 'call_over'],
    ['failed', 'failed', minutesBefore(60), undefined, 'call_over'],
    ['cancelled', 'cancelled', minutesBefore(60), undefined, 'cancelled'],
    ['erased (whatever the status)', 'cancelled', minutesBefore(60), callAt, 'data_erased'],
  ])('%s', (_, callStatus, now, dataErasedAt, expected) => {
    const answer = detailsEditability({ callStatus, scheduledAt: callAt, dataErasedAt }, now);
    if (expected === 'editable') {
      expect(answer).toEqual({ editable: true, until });
    } else {
      expect(answer).toMatchObject({ editable: false, reason: expected });
      expect(answer.editable ? '' : answer.message).toMatch(/\.$/);
    }
  });
});
