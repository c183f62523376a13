import { describe, expect, it } from 'vitest';
import {
  cancelledEmailOutbox,
  changeEmailLeaseMs,
  changeEmailStep,
  movedEmailKey,
  movedEmailOutbox,
} from '../../functions/core/change-emails.ts';

const now = new Date('2026-12-23T12:00:00Z');
const secondsAgo = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();
const at1700 = '2026-12-24T01:00:00.000Z';
const at1830 = '2026-12-24T02:30:00.000Z';
const at1900 = '2026-12-24T03:00:00.000Z';
const zone = 'America/Los_Angeles';

const paidAt1700 = {
  scheduledAt: at1700,
  timezone: zone,
  callNow: false,
  paymentStatus: 'paid' as const,
};

describe('what a reschedule records about the "moved" email', () => {
  it.each([
    [
      'a paid booking moved: owed, from the time it had',
      paidAt1700,
      { ...paidAt1700, scheduledAt: at1830 },
      {
        changeEmailOwed: 'callMoved',
        changeEmailOwedAt: now.toISOString(),
        movedEmailOwedFrom: at1700,
      },
    ],
    [
      'moved again before the first email went: one email, from the time the parent knew',
      {
        ...paidAt1700,
        scheduledAt: at1830,
        changeEmailOwed: 'callMoved' as const,
        movedEmailOwedFrom: at1700,
      },
      { ...paidAt1700, scheduledAt: at1900 },
      {
        changeEmailOwed: 'callMoved',
        changeEmailOwedAt: now.toISOString(),
        movedEmailOwedFrom: at1700,
      },
    ],
    [
      'moved again after the first email went: from the time that email told',
      { ...paidAt1700, scheduledAt: at1830 },
      { ...paidAt1700, scheduledAt: at1900 },
      {
        changeEmailOwed: 'callMoved',
        changeEmailOwedAt: now.toISOString(),
        movedEmailOwedFrom: at1830,
      },
    ],
    [
      'a retried PATCH (same time): keeps what the first try recorded',
      {
        ...paidAt1700,
        scheduledAt: at1830,
        changeEmailOwed: 'callMoved' as const,
        movedEmailOwedFrom: at1700,
      },
      { ...paidAt1700, scheduledAt: at1830 },
      {},
    ],
    [
      'moved back to the time the parent was told, before the email went: nothing to tell',
      {
        ...paidAt1700,
        scheduledAt: at1830,
        changeEmailOwed: 'callMoved' as const,
        movedEmailOwedFrom: at1700,
      },
      { ...paidAt1700, scheduledAt: at1700 },
      'take_back',
    ],
    [
      'an unpaid booking: its confirmation will name the new time',
      { ...paidAt1700, paymentStatus: 'pending' as const },
      { ...paidAt1700, paymentStatus: 'pending' as const, scheduledAt: at1830 },
      {},
    ],
    [
      'an erased booking: no email names the child any more',
      paidAt1700,
      { ...paidAt1700, scheduledAt: at1830, dataErasedAt: secondsAgo(60) },
      {},
    ],
  ])('%s', (_case, before, after, expected) => {
    expect(movedEmailOutbox(before, after, now)).toEqual(expected);
  });
});

describe('what a cancel records about the "cancelled" email', () => {
  it('always owes it (paid or not: sending decides), replacing a "moved" still owed', () => {
    expect(cancelledEmailOutbox(now)).toEqual({
      changeEmailOwed: 'callCancelled',
      changeEmailOwedAt: now.toISOString(),
    });
  });
});

const owedMove = {
  changeEmailOwed: 'callMoved' as const,
  changeEmailOwedAt: secondsAgo(1),
  callStatus: 'scheduled' as const,
  paymentStatus: 'paid' as const,
  scheduledAt: at1830,
  timezone: zone,
  callNow: false,
};
const movedKey = movedEmailKey(owedMove);
const owedCancel = {
  ...owedMove,
  changeEmailOwed: 'callCancelled' as const,
  callStatus: 'cancelled' as const,
};
const leaseSeconds = changeEmailLeaseMs / 1000;

describe('what an owed change email needs now', () => {
  it.each([
    ['nothing owed', { ...owedMove, changeEmailOwed: undefined }, 'none'],
    ['a "moved" owed, not claimed (the request died before sending)', owedMove, 'send'],
    [
      'a "moved" claimed a second ago: its send is under way',
      { ...owedMove, movedEmailSentFor: movedKey },
      'none',
    ],
    [
      'a "moved" claimed longer ago than the lease and still owed: its send died',
      {
        ...owedMove,
        movedEmailSentFor: movedKey,
        changeEmailOwedAt: secondsAgo(leaseSeconds + 1),
      },
      'take_over',
    ],
    [
      'a "moved" claimed just inside the lease',
      {
        ...owedMove,
        movedEmailSentFor: movedKey,
        changeEmailOwedAt: secondsAgo(leaseSeconds - 1),
      },
      'none',
    ],
    [
      'a "moved" whose claim is for an earlier schedule',
      { ...owedMove, movedEmailSentFor: 'an earlier schedule', changeEmailOwedAt: secondsAgo(600) },
      'send',
    ],
    [
      'a "moved" claimed with no time recorded: old, taken over',
      { ...owedMove, movedEmailSentFor: movedKey, changeEmailOwedAt: undefined },
      'take_over',
    ],
    [
      'a "moved" for a call already under way',
      { ...owedMove, callStatus: 'queued' as const },
      'drop',
    ],
    ['a "moved" after the data was erased', { ...owedMove, dataErasedAt: secondsAgo(5) }, 'drop'],
    [
      'a "moved" for a booking refunded since',
      { ...owedMove, paymentStatus: 'refunded' as const },
      'drop',
    ],
    ['a "cancelled" owed to a parent who paid', owedCancel, 'send'],
    [
      'a "cancelled" owed to a parent refunded',
      { ...owedCancel, paymentStatus: 'refunded' as const },
      'send',
    ],
    [
      'a "cancelled" of an unpaid hold: not yet (a late payment is refunded, then told)',
      { ...owedCancel, paymentStatus: 'pending' as const },
      'none',
    ],
    [
      'a "cancelled" claimed a second ago',
      { ...owedCancel, cancelledEmailSentAt: secondsAgo(1) },
      'none',
    ],
    [
      'a "cancelled" claimed past the lease, still owed',
      {
        ...owedCancel,
        cancelledEmailSentAt: secondsAgo(leaseSeconds + 5),
        changeEmailOwedAt: secondsAgo(leaseSeconds + 5),
      },
      'take_over',
    ],
    ['a "cancelled" after an erase', { ...owedCancel, dataErasedAt: secondsAgo(5) }, 'drop'],
  ])('%s → %s', (_case, booking, expected) => {
    expect(changeEmailStep(booking, now)).toBe(expected);
  });
});
