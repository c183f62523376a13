/** What the contact form sends us, as parsed by `functions/schemas/contact-request.ts`. */
export interface ContactMessageInput {
  readonly name?: string;
  readonly email: string;
  readonly bookingId?: string;
  readonly message: string;
  /** The honeypot: set only by bots that fill in every field they find. */
  readonly website?: string;
}

/** The email to support: subject, plain text and HTML (the sender needs both). */
export interface ContactEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/**
 * A filled honeypot means a bot: the message is answered like any other and never sent. Read
 * from the parsed request or, when it failed to parse, from the raw body (`website` of any type
 * or length): a bot that also got another field wrong must not learn from a 400 either.
 */
export function isLikelyBot(input: unknown): boolean {
  if (typeof input !== 'object' || input === null || !('website' in input)) return false;
  const { website } = input;
  if (website === undefined || website === null) return false;
  return typeof website === 'string' ? website.trim() !== '' : true;
}

const escapes: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text as HTML: everything a parent typed is shown, nothing of it is markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => escapes[character] ?? character);
}

/**
 * The support email for one contact message: the subject names the booking when given, the
 * body quotes the message as written (escaped in the HTML part). `receivedAt` is when the API
 * took it (ISO 8601, UTC).
 */
export function contactEmail(input: ContactMessageInput, receivedAt: Date): ContactEmail {
  const from = input.name ? `${input.name} <${input.email}>` : input.email;
  const subject = input.bookingId
    ? `Contact form: booking ${input.bookingId}`
    : 'Contact form: a question';
  const facts: [string, string][] = [
    ['From', from],
    ['Booking', input.bookingId ?? 'not given'],
    ['Received', receivedAt.toISOString()],
  ];
  const text = [
    ...facts.map(([label, value]) => `${label}: ${value}`),
    '',
    input.message,
    '',
    'Reply to this email to answer the sender.',
  ].join('\n');
  const html = [
    '<!doctype html><html lang="en"><body style="font-family:sans-serif">',
    '<table role="presentation">',
    ...facts.map(
      ([label, value]) =>
        `<tr><th align="left" style="padding-right:1em">${label}</th><td>${escapeHtml(value)}</td></tr>`,
    ),
    '</table>',
    `<p style="white-space:pre-wrap">${escapeHtml(input.message)}</p>`,
    '<p style="color:#555">Reply to this email to answer the sender.</p>',
    '</body></html>',
  ].join('');
  return { subject, text, html };
}
