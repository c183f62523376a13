import { loadBookingConfig } from '../config/booking-config.ts';
import { readSecret } from '../config/secrets.ts';
import { accessTokenFor } from '../core/access-token.ts';

/**
 * Every link we give a parent, in one place. Private pages carry the booking's access token in
 * the fragment, which browsers never send to servers, so it stays out of CDN and server logs.
 */
export interface SiteLinks {
  /** The public site, without a trailing slash, e.g. `https://callsanta.example`. */
  readonly publicSiteUrl: string;
  /** Signs parents' booking links (`ACCESS_TOKEN_SECRET`, from the app secret). */
  readonly accessTokenSecret: string;
}

/** `/manage/<id>#token=…`: see, move, cancel or erase the booking. */
export function manageUrl(links: SiteLinks, bookingId: string): string {
  return `${links.publicSiteUrl}/manage/${bookingId}#token=${accessTokenFor(bookingId, links.accessTokenSecret)}`;
}

/** `/recording/<id>#token=…`: the call's transcript and, when bought, its recording. */
export function recordingUrl(links: SiteLinks, bookingId: string): string {
  return `${links.publicSiteUrl}/recording/${bookingId}#token=${accessTokenFor(bookingId, links.accessTokenSecret)}`;
}

/** `/success/<id>#token=…`: the booking's status page, to follow the call (and add it to a calendar). */
export function statusUrl(links: SiteLinks, bookingId: string): string {
  return `${links.publicSiteUrl}/success/${bookingId}#token=${accessTokenFor(bookingId, links.accessTokenSecret)}`;
}

/** `/book`: a new booking, for a call that could not take place. */
export function bookAgainUrl(links: Pick<SiteLinks, 'publicSiteUrl'>): string {
  return `${links.publicSiteUrl}/book`;
}

let publicSiteUrl: string | undefined;

/**
 * The function's own links: the stage's public site (`PUBLIC_SITE_URL`, read once per
 * container) and the access-token signing key (the `access-token` secret, `readSecret`).
 */
export async function siteLinks(): Promise<SiteLinks> {
  publicSiteUrl ??= loadBookingConfig().publicSiteUrl;
  const { signingKey } = await readSecret('access-token');
  return { publicSiteUrl, accessTokenSecret: signingKey };
}
