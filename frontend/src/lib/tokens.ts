/**
 * A booking's access token: from the link's fragment (`#token=…`), which browsers never send to
 * a server (so it stays out of CDN and server logs), or remembered in this browser.
 *
 * A parent must be able to come back to any page they were sent to — from a bookmark, a new
 * tab, a link opened from another page — so:
 * - the fragment stays in the address bar, and a page reached without it (a link between our
 *   pages, a bookmark made before this rule) gets it put back: a bookmark or a copied address
 *   then carries the token, as the emailed link itself does;
 * - the token is remembered per booking in localStorage (not sessionStorage, which a new tab or
 *   a reopened browser does not share), so `/success/<id>` opened bare still finds it.
 * The token is only ever a key to one booking, which its emails already hold. A token from the
 * address is remembered once the API has taken it (`tokenTaken`), so a cut-off or mistyped link
 * never replaces a good remembered one; a refused token (404) is forgotten, and when the
 * address brought a wrong one, the remembered one is tried instead (`tokenRefused`).
 */
const key = (callId: string) => `callsanta.token.${callId}`;

/** Keeps the token for this booking in this browser (quietly not, where storage is blocked). */
export function rememberToken(callId: string, token: string): void {
  try {
    localStorage.setItem(key(callId), token);
  } catch {
    // Private mode without storage: the token lives in the address bar only.
  }
}

/** Forgets a token the API refused, so the next visit does not present it again. */
export function forgetToken(callId: string): void {
  try {
    localStorage.removeItem(key(callId));
    sessionStorage.removeItem(key(callId));
  } catch {
    // Nothing stored.
  }
}

function remembered(callId: string): string | undefined {
  try {
    // sessionStorage: where this tab kept it before tokens were remembered across tabs.
    return localStorage.getItem(key(callId)) ?? sessionStorage.getItem(key(callId)) ?? undefined;
  } catch {
    return undefined;
  }
}

/** `#token=…` for a path to one of the booking's pages. */
export function tokenFragment(token: string | undefined): string {
  return token ? `#${new URLSearchParams({ token }).toString()}` : '';
}

/** Puts `token` in the address bar, so a bookmark made now opens this page anywhere. */
function showToken(token: string): void {
  window.history.replaceState(
    window.history.state,
    '',
    window.location.pathname + window.location.search + tokenFragment(token),
  );
}

/** The token for this booking's page: the address's fragment first, else the remembered one. */
export function tokenFor(callId: string): string | undefined {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) return fromHash;
  const token = remembered(callId);
  if (token) showToken(token);
  return token;
}

/** The API took `token` for this booking: remember it for new tabs and bare addresses. */
export function tokenTaken(callId: string, token: string): void {
  if (remembered(callId) !== token) rememberToken(callId, token);
}

/**
 * The API refused `token` (404). Forgotten if it is the remembered one; if it came from the
 * address and this browser remembers another one for the booking, that one is put in the
 * address and returned, to be tried instead. Undefined when there is nothing left to try.
 */
export function tokenRefused(callId: string, token: string): string | undefined {
  const kept = remembered(callId);
  if (kept === undefined || kept === token) {
    forgetToken(callId);
    return undefined;
  }
  showToken(kept);
  return kept;
}
