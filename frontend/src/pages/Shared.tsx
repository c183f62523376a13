import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCallDate } from '../../../functions/core/date-format.ts';
import { santaCallVideo } from '../../../video/props.ts';
import { Page } from '../components/Page.tsx';
import { ApiError, api, messageOf } from '../lib/api.ts';
import { siteLocale } from '../lib/locale.ts';
import { mediaFileName } from '../lib/media-names.ts';
import type { SharedRecording } from '../lib/types.ts';

type SharedLoad =
  | { readonly state: 'loading' }
  | { readonly state: 'gone' }
  | { readonly state: 'failed'; readonly message: string }
  | { readonly state: 'ready'; readonly shared: SharedRecording };

/**
 * `/shared/<token>`: a recording a family shared — the video (or the audio) with a download
 * button, for anyone with the link; no parent's token, no transcript. Media links live 15
 * minutes, so they are fetched again when the page comes back into view after that.
 */
export default function Shared({ token }: { readonly token: string }) {
  const { t } = useTranslation('recording');
  const [load, setLoad] = useState<SharedLoad>({ state: 'loading' });

  const fetchShared = useCallback(async () => {
    try {
      const shared = await api<SharedRecording>(`/api/shared/${encodeURIComponent(token)}`);
      setLoad({ state: 'ready', shared });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        // Said in the page's language (the API's message is English).
        setLoad({ state: 'gone' });
        return;
      }
      setLoad({ state: 'failed', message: messageOf(error) });
    }
  }, [token]);

  useEffect(() => {
    void fetchShared();
  }, [fetchShared]);

  useEffect(() => {
    if (load.state !== 'ready') return;
    const refreshIfStale = () => {
      if (
        document.visibilityState === 'visible' &&
        Date.parse(load.shared.linksExpireAt) - Date.now() < 60_000
      ) {
        void fetchShared();
      }
    };
    document.addEventListener('visibilitychange', refreshIfStale);
    return () => document.removeEventListener('visibilitychange', refreshIfStale);
  }, [load, fetchShared]);

  if (load.state !== 'ready') {
    return (
      <Page title={t('shared.title')} heading={t('shared.title')}>
        <p className="lead" role={load.state === 'loading' ? undefined : 'alert'}>
          {load.state === 'loading'
            ? t('shared.loading')
            : load.state === 'gone'
              ? t('shared.gone')
              : load.message}
        </p>
      </Page>
    );
  }
  const { shared } = load;
  const heading = t('heading', { names: shared.childFirstName });
  return (
    <Page title={heading} heading={heading}>
      <p className="lead">
        {t('shared.recordedOn', {
          date: formatCallDate(shared.callAt, shared.timezone, siteLocale()),
        })}
      </p>
      <section className="card" aria-label={t('shared.recording')}>
        {shared.kind === 'video' ? (
          // biome-ignore lint/a11y/useMediaCaption: a shared call has no transcript by design
          <video
            className="video-frame"
            src={shared.mediaUrl}
            controls
            playsInline
            preload="metadata"
            width={santaCallVideo.width}
            height={santaCallVideo.height}
          />
        ) : (
          // biome-ignore lint/a11y/useMediaCaption: a shared call has no transcript by design
          <audio className="player" src={shared.mediaUrl} controls preload="metadata" />
        )}
        <p className="actions">
          <a
            className="button button-primary"
            href={shared.downloadUrl}
            download={mediaFileName(shared.childFirstName, shared.kind === 'video' ? 'mp4' : 'mp3')}
          >
            {shared.kind === 'video' ? t('downloadVideo') : t('downloadAudio')}
          </a>
        </p>
      </section>
    </Page>
  );
}
