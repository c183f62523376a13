import type { BookingShare } from '../data/share-links.ts';
import type { ShareLink } from '../schemas/api/share-links.ts';

/** A stored share as the parent sees it (never its token hash). */
export function shareLinkView(
  share: Pick<BookingShare, 'shareId' | 'createdAt' | 'expiresAt'>,
): ShareLink {
  return {
    shareId: share.shareId,
    createdAt: share.createdAt,
    expiresAt: new Date(share.expiresAt * 1000).toISOString(),
  };
}
