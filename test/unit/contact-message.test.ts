import { describe, expect, it } from 'vitest';
import { contactEmail, escapeHtml, isLikelyBot } from '../../functions/core/contact-message.ts';
import { contactRequestSchema } from '../../functions/schemas/contact-request.ts';

const at = new Date('2026-12-01T03:00:00Z');

describe('the contact form body', () => {
  const valid = { email: 'parent@example.com', message: 'When will Santa call us?' };

  it.each([
    ['no name or booking', valid, { ...valid }],
    ['a name, trimmed', { ...valid, name: '  Ana  ' }, { ...valid, name: 'Ana' }],
    ['a blank name as none', { ...valid, name: '   ' }, { ...valid }],
    [
      'a Persian name with its ZWNJ',
      { ...valid, name: 'علی\u200cرضا' },
      { ...valid, name: 'علی\u200cرضا' },
    ],
    [
      'a booking id in lower case',
      { ...valid, bookingId: '01jz0000000000000000000000' },
      { ...valid, bookingId: '01JZ0000000000000000000000' },
    ],
    ['a blank booking id as none', { ...valid, bookingId: '' }, { ...valid }],
    [
      'a message with line breaks',
      { ...valid, message: 'Line one\nline two' },
      { ...valid, message: 'Line one\nline two' },
    ],
  ])('accepts %s', (_case, body, parsed) => {
    expect(contactRequestSchema.parse(body)).toEqual(parsed);
  });

  it.each([
    ['a short message', { ...valid, message: 'Hi Santa' }, 'message', /at least 10 characters/],
    ['a long message', { ...valid, message: 'x'.repeat(2001) }, 'message', /2000 characters/],
    ['no message', { email: valid.email }, 'message', /Write your message/],
    ['a bad email', { ...valid, email: 'parent at example' }, 'email', /email address/],
    ['a bad booking id', { ...valid, bookingId: 'ABC' }, 'bookingId', /26 letters and digits/],
    ['an unknown field', { ...valid, phone: '+1 415 555 2671' }, '', /phone/],
    [
      'a line break in the name',
      { ...valid, name: 'Ana\r\nBcc: x@example.com' },
      'name',
      /cannot show/,
    ],
    [
      'a bidi override in the name',
      { ...valid, name: 'Ana \u202emoc.live' },
      'name',
      /cannot show/,
    ],
    ['a line separator in the name', { ...valid, name: 'Ana\u2028Bo' }, 'name', /cannot show/],
    ['a zero-width space in the name', { ...valid, name: 'A\u200bna' }, 'name', /cannot show/],
  ])('refuses %s, naming the field', (_case, body, field, message) => {
    const result = contactRequestSchema.safeParse(body);

    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect(issue?.path.join('.') ?? '').toBe(field);
    expect(issue?.message ?? JSON.stringify(issue)).toMatch(message);
  });
});

describe('the honeypot', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['   ', false],
    ['https://spam.example', true],
    [null, false],
    // What a failed parse leaves to read: any filled value, of any type or length.
    [`https://spam.example/${'x'.repeat(300)}`, true],
    [42, true],
    [{ url: 'x' }, true],
  ])('website %j → bot %s', (website, bot) => {
    expect(isLikelyBot({ website })).toBe(bot);
  });

  it.each([undefined, null, 'text', 7, {}])('a body without a honeypot (%j) is no bot', (body) => {
    expect(isLikelyBot(body)).toBe(false);
  });
});

describe('the support email', () => {
  it.each([
    [
      'with a name and booking',
      { name: 'Ana', email: 'ana@example.com', bookingId: '01JZ0000000000000000000000' },
      'Contact form: booking 01JZ0000000000000000000000',
      'From: Ana <ana@example.com>\nBooking: 01JZ0000000000000000000000',
    ],
    [
      'with neither',
      { email: 'ana@example.com' },
      'Contact form: a question',
      'From: ana@example.com\nBooking: not given',
    ],
  ])('%s names them in the subject and body', (_case, who, subject, head) => {
    const email = contactEmail({ ...who, message: 'Can Santa call at 7?' }, at);

    expect(email.subject).toBe(subject);
    expect(email.text.startsWith(head)).toBe(true);
    expect(email.text).toContain('Received: 2026-12-01T03:00:00.000Z\n\nCan Santa call at 7?');
  });

  it('shows what the parent typed as text in the HTML, never as markup', () => {
    const email = contactEmail(
      { name: '<b>Ana</b>', email: 'ana@example.com', message: '<script>alert(1)</script> & "hi"' },
      at,
    );

    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<b>Ana');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;hi&quot;');
  });

  it.each([
    ['<', '&lt;'],
    ["'", '&#39;'],
    ['plain', 'plain'],
  ])('escapes %j as %j', (raw, escaped) => {
    expect(escapeHtml(raw)).toBe(escaped);
  });
});
