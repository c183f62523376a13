import { describe, expect, it } from 'vitest';
import { supportCancelRefunds } from '../../../ops/support/refund-rule.ts';

describe("support's cancel refunds on the parent's terms at least", () => {
  const now = new Date('2026-12-24T17:00:00Z');

  it.each([
    ['a day ahead, without --refund', false, '2026-12-25T17:00:00Z', true],
    ['11 minutes ahead, without --refund', false, '2026-12-24T17:11:00Z', true],
    ['5 minutes ahead, without --refund', false, '2026-12-24T17:05:00Z', false],
    ['5 minutes ahead, with --refund', true, '2026-12-24T17:05:00Z', true],
    ['already past, with --refund', true, '2026-12-24T16:00:00Z', true],
  ])('%s: refunded %s', (_case, forceRefund, scheduledAt, refunded) => {
    expect(supportCancelRefunds(forceRefund, scheduledAt, now)).toBe(refunded);
  });
});
