import { useCallback, useEffect, useState } from 'react';
import { api, messageOf } from '../lib/api.ts';
import { siteLocale } from '../lib/locale.ts';
import type { CreatedShare, ShareLink, ShareList } from '../lib/types.ts';

const dateFormat = new Intl.DateTimeFormat(siteLocale(), {
  dateStyle: 'medium',
  timeStyle: 'short',
});

/**
 * "Share": makes a share link for family (its own revocable token — never this page's link,
 * whose token manages the booking, and never a storage URL), hands it to the native share sheet
 * where there is one or copies it, and lists the live links with "Stop sharing".
 */
export function ShareLinks({
  callId,
  token,
  childName,
}: {
  readonly callId: string;
  readonly token: string;
  readonly childName?: string | undefined;
}) {
  const path = `/api/calls/${encodeURIComponent(callId)}/shares`;
  const [shares, setShares] = useState<readonly ShareLink[]>([]);
  const [made, setMade] = useState<CreatedShare>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');

  const reload = useCallback(async () => {
    try {
      setShares((await api<ShareList>(path, { token })).shares);
    } catch (error) {
      setMessage(messageOf(error));
    }
  }, [path, token]);

  useEffect(() => {
    void reload();
  }, [reload]);

  async function share() {
    setBusy(true);
    setMessage('');
    try {
      const created = await api<CreatedShare>(path, { method: 'POST', body: {}, token });
      setMade(created);
      void reload();
      const title = childName ? `Santa's call with ${childName}` : 'Our call from Santa';
      if (navigator.share) {
        try {
          await navigator.share({ title, url: created.url });
          setMessage('Link shared. It keeps working until you stop it.');
          return;
        } catch (error) {
          if (error instanceof DOMException && error.name === 'AbortError') return;
          // No share sheet after all: copy instead.
        }
      }
      try {
        await navigator.clipboard.writeText(created.url);
        setMessage('Link copied. It keeps working until you stop sharing it.');
      } catch {
        setMessage('Copy the link above and send it to family.');
      }
    } catch (error) {
      setMessage(messageOf(error));
    } finally {
      setBusy(false);
    }
  }

  async function stop(shareId: string) {
    setMessage('');
    try {
      await api(`${path}/${encodeURIComponent(shareId)}`, { method: 'DELETE', token });
      if (made?.shareId === shareId) setMade(undefined);
      setMessage('Sharing stopped: that link no longer works.');
      await reload();
    } catch (error) {
      setMessage(messageOf(error));
    }
  }

  return (
    <section className="card" aria-labelledby="share-title">
      <h2 id="share-title">Share with family</h2>
      <p>
        Make a link that plays the recording for anyone you send it to — no account needed. The
        transcript stays private to you. Stop sharing whenever you like.
      </p>
      <p className="actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => void share()}
          disabled={busy}
        >
          {busy ? 'Making a link…' : 'Share'}
        </button>
      </p>
      {made ? (
        <p className="share-link">
          <label htmlFor="share-url">Your new link (shown once)</label>
          <input
            id="share-url"
            type="text"
            readOnly
            value={made.url}
            onFocus={(event) => event.currentTarget.select()}
          />
        </p>
      ) : null}
      <p className="status share-status" role="status">
        {message || '\u00a0'}
      </p>
      {shares.length ? (
        <>
          <h3>Links that work now</h3>
          <ul className="share-list">
            {shares.map((each) => (
              <li key={each.shareId}>
                <span>Made {dateFormat.format(new Date(each.createdAt))}</span>
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => void stop(each.shareId)}
                >
                  Stop sharing
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
