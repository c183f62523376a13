import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, messageOf } from '../lib/api.ts';
import { siteLocale } from '../lib/locale.ts';
import type { CreatedShare, ShareLink, ShareList } from '../lib/types.ts';

/** When a link was made, in the site's locale now (it follows a change of language). */
const madeAt = (iso: string) =>
  new Intl.DateTimeFormat(siteLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );

/**
 * "Share": makes a share link for family (its own revocable token — never this page's link,
 * whose token manages the booking, and never a storage URL), hands it to the native share sheet
 * where there is one or copies it, and lists the live links with "Stop sharing".
 */
export function ShareLinks({
  callId,
  token,
  childNames,
}: {
  readonly callId: string;
  readonly token: string;
  /** "Emma and Leo", for the share sheet's title; undefined once erased. */
  readonly childNames?: string | undefined;
}) {
  const { t } = useTranslation('recording');
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
      const title = childNames ? t('heading', { names: childNames }) : t('share.ourCall');
      if (navigator.share) {
        try {
          await navigator.share({ title, url: created.url });
          setMessage(t('share.shared'));
          return;
        } catch (error) {
          if (error instanceof DOMException && error.name === 'AbortError') return;
          // No share sheet after all: copy instead.
        }
      }
      try {
        await navigator.clipboard.writeText(created.url);
        setMessage(t('share.copied'));
      } catch {
        setMessage(t('share.copyIt'));
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
      setMessage(t('share.stopped'));
      await reload();
    } catch (error) {
      setMessage(messageOf(error));
    }
  }

  return (
    <section className="card" aria-labelledby="share-title">
      <h2 id="share-title">{t('share.title')}</h2>
      <p>{t('share.explain')}</p>
      <p className="actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => void share()}
          disabled={busy}
        >
          {busy ? t('share.making') : t('share.share')}
        </button>
      </p>
      {made ? (
        <p className="share-link">
          <label htmlFor="share-url">{t('share.newLink')}</label>
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
          <h3>{t('share.live')}</h3>
          <ul className="share-list">
            {shares.map((each) => (
              <li key={each.shareId}>
                <span>{t('share.made', { when: madeAt(each.createdAt) })}</span>
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => void stop(each.shareId)}
                >
                  {t('share.stop')}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
