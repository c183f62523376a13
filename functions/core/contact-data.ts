/**
 * Contact data in free text the parent writes for Santa (the notes for Santa): web addresses,
 * email addresses and phone numbers. Refused, never stored: the notes go to the voice model as
 * dynamic variables and are read aloud to a child, so they must carry no way to reach anyone
 * (children's safety, and no contact data handed to the LLM). Pure.
 *
 * Rules, deliberately simple and explainable to a parent:
 * - `url`: a scheme (`https://`, `ftp://`), `www.`, or a word ending in a common top-level domain
 *   followed by a path, space, punctuation or the end (`example.com`, `kids.example.co.uk/x`).
 * - `email`: something@something.tld.
 * - `phone`: seven or more digits in one run, allowing spaces, dots, dashes, slashes and
 *   brackets between them and a leading `+` — every national number we call has at least seven.
 *   A date (`24.12.2025`, `24/12/2025`) and a year range (`2019-2025`) are not phone numbers.
 */

export type ContactData = 'url' | 'email' | 'phone';

const email = /[^\s@]+@[^\s@]+\.[^\s@]{2,}/u;
const scheme = /\b[a-z][a-z0-9+.-]*:\/\//iu;
const www = /\bwww\./iu;
/** Common top-level domains, generic and of the countries we call; enough to catch a link. */
const domain =
  /\b[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|net|org|info|biz|io|co|me|app|dev|ly|gg|tv|link|site|online|xyz|shop|store|club|live|us|uk|ca|au|nz|ie|es|mx|ar|cl|co|pe|fr|be|ch|lu|de|it|nl|pt|eu)(?=$|[\s/?#:,;!)"'’]|\.(?:$|\s))/iu;
/** A run of digits with the separators people type inside phone numbers. */
const digitRun = /\+?\d(?:[\s./()–-]*\d)*/gu;
const date = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/u;
const yearRange = /^\d{4}\s*[–-]\s*\d{4}$/u;

/** Whether a run of digits reads as a phone number: seven digits or more, not a date. */
function isPhoneLike(run: string): boolean {
  const digits = run.replace(/\D/gu, '').length;
  if (digits < 7) return false;
  const trimmed = run.trim();
  return !date.test(trimmed) && !yearRange.test(trimmed);
}

/** The first kind of contact data found in `text` (email before url: an address has a domain). */
export function contactDataIn(text: string): ContactData | undefined {
  if (email.test(text)) return 'email';
  if (scheme.test(text) || www.test(text) || domain.test(text)) return 'url';
  for (const run of text.match(digitRun) ?? []) {
    if (isPhoneLike(run)) return 'phone';
  }
  return undefined;
}

/** What the parent reads when a note holds contact data. Plain sentences the site translates. */
export const contactDataMessages: Readonly<Record<ContactData, string>> = {
  url: 'Leave web addresses out of the notes for Santa: he reads them to your child.',
  email: 'Leave email addresses out of the notes for Santa: he reads them to your child.',
  phone: 'Leave phone numbers out of the notes for Santa: he reads them to your child.',
};
