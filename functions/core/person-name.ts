/**
 * The one rule for a person's name as a parent types it (the child's name on a booking, and any
 * other name a person gives us): what is stored, and why a name is refused. Pure; no data.
 *
 * Real names in any script hold letters and combining marks (\p{L}, \p{M}), single spaces,
 * hyphens, apostrophes (' ’ ʼ), dots for initials, middle dots (Catalan "Gal·la", Greek ano
 * teleia U+0387, katakana U+30FB/U+FF65 between the parts of a foreign name) and, between two
 * letters or marks, the zero-width non-joiner and joiner (U+200C, U+200D) that Persian and
 * Sinhala keyboards insert themselves (Unicode TR #31 §2.3 allows them only so placed).
 */

/** Zero-width non-joiner and joiner: shaping controls that belong between letters. */
const joiners = new Set(['\u200c', '\u200d']);
/** Punctuation that separates the parts of a name: hyphens, apostrophes, dots, middle dots. */
const separators = new Set([
  '-',
  '\u2010', // hyphen
  '\u2011', // non-breaking hyphen
  "'",
  '\u2019', // right single quotation mark, what phones type for '
  '\u02bc', // modifier letter apostrophe
  '\u05f3', // Hebrew geresh (ז׳קלין)
  '.',
  '\u00b7', // middle dot (Catalan l·l)
  '\u0387', // Greek ano teleia
  '\u30fb', // katakana middle dot
  '\uff65', // halfwidth katakana middle dot
]);

const letter = /^\p{L}$/u;
/** A letter that is not a modifier (ʼ U+02BC and ʻ U+02BB are letters, but not a name alone). */
const baseLetter = /[\p{Lu}\p{Ll}\p{Lt}\p{Lo}]/u;
const letterOrMark = /^[\p{L}\p{M}]$/u;
const mark = /^\p{M}$/u;
const digit = /^\p{N}$/u;
/** Pictographs, skin-tone modifiers and the regional indicators that make flags. */
const emoji = /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator})$/u;
const invisible = /^\p{C}$/u;
/**
 * Characters that render as nothing though Unicode files some as letters or marks: the Hangul
 * fillers (U+3164, U+115F, U+1160, U+FFA0, letters by category, the classic blank "name"), the
 * combining grapheme joiner U+034F and the variation selectors. The joiners above are the only
 * ones a name keeps.
 */
const ignorable = /^\p{Default_Ignorable_Code_Point}$/u;

export const personNameProblems = [
  'empty',
  'too_long',
  'no_letter',
  'digit',
  'emoji',
  'invisible',
  'misplaced_joiner',
  'starts_with_mark',
  'doubled_punctuation',
  'symbol',
] as const;
export type PersonNameProblem = (typeof personNameProblems)[number];

export type PersonNameCheck =
  | { readonly name: string }
  | { readonly problem: PersonNameProblem; readonly character?: string };

/** The default longest name, in user-perceived characters (grapheme clusters). */
export const personNameMaxGraphemes = 50;

/**
 * A name as stored: Unicode NFC (so "é" typed as e + U+0301 and as U+00E9 are one name), any
 * run of white space (tabs, no-break and ideographic spaces included) as one space, and no
 * space at either end.
 */
export function normalisePersonName(typed: string): string {
  return typed.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** The number of user-perceived characters (extended grapheme clusters, UAX #29). */
export function graphemeCount(text: string): number {
  if (typeof Intl.Segmenter === 'function') {
    let count = 0;
    for (const _ of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
      count++;
    }
    return count;
  }
  return Array.from(text.replace(/\p{M}/gu, '')).length;
}

/**
 * `typed` judged as a person's name: `{ name }`, the normalised name to store, or `{ problem }`
 * (with the offending `character` where one is to blame). At most `maxGraphemes` characters
 * as a person counts them.
 */
export function checkPersonName(
  typed: string,
  maxGraphemes: number = personNameMaxGraphemes,
): PersonNameCheck {
  const name = normalisePersonName(typed);
  if (!name) return { problem: 'empty' };
  const chars = Array.from(name);
  for (const [index, char] of chars.entries()) {
    const before = chars[index - 1];
    const after = chars[index + 1];
    if (joiners.has(char)) {
      const between =
        before !== undefined &&
        after !== undefined &&
        letterOrMark.test(before) &&
        letterOrMark.test(after);
      if (!between) return { problem: 'misplaced_joiner' };
      continue;
    }
    if (ignorable.test(char)) return { problem: 'invisible' };
    if (letter.test(char) || char === ' ') continue;
    if (mark.test(char)) {
      if (index === 0) return { problem: 'starts_with_mark' };
      continue;
    }
    if (separators.has(char)) {
      // One at a time: "Jean-Luc", "J. R.", not "--" or "'-".
      if (before !== undefined && separators.has(before)) {
        return { problem: 'doubled_punctuation', character: char };
      }
      continue;
    }
    if (digit.test(char)) return { problem: 'digit', character: char };
    if (emoji.test(char)) return { problem: 'emoji', character: char };
    if (invisible.test(char)) return { problem: 'invisible' };
    return { problem: 'symbol', character: char };
  }
  if (!baseLetter.test(name)) return { problem: 'no_letter' };
  if (graphemeCount(name) > maxGraphemes) return { problem: 'too_long' };
  return { name };
}

/**
 * What a person reads for a refused name. `whose` names the field in a sentence ("the child's
 * name"); `maxGraphemes` is the limit the check used.
 */
export function describePersonNameProblem(
  check: { readonly problem: PersonNameProblem; readonly character?: string | undefined },
  whose = 'the name',
  maxGraphemes: number = personNameMaxGraphemes,
): string {
  const Whose = whose.charAt(0).toUpperCase() + whose.slice(1);
  switch (check.problem) {
    case 'empty':
      return `Enter ${whose}.`;
    case 'too_long':
      return `${Whose} can be at most ${maxGraphemes} characters: shorten it, or use the name they are called by.`;
    case 'no_letter':
      return `${Whose} needs at least one letter.`;
    case 'digit':
      return `Write ${whose} in letters: "${check.character}" is a digit.`;
    case 'emoji':
      return `Leave emoji out of ${whose}: use only its letters.`;
    case 'invisible':
      return `${Whose} contains an invisible or control character: type it again without pasting.`;
    case 'misplaced_joiner':
      return `${Whose} has a zero-width joiner outside a word: type it again without pasting.`;
    case 'starts_with_mark':
      return `${Whose} starts with an accent or mark on its own: start it with a letter.`;
    case 'doubled_punctuation':
      return `Use one hyphen, apostrophe or dot at a time in ${whose}.`;
    case 'symbol':
      return `"${check.character}" cannot be part of ${whose}: use letters, spaces, hyphens, apostrophes and dots.`;
  }
}
