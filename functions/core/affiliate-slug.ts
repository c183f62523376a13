import { affiliateSlugPattern } from './affiliate-slug-pattern.ts';

/**
 * What makes a slug usable as a creator's landing page, `callsanta.com/<slug>`. The rules are
 * pure so the API, the slug checker and the site agree on them.
 */

export const slugMinLength = 3;
export const slugMaxLength = 50;

/**
 * Paths the site or API serves, or may soon: a creator page there would shadow them (or be
 * shadowed). Checked whole, so `bookings-by-ann` stays free. (`_local` and other paths with
 * characters a slug cannot have are refused by the character rule already.)
 */
const routeWords = [
  'about',
  'account',
  'admin',
  'affiliate',
  'affiliates',
  'api',
  'app',
  'assets',
  'auth',
  'availability',
  'blog',
  'book',
  'booking',
  'bookings',
  'call',
  'calls',
  'cancel',
  'check-slug',
  'checkout',
  'contact',
  'cookies',
  'creator',
  'creators',
  'dashboard',
  'faq',
  'favicon',
  'gift',
  'gifts',
  'health',
  'home',
  'index',
  'legal',
  'login',
  'logout',
  'manage',
  'null',
  'partner',
  'partners',
  'pay',
  'payment',
  'pricing',
  'privacy',
  'public',
  'recording',
  'recordings',
  'register',
  'reschedule',
  'robots',
  'settings',
  'signin',
  'signup',
  'sitemap',
  'static',
  'status',
  'success',
  'terms',
  'undefined',
  'video',
  'videos',
  'voice-notes',
  'webhooks',
  'www',
] as const;

/** Words a visitor would read as CallSanta itself speaking, not a creator. */
const brandWords = [
  'billing',
  'call-santa',
  'callsanta',
  'father-christmas',
  'help',
  'helpdesk',
  'mrs-claus',
  'north-pole',
  'northpole',
  'official',
  'refunds',
  'santa',
  'santa-claus',
  'santaclaus',
  'security',
  'staff',
  'support',
  'team',
] as const;

const reservedRoutes: ReadonlySet<string> = new Set(routeWords);
const reservedBrand: ReadonlySet<string> = new Set(brandWords);

export interface SlugProblem {
  readonly reason: 'invalid' | 'reserved';
  /** Says what to change, in words a creator understands. */
  readonly message: string;
}

/** Why a slug cannot be used, or undefined when it can (whether it is taken is another matter). */
export function slugProblem(slug: string): SlugProblem | undefined {
  const invalid = (message: string): SlugProblem => ({ reason: 'invalid', message });
  if (slug.length < slugMinLength) {
    return invalid(`Use at least ${slugMinLength} characters.`);
  }
  if (slug.length > slugMaxLength) {
    return invalid(`Use at most ${slugMaxLength} characters.`);
  }
  if (!/^[a-z0-9-]+$/.test(slug)) {
    return invalid('Use only lowercase letters (a–z), digits and hyphens.');
  }
  if (!affiliateSlugPattern.test(slug)) {
    return invalid('Hyphens go between letters or digits: not first, last or two in a row.');
  }
  if (reservedRoutes.has(slug)) {
    return { reason: 'reserved', message: `“${slug}” is a page of the site. Choose another.` };
  }
  // Hyphens removed, so `call-santa-fan` cannot pass for the brand either.
  if (reservedBrand.has(slug) || slug.replaceAll('-', '').includes('callsanta')) {
    return {
      reason: 'reserved',
      message: 'That name belongs to CallSanta itself. Choose one of your own.',
    };
  }
  return undefined;
}

/** Where a creator's landing page lives on the site. */
export function landingPath(slug: string): string {
  return `/${slug}`;
}
