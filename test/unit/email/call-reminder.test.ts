import { describe, expect, it } from 'vitest';
import type { EmailProps } from '../../../functions/email/registry.ts';
import { renderEmail } from '../../../functions/email/render-email.ts';

const reminder: EmailProps<'callReminder'> = {
  childNames: ['Emma'],
  callAtUtc: '2026-12-24T23:30:00Z',
  timezone: 'America/New_York',
  manageUrl: 'https://callsanta.example/manage/b-1?token=abc&x=1',
};

describe('call reminder', () => {
  it('says when Santa calls, in the parent time zone, with the checklist, in html and text', async () => {
    const email = await renderEmail('callReminder', reminder);

    expect(email.subject).toBe('Santa calls Emma in an hour');
    for (const part of [email.html, email.text]) {
      expect(part).toContain('Santa calls Emma in an hour!');
      expect(part).toContain(
        'Santa will call Emma on Thursday, December 24, 2026 at 6:30 PM Eastern Standard Time.',
      );
      expect(part).toContain('The phone is charged');
      expect(part).toContain('The ringer is on');
      expect(part).toContain('You are with Emma when the phone rings.');
      expect(part).toContain('automated, AI-voiced call from CallSanta');
      expect(part).toContain('the call says so at the start');
      expect(part).toContain('Manage or cancel your booking');
      expect(part).toContain('never sell them');
    }
    expect(email.html).toMatch(/^<!DOCTYPE html/);
    expect(email.html).toContain('href="https://callsanta.example/manage/b-1?token=abc&amp;x=1"');
    expect(email.text).toContain('https://callsanta.example/manage/b-1?token=abc&x=1');
    // The checklist reads as a list in the text part too.
    expect(email.text).toMatch(/^ \* The phone is charged/m);
    expect(email.text).not.toMatch(/<[a-z]/i);
  });

  it.each([
    // UTC says the 24th; Tokyo is already on Christmas morning.
    [
      'Asia/Tokyo',
      '2026-12-24T23:30:00Z',
      'Friday, December 25, 2026 at 8:30 AM Japan Standard Time',
    ],
    // UTC says the 25th; Los Angeles is still on Christmas Eve.
    [
      'America/Los_Angeles',
      '2026-12-25T02:00:00Z',
      'Thursday, December 24, 2026 at 6:00 PM Pacific Standard Time',
    ],
  ])('in %s shows %s as %s', async (timezone, callAtUtc, time) => {
    const email = await renderEmail('callReminder', { ...reminder, timezone, callAtUtc });

    expect(email.html).toContain(time);
    expect(email.text).toContain(time);
  });

  it('escapes a hostile child name: text in the html, never markup', async () => {
    const email = await renderEmail('callReminder', {
      ...reminder,
      childNames: ['<script>alert(1)</script><img src=x onerror=alert(2)>'],
    });

    expect(email.html).not.toContain('<script');
    expect(email.html).not.toContain('<img');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.text).toContain('You are with <script>alert(1)</script><img');
  });

  it.each([
    ['a javascript: manage link', { manageUrl: 'javascript:alert(1)' }],
    ['a data: manage link', { manageUrl: 'data:text/html,<script>alert(1)</script>' }],
    ['an unknown time zone', { timezone: 'Mars/Olympus_Mons' }],
    ['a call time that is not an instant', { callAtUtc: 'in an hour' }],
    ['a blank child name', { childNames: ['   '] }],
    ['no child at all', { childNames: [] }],
  ])('refuses %s', async (_what, change) => {
    await expect(renderEmail('callReminder', { ...reminder, ...change })).rejects.toThrow();
  });
});
