import { describe, expect, it } from 'vitest';
import {
  checkPersonName,
  describePersonNameProblem,
  graphemeCount,
  normalisePersonName,
} from '../../functions/core/person-name.ts';

describe('checkPersonName: real names in any script are accepted, as stored', () => {
  it.each([
    ['Persian with a zero-width non-joiner', 'علی\u200cرضا', 'علی\u200cرضا'],
    ['Sinhala with a zero-width joiner', 'ශ්\u200dරී', 'ශ්\u200dරී'],
    ['Catalan with a middle dot', 'Gal·la', 'Gal·la'],
    ['Greek ano teleia (NFC makes it a middle dot)', 'Αν\u0387να', 'Αν\u00b7να'],
    ['katakana middle dot', 'ジョン・スミス', 'ジョン・スミス'],
    ['a doubled space, collapsed', 'Anne  Marie', 'Anne Marie'],
    ['spaces at the ends and a tab, trimmed and collapsed', '  Anne\tMarie ', 'Anne Marie'],
    ['a no-break space', 'Anne\u00a0Marie', 'Anne Marie'],
    [
      'Latin with diacritics typed decomposed (NFD), stored NFC',
      'Zoe\u0301 Mu\u0308ller',
      'Zoé Müller',
    ],
    ['Latin precomposed', 'Zoé', 'Zoé'],
    ['an apostrophe', "O'Brien", "O'Brien"],
    ['a typographic apostrophe', 'O’Brien', 'O’Brien'],
    ['a modifier-letter apostrophe', 'Ngʼang', 'Ngʼang'],
    ['a hyphen', 'Jean-Luc', 'Jean-Luc'],
    ['two given names', 'Anne Marie', 'Anne Marie'],
    ['initials with dots', 'J. R.', 'J. R.'],
    ['Chinese', '王小明', '王小明'],
    ['Japanese', 'さくら', 'さくら'],
    ['Korean', '김민준', '김민준'],
    ['Devanagari', 'देवेंद्र', 'देवेंद्र'],
    ['Arabic', 'محمد', 'محمد'],
    ['Arabic with vowel marks', 'مُحَمَّد', 'مُحَمَّد'],
    ['Hebrew', 'נועה', 'נועה'],
    ['Hebrew with a geresh', 'ז׳קלין', 'ז׳קלין'],
    ['Thai', 'สมชาย', 'สมชาย'],
    ['Hawaiian ʻokina', 'Kaʻiulani', 'Kaʻiulani'],
    ['one letter', 'A', 'A'],
    ['fifty characters', 'a'.repeat(50), 'a'.repeat(50)],
    ['fifty graphemes of letter + mark (100 code points)', 'e\u0301'.repeat(50), 'é'.repeat(50)],
  ])('%s: %j', (_, typed, stored) => {
    expect(checkPersonName(typed)).toEqual({ name: stored });
  });
});

describe('checkPersonName: what is not a name is refused, saying why', () => {
  it.each([
    ['nothing', '', 'empty'],
    ['only spaces', '   ', 'empty'],
    ['only combining marks', '\u0301\u0308', 'starts_with_mark'],
    ['a combining mark first', '\u0301Anna', 'starts_with_mark'],
    ['only punctuation', "-'.", 'doubled_punctuation'],
    ['a lone hyphen', '-', 'no_letter'],
    ['a lone modifier apostrophe', 'ʼ', 'no_letter'],
    ['a zero-width non-joiner at the end', 'Ali\u200c', 'misplaced_joiner'],
    ['a zero-width joiner before a space', 'Ali\u200d Reza', 'misplaced_joiner'],
    ['a lone zero-width joiner', '\u200d', 'misplaced_joiner'],
    ['digits', 'Anna2', 'digit'],
    ['Arabic-Indic digits', 'علی٣', 'digit'],
    ['an emoji', 'Anna 🎅', 'emoji'],
    ['a flag', 'Anna 🇬🇧', 'emoji'],
    ['a zero-width space', 'An\u200bna', 'invisible'],
    ['a right-to-left override', '\u202eAnna', 'invisible'],
    ['a control character', 'An\u0007na', 'invisible'],
    ['only a Hangul filler (a blank letter)', '\u3164', 'invisible'],
    ['Hangul choseong and jungseong fillers', '\u115f\u1160', 'invisible'],
    ['a halfwidth Hangul filler after a name', 'Anna\uffa0', 'invisible'],
    ['a combining grapheme joiner', 'A\u034fnna', 'invisible'],
    ['a variation selector', 'Anna\ufe0f', 'invisible'],
    ['doubled hyphens', 'Jean--Luc', 'doubled_punctuation'],
    ['a symbol', 'Anna & Ben', 'symbol'],
    ['angle brackets', '<b>Anna</b>', 'symbol'],
    ['fifty-one characters', 'a'.repeat(51), 'too_long'],
  ])('%s: %j → %s', (_, typed, problem) => {
    const check = checkPersonName(typed);
    expect('problem' in check ? check.problem : check).toBe(problem);
  });
});

describe('describePersonNameProblem', () => {
  it.each([
    [{ problem: 'empty' as const }, "Enter the child's name."],
    [{ problem: 'no_letter' as const }, "The child's name needs at least one letter."],
    [
      { problem: 'digit' as const, character: '2' },
      'Write the child\'s name in letters: "2" is a digit.',
    ],
    [
      { problem: 'symbol' as const, character: '&' },
      '"&" cannot be part of the child\'s name: use letters, spaces, hyphens, apostrophes and dots.',
    ],
    [
      { problem: 'too_long' as const },
      "The child's name can be at most 50 characters: shorten it, or use the name they are called by.",
    ],
  ])('%j → %s', (check, message) => {
    expect(describePersonNameProblem(check, "the child's name")).toBe(message);
  });

  it('never gives the old advice that refused real names', () => {
    for (const typed of ['علی\u200cرضا', 'Gal·la', 'Anne  Marie', 'ශ්\u200dරී']) {
      expect(checkPersonName(typed)).not.toHaveProperty('problem');
    }
  });
});

describe('normalisePersonName and graphemeCount', () => {
  it.each([
    ['e\u0301', 'é', 1],
    ['  a  b  ', 'a b', 3],
    ['ශ්\u200dරී', 'ශ්\u200dරී', 2],
    ['👨‍👩‍👧', '👨‍👩‍👧', 1],
  ])('%j → %j, %i graphemes', (typed, normalised, graphemes) => {
    expect(normalisePersonName(typed)).toBe(normalised);
    expect(graphemeCount(normalised)).toBe(graphemes);
  });
});
