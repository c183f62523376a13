import { accessTokenFor } from '../core/access-token.ts';

/**
 * The parent's link to manage a booking. The token rides in the fragment, which browsers never
 * send to servers, so it stays out of CDN and server logs.
 */
export function manageUrl(publicSiteUrl: string, bookingId: string, secret: string): string {
  return `${publicSiteUrl}/manage/${bookingId}#token=${accessTokenFor(bookingId, secret)}`;
}
