/**
 * A booking's access token: from the email link's fragment (`#token=…`), which browsers never
 * send to a server, or from this tab's session after booking. The fragment is removed from the
 * address bar once read, so a copied address does not carry it by accident.
 */
const key = (callId: string) => `callsanta.token.${callId}`;

export function rememberToken(callId: string, token: string): void {
  try {
    sessionStorage.setItem(key(callId), token);
  } catch {
    // Private mode without storage: the token lives only as long as this page.
  }
}

export function tokenFor(callId: string): string | undefined {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    rememberToken(callId, fromHash);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  try {
    return sessionStorage.getItem(key(callId)) ?? undefined;
  } catch {
    return undefined;
  }
}
