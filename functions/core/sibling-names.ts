/**
 * Children on one call must have different names: Santa greets each by name and gives each a
 * turn, and the wish list is told per child. Two names are the same when they differ only in
 * case or accents ("Zoe" and "Zoé", "ÉMMA" and "emma") — Santa would say them alike. Pure.
 */

/** Compares ignoring case and accents (Unicode collation at base strength, root locale). */
const collator = new Intl.Collator('und', { sensitivity: 'base', usage: 'search' });

/**
 * The first name that repeats an earlier child's (as the later child wrote it) with its
 * position (0-based), or undefined when all differ. Names are compared as stored (core/person-name.ts).
 */
export function repeatedChildName(
  names: readonly string[],
): { readonly name: string; readonly index: number } | undefined {
  for (const [index, name] of names.entries()) {
    if (names.slice(0, index).some((earlier) => collator.compare(earlier, name) === 0)) {
      return { name, index };
    }
  }
  return undefined;
}
