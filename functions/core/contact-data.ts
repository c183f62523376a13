/**
 * Contact data in free text the parent writes for Santa (each child's "tell Santa" words, the
 * notes for Santa and the names in them): web addresses, email addresses and phone numbers.
 * Refused, never stored: the text goes to the voice model as dynamic variables and may be said
 * aloud to a child, so it must carry no way to reach anyone (children's safety, and no contact
 * data handed to the LLM). Pure.
 *
 * The text is read as it would be shown: NFKC (full-width "０７４００" reads "07400", "ｗｗｗ"
 * reads "www") with invisible format characters (zero-width spaces, joiners, bidi marks)
 * removed, so neither hides a number or an address. Digits of any script count.
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
  /\b[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|net|org|info|biz|io|co|me|app|dev|ai|edu|gov|mil|int|pro|ly|gg|tv|fm|to|cc|ws|tk|ml|ga|cf|gq|top|icu|fun|page|blog|link|site|online|xyz|shop|store|club|live|us|uk|ca|au|nz|ie|es|mx|ar|cl|pe|fr|be|ch|lu|de|it|nl|pt|eu)(?=$|[\s/?#:,;!)"'’]|\.(?:$|\s))/iu;
/** "example dot com": an address spelled out to slip past the check above. */
const spokenDomain = /\b[\p{L}\p{N}-]+\s+(?:dot|punto|point)\s+(?:com|net|org|es|fr|co|io|ai)\b/iu;
/**
 * A run of digits (any script) with the separators people type inside phone numbers,
 * middle dots, bullets, stars and underscores included.
 */
const digitRun = /\+?\p{Nd}(?:[\s./()–\-·•*_]*\p{Nd})*/gu;
const date = /^\p{Nd}{1,4}[./-]\p{Nd}{1,2}[./-]\p{Nd}{1,4}$/u;
const yearRange = /^\p{Nd}{4}\s*[–-]\s*\p{Nd}{4}$/u;
/** Invisible format characters (Cf): zero-width space and joiners, bidi marks, soft hyphen. */
const formatCharacters = /\p{Cf}/gu;

/** Whether a run of digits reads as a phone number: seven digits or more, not a date. */
function isPhoneLike(run: string): boolean {
  const digits = run.replace(/\P{Nd}/gu, '').length;
  if (digits < 7) return false;
  const trimmed = run.trim();
  return !date.test(trimmed) && !yearRange.test(trimmed);
}

/** The first kind of contact data found in `text` (email before url: an address has a domain). */
export function contactDataIn(typed: string): ContactData | undefined {
  const text = typed.normalize('NFKC').replace(formatCharacters, '');
  if (email.test(text)) return 'email';
  if (scheme.test(text) || www.test(text) || domain.test(text) || spokenDomain.test(text)) {
    return 'url';
  }
  for (const run of text.match(digitRun) ?? []) {
    if (isPhoneLike(run)) return 'phone';
  }
  return undefined;
}

/**
 * What the parent reads when their words for Santa hold contact data. Plain sentences the site
 * translates (the `validation` namespace, keyed by this English text).
 */
export const contactDataMessages: Readonly<Record<ContactData, string>> = {
  url: 'Leave web addresses out of what you tell Santa: he may say it to your child.',
  email: 'Leave email addresses out of what you tell Santa: he may say it to your child.',
  phone: 'Leave phone numbers out of what you tell Santa: he may say it to your child.',
};
