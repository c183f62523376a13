import { describe, expect, it } from 'vitest';
import {
  cancelledEmailOwed,
  movedEmailKey,
  movedEmailOwed,
} from '../../../functions/core/change-emails.ts';
import type { EmailProps } from '../../../functions/email/registry.ts';
import { renderEmail } from '../../../functions/email/render-email.ts';

const moved: EmailProps<'callMoved'> = {
  childNames: ['Emma'],
  callNow: false,
  callAtUtc: '2026-12-24T23:30:00Z',
  previousCallAtUtc: '2026-12-23T22:00:00Z',
  timezone: 'America/New_York',
  manageUrl: 'https://callsanta.example/manage/b-1#token=abc',
  statusUrl: 'https://callsanta.example/success/b-1#token=abc',
  calendarAttached: true,
};

const cancelled: EmailProps<'callCancelled'> = {
  childNames: ['Emma'],
  callAtUtc: '2026-12-24T23:30:00Z',
  timezone: 'America/New_York',
  amountRefundedCents: 999,
  currency: 'usd',
  bookAgainUrl: 'https://callsanta.example/book',
};

describe('the "moved" email', () => {
  it('gives the new time in the parent zone, the old one, the calendar file and both links', async () => {
    const email = await renderEmail('callMoved', moved);

    expect(email.subject).toBe(
      'Your call is moved: Santa now calls Emma on Thursday, December 24, 2026 at 6:30 PM Eastern Standard Time',
    );
    for (const part of [email.html, email.text]) {
      expect(part).toContain('Your call is moved');
      expect(part).toContain(
        'Santa will now call Emma on Thursday, December 24, 2026 at 6:30 PM Eastern Standard Time.',
      );
      expect(part).toContain('Wednesday, December 23, 2026 at 5:00 PM Eastern Standard Time');
      expect(part).toContain('calendar file attached has the new time');
      expect(part).toContain('Manage or cancel your booking');
    }
    expect(email.html).toContain('href="https://callsanta.example/manage/b-1#token=abc"');
    expect(email.html).toContain('href="https://callsanta.example/success/b-1#token=abc"');
    expect(email.text).toContain('https://callsanta.example/manage/b-1#token=abc');
    expect(email.text).toContain('https://callsanta.example/success/b-1#token=abc');
  });

  it('says "in the next few minutes" for a call moved to now, and no file when none is attached', async () => {
    const email = await renderEmail('callMoved', {
      ...moved,
      callNow: true,
      calendarAttached: false,
    });

    expect(email.subject).toBe('Your call is moved: Santa now calls Emma in the next few minutes');
    expect(email.text).not.toContain('calendar file attached');
  });
});

describe('the "cancelled" email', () => {
  it('says what was refunded and when it lands (Stripe: 5–10 business days), and how to book again', async () => {
    const email = await renderEmail('callCancelled', cancelled);

    expect(email.subject).toBe('Your call is cancelled: Santa will not call Emma');
    for (const part of [email.html, email.text]) {
      expect(part).toContain(
        'Santa will not call Emma on Thursday, December 24, 2026 at 6:30 PM Eastern Standard Time.',
      );
      expect(part).toContain('We have refunded $9.99 to the card you paid with.');
      expect(part).toContain('within 5–10 business days');
      expect(part).toContain('Book a call again');
    }
    expect(email.html).toContain('href="https://callsanta.example/book"');
  });

  it.each([
    [0, 'jpy', undefined, 'Your payment was not refunded.'],
    [
      0,
      'usd',
      'late_cancellation' as const,
      'Your payment was not refunded. Calls cancelled less than 10 minutes before they are due are not refunded.',
    ],
    [1500, 'jpy', undefined, 'We have refunded ¥1,500'],
  ])('refunded %i %s (%s) says %j', async (amountRefundedCents, currency, reason, says) => {
    const email = await renderEmail('callCancelled', {
      ...cancelled,
      amountRefundedCents,
      currency,
      ...(reason ? { noRefundReason: reason } : {}),
    });

    expect(email.text).toContain(says);
    if (amountRefundedCents === 0) expect(email.text).not.toContain('business days');
  });
});

const at = (scheduledAt: string, timezone = 'Europe/London', callNow = false) => ({
  scheduledAt,
  timezone,
  callNow,
});

describe('when a change owes an email', () => {
  it.each([
    ['a paid call moved to another time', at('2026-12-24T18:00:00Z'), 'paid', true],
    [
      'a paid call shown in another zone',
      at('2026-12-23T18:00:00Z', 'Europe/Dublin'),
      'paid',
      true,
    ],
    ['a paid call moved to now', at('2026-12-23T18:00:00Z', 'Europe/London', true), 'paid', true],
    ['the same time again (a retried PATCH)', at('2026-12-23T18:00:00Z'), 'paid', false],
    ['an unpaid booking moved', at('2026-12-24T18:00:00Z'), 'pending', false],
  ] as const)('%s → %s', (_, after, paymentStatus, owed) => {
    expect(movedEmailOwed(at('2026-12-23T18:00:00Z'), { ...after, paymentStatus })).toBe(owed);
  });

  it('a call already "now" asked for "now" again is a retry, not a move', () => {
    const now = at('2026-12-23T18:00:00Z', 'Europe/London', true);
    const later = at('2026-12-23T18:00:05Z', 'Europe/London', true);

    expect(movedEmailOwed(now, { ...later, paymentStatus: 'paid' })).toBe(false);
  });

  it('an erased booking is never emailed', () => {
    expect(
      movedEmailOwed(at('2026-12-23T18:00:00Z'), {
        ...at('2026-12-24T18:00:00Z'),
        paymentStatus: 'paid',
        dataErasedAt: '2026-12-01T00:00:00Z',
      }),
    ).toBe(false);
    expect(
      cancelledEmailOwed({ paymentStatus: 'refunded', dataErasedAt: '2026-12-01T00:00:00Z' }),
    ).toBe(false);
  });

  it('keys each move by the schedule it moves to: A→B and B→A differ, a retry repeats', () => {
    const a = movedEmailKey(at('2026-12-23T18:00:00Z'));
    const b = movedEmailKey(at('2026-12-24T18:00:00Z'));

    expect(a).not.toBe(b);
    expect(movedEmailKey(at('2026-12-24T18:00:00Z'))).toBe(b);
  });

  it.each([
    ['paid', true],
    ['refunded', true],
    ['pending', false],
  ] as const)('a cancelled booking whose payment is %s → %s', (paymentStatus, owed) => {
    expect(cancelledEmailOwed({ paymentStatus })).toBe(owed);
  });
});
