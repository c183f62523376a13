import { describe, expect, it } from 'vitest';
import type { EmailProps } from '../../../functions/email/registry.ts';
import { renderEmail } from '../../../functions/email/render-email.ts';

const noAnswer: EmailProps<'callNotCompleted'> = {
  childNames: ['Emma'],
  reason: 'no_answer',
  attempts: 3,
  refunded: true,
  amountCents: 2999,
  currency: 'usd',
  bookAgainUrl: 'https://callsanta.example/book?ref=retry&child=1',
};

describe('call not completed', () => {
  it('says nobody answered after every attempt, the refund, and how to book again', async () => {
    const email = await renderEmail('callNotCompleted', noAnswer);

    expect(email.subject).toBe('Santa could not reach Emma');
    for (const part of [email.html, email.text]) {
      expect(part).toContain('Santa tried to call Emma 3 times, but nobody answered the phone.');
      expect(part).toContain('We have refunded the full $29.99 to the card you paid with.');
      expect(part).toContain('within 5–10 business days');
      expect(part).toContain('Book another call');
      expect(part).not.toContain('technical problem');
    }
    expect(email.html).toContain('href="https://callsanta.example/book?ref=retry&amp;child=1"');
    expect(email.text).toContain('https://callsanta.example/book?ref=retry&child=1');
    expect(email.text).not.toMatch(/<[a-z]/i);
  });

  it.each([
    [1, 'once'],
    [2, 'twice'],
    [5, '5 times'],
  ])('counts %i attempt(s) as "%s"', async (attempts, said) => {
    const email = await renderEmail('callNotCompleted', { ...noAnswer, attempts });

    expect(email.text).toContain(`Santa tried to call Emma ${said}, but nobody answered`);
  });

  it('blames a technical problem, not the family, when the call failed', async () => {
    const email = await renderEmail('callNotCompleted', { ...noAnswer, reason: 'failed' });

    expect(email.subject).toBe("Santa's call to Emma could not be completed");
    for (const part of [email.html, email.text]) {
      expect(part).toContain('could not be completed because of a technical problem');
      expect(part).not.toContain('nobody answered');
      expect(part).not.toContain('blocks unknown callers');
      expect(part).toContain('We have refunded the full $29.99');
    }
  });

  it.each(['no_answer', 'failed'] as const)(
    'promises no refund when none was made (%s)',
    async (reason) => {
      const email = await renderEmail('callNotCompleted', { ...noAnswer, reason, refunded: false });

      for (const part of [email.html, email.text]) {
        expect(part).not.toMatch(/refund/i);
        expect(part).not.toContain('business days');
        expect(part).not.toContain('$29.99');
        expect(part).toContain('Book another call');
      }
    },
  );

  it('formats the refund in the currency paid', async () => {
    const email = await renderEmail('callNotCompleted', {
      ...noAnswer,
      amountCents: 3000,
      currency: 'jpy',
    });

    expect(email.text).toContain('We have refunded the full ¥3,000');
  });

  it('escapes a hostile child name: text in the html, never markup', async () => {
    const email = await renderEmail('callNotCompleted', {
      ...noAnswer,
      childNames: ['<script>alert(1)</script><img src=x onerror=alert(2)>'],
    });

    expect(email.html).not.toContain('<script');
    expect(email.html).not.toContain('<img');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.text).toContain('Santa tried to call <script>alert(1)</script><img');
  });

  it.each([
    ['a javascript: book-again link', { bookAgainUrl: 'javascript:alert(1)' }],
    ['"nobody answered" with no attempt made', { attempts: 0 }],
    ['a negative attempt count', { reason: 'failed', attempts: -1 }],
    ['a fractional attempt count', { attempts: 1.5 }],
    ['a fractional amount', { amountCents: 29.99 }],
    ['a currency that is not an ISO code', { currency: 'dollars' }],
    ['an unknown reason', { reason: 'busy' }],
    ['a blank child name', { childNames: ['   '] }],
    ['no child at all', { childNames: [] }],
  ])('refuses %s', async (_what, change) => {
    // Typed loosely on purpose: the schema, not the compiler, must stop these at run time.
    const props = { ...noAnswer, ...change } as EmailProps<'callNotCompleted'>;

    await expect(renderEmail('callNotCompleted', props)).rejects.toThrow();
  });

  it('accepts a failed call that was never dialled', async () => {
    const email = await renderEmail('callNotCompleted', {
      ...noAnswer,
      reason: 'failed',
      attempts: 0,
    });

    expect(email.text).toContain('technical problem');
  });
});
