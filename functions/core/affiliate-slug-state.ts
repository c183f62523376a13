import { slugMinLength, slugProblem } from './affiliate-slug.ts';

/**
 * What the slug checker (`GET /api/affiliates/check-slug`, `slugCheckSchema`) said of one
 * slug, or that asking failed (`error`, a message a person can act on). `slug` is the slug
 * asked about, so an answer about an older input is never taken for the current one.
 */
export type SlugLookup =
  | { readonly slug: string; readonly available: true }
  | {
      readonly slug: string;
      readonly available: false;
      readonly reason?: 'invalid' | 'reserved' | 'taken';
      readonly message: string;
    }
  | { readonly slug: string; readonly error: string };

/**
 * The one state a creator's page name is in on the sign-up form, exactly one at a time:
 * - `empty`: nothing typed yet;
 * - `too_short`: under `slugMinLength` characters (said once the creator has finished typing);
 * - `invalid`: characters, hyphens or length the rules refuse (`slugProblem`), with the fix;
 * - `checking`: the rules pass and the checker's answer for this very slug has not come;
 * - `taken`: another creator's, or a word of the site or the brand (reserved);
 * - `free`: the checker said this very slug is free;
 * - `unchecked`: asking the checker failed (the sign-up itself checks again).
 */
export type SlugState =
  | { readonly kind: 'empty' }
  | { readonly kind: 'checking'; readonly slug: string }
  | { readonly kind: 'free'; readonly slug: string }
  | {
      readonly kind: 'too_short' | 'invalid' | 'taken' | 'unchecked';
      readonly message: string;
    };

/**
 * The state of `typed` (trimmed, as the API trims it) given the latest checker answer.
 * The local rules (functions/core/affiliate-slug.ts, the API's own) are applied first, so a
 * slug that breaks them is never "free" or "checking"; an answer about another slug counts as
 * no answer. Pure: the form calls it on every render.
 */
export function slugState(typed: string, lookup: SlugLookup | undefined): SlugState {
  const slug = typed.trim();
  if (slug === '') return { kind: 'empty' };
  const problem = slugProblem(slug);
  if (problem) {
    if (slug.length < slugMinLength) return { kind: 'too_short', message: problem.message };
    return { kind: problem.reason === 'reserved' ? 'taken' : 'invalid', message: problem.message };
  }
  if (lookup === undefined || lookup.slug !== slug) return { kind: 'checking', slug };
  if ('error' in lookup) return { kind: 'unchecked', message: lookup.error };
  if (lookup.available) return { kind: 'free', slug };
  return { kind: lookup.reason === 'invalid' ? 'invalid' : 'taken', message: lookup.message };
}

/** True when the checker must be asked about `typed`: the local rules pass. */
export function slugNeedsLookup(typed: string): boolean {
  return slugState(typed, undefined).kind === 'checking';
}
