import { describe, expect, it } from 'vitest';
import type { EmailProps } from '../../../functions/email/registry.ts';
import { renderEmail } from '../../../functions/email/render-email.ts';

const booking: EmailProps<'bookingConfirmation'> = {
  childNames: ['Emma'],
  callNow: false,
  callAtUtc: '2026-12-24T23:30:00Z',
  timezone: 'America/New_York',
  amountCents: 2999,
  currency: 'usd',
  purchaseRecording: true,
  manageUrl: 'https://callsanta.example/manage/b-1?token=abc&x=1',
};

describe('booking confirmation', () => {
  it('names the child and says when Santa calls, in the parent time zone, in html and text', async () => {
    const email = await renderEmail('bookingConfirmation', booking);

    expect(email.subject).toBe('Santa will call Emma on Thursday, December 24');
    for (const part of [email.html, email.text]) {
      expect(part).toContain(
        'Santa will call Emma on Thursday, December 24, 2026 at 6:30 PM Eastern Standard Time.',
      );
      expect(part).toContain('$29.99');
      expect(part).toContain('Included');
      expect(part).toContain('Manage or cancel your booking');
      expect(part).toContain('AI-voiced call from CallSanta');
      expect(part).toContain('be with Emma when the phone rings');
      expect(part).toContain('because you booked and paid for a call from Santa');
      expect(part).toContain('never sell them');
    }
    expect(email.html).toMatch(/^<!DOCTYPE html/);
    expect(email.html).toContain('href="https://callsanta.example/manage/b-1?token=abc&amp;x=1"');
    expect(email.text).toContain('https://callsanta.example/manage/b-1?token=abc&x=1');
    expect(email.text).not.toMatch(/<[a-z]/i);
  });

  it.each([
    // UTC says the 24th; Tokyo is already on Christmas morning.
    [
      'Asia/Tokyo',
      '2026-12-24T23:30:00Z',
      'Friday, December 25',
      'Friday, December 25, 2026 at 8:30 AM Japan Standard Time',
    ],
    // UTC says the 25th; Los Angeles is still on Christmas Eve.
    [
      'America/Los_Angeles',
      '2026-12-25T02:00:00Z',
      'Thursday, December 24',
      'Thursday, December 24, 2026 at 6:00 PM Pacific Standard Time',
    ],
  ])('in %s shows %s as the local day and time', async (timezone, callAtUtc, day, time) => {
    const email = await renderEmail('bookingConfirmation', { ...booking, timezone, callAtUtc });

    expect(email.subject).toBe(`Santa will call Emma on ${day}`);
    expect(email.html).toContain(time);
    expect(email.text).toContain(time);
  });

  it.each([
    // The parent's recorded locale and the booking's currency, as the site showed them.
    [
      'en-GB',
      'gbp',
      1298,
      'Friday 25 December',
      'Friday, 25 December 2026 at 08:30 Japan Standard Time',
      '£12.98',
    ],
    // Yen is zero-decimal: Stripe charged 1500, which is ¥1,500, not ¥15.
    [
      'en-US',
      'jpy',
      1500,
      'Friday, December 25',
      'Friday, December 25, 2026 at 8:30 AM Japan Standard Time',
      '¥1,500',
    ],
    ['de-DE', 'eur', 999, 'Freitag, 25. Dezember', '25. Dezember 2026 um 08:30', '9,99 €'],
  ])(
    'in locale %s with %s writes the day, time and amount the parent reads',
    async (locale, currency, amountCents, day, time, amount) => {
      const email = await renderEmail('bookingConfirmation', {
        ...booking,
        timezone: 'Asia/Tokyo',
        locale,
        currency,
        amountCents,
      });

      expect(email.subject).toBe(`Santa will call Emma on ${day}`);
      for (const part of [email.html, email.text]) {
        expect(part).toContain(time);
        expect(part).toContain(amount);
      }
    },
  );

  it('says "in the next few minutes" for a call-now booking, with no date', async () => {
    const email = await renderEmail('bookingConfirmation', { ...booking, callNow: true });

    expect(email.subject).toBe('Santa will call Emma in the next few minutes');
    expect(email.text).toContain('Santa will call Emma in the next few minutes.');
    expect(email.html).toContain('Santa will call Emma in the next few minutes.');
    expect(email.text).not.toContain('December');
  });

  it('says when the recording was not bought, and formats other currencies', async () => {
    const email = await renderEmail('bookingConfirmation', {
      ...booking,
      purchaseRecording: false,
      amountCents: 1500,
      currency: 'eur',
    });

    expect(email.text).toContain('Not included.');
    expect(email.text).not.toContain('video');
    expect(email.text).toContain('€15.00');
  });

  it('escapes a hostile child name: text in the html, never markup', async () => {
    const email = await renderEmail('bookingConfirmation', {
      ...booking,
      childNames: ['<script>alert(1)</script><img src=x onerror=alert(2)>'],
    });

    expect(email.html).not.toContain('<script');
    expect(email.html).not.toContain('<img');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // The text part is not markup; it carries the name exactly as typed.
    expect(email.text).toContain('Santa will call <script>alert(1)</script><img');
  });

  it.each([
    ['a javascript: manage link', { manageUrl: 'javascript:alert(1)' }],
    ['an unknown time zone', { timezone: 'Mars/Olympus_Mons' }],
    ['a call time that is not an instant', { callAtUtc: 'next Thursday' }],
    ['a blank child name', { childNames: ['   '] }],
    ['no child at all', { childNames: [] }],
    ['a fractional amount', { amountCents: 29.99 }],
  ])('refuses %s', async (_what, change) => {
    await expect(renderEmail('bookingConfirmation', { ...booking, ...change })).rejects.toThrow();
  });
});
