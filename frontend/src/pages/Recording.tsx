import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../functions/core/money-format.ts';
import { santaCallVideo } from '../../../video/props.ts';
import { Page } from '../components/Page.tsx';
import { ShareLinks } from '../components/ShareLinks.tsx';
import { WishList } from '../components/WishList.tsx';
import { api, messageOf } from '../lib/api.ts';
import { useBookingLanguage } from '../lib/booking-language.ts';
import { callSummaryOf } from '../lib/call-summary.ts';
import { formatDuration } from '../lib/format.ts';
import { siteLocale } from '../lib/locale.ts';
import { mediaFileName } from '../lib/media-names.ts';
import { Link } from '../lib/router.tsx';
import { isSettled } from '../lib/settled.ts';
import { tokenFragment } from '../lib/tokens.ts';
import type { BookingView } from '../lib/types.ts';
import { useBooking } from '../lib/useBooking.ts';
import { viewChildNames, viewChildren } from '../lib/view-children.ts';
import { NotFound } from './NotFound.tsx';
import { statusSentence } from './Success.tsx';

// The payment form (and the site config's schema) loads only when a parent buys the recording.
const RecordingOffer = lazy(() => import('../components/RecordingOffer.tsx'));

const notReady = (booking: BookingView) =>
  ['pending', 'scheduled', 'queued', 'in_progress'].includes(booking.callStatus);

/**
 * The call's video (play, download, share), its audio, "What <name> asked Santa for" (the call's
 * analysis: the summary and each child's wishes, when the view has `callSummary`) and the
 * transcript, from the transcript and video-ready emails. A parent who did not buy the
 * recording is offered it here.
 */
export default function Recording({ callId }: { readonly callId: string }) {
  const { t } = useTranslation('recording');
  const { t: status } = useTranslation('status');
  // Set once the parent has paid for the recording: poll until the payment is applied.
  const [purchasing, setPurchasing] = useState(false);
  const { load, token, refresh } = useBooking(callId, {
    pollMs: 4000,
    keepPolling: (booking) =>
      notReady(booking) || !isSettled(booking) || (purchasing && !booking.purchaseRecording),
  });
  // Media links live 15 minutes: coming back to a page left open longer fetches fresh ones.
  const linksExpireAt = load.state === 'ready' ? load.booking.media.linksExpireAt : undefined;
  useEffect(() => {
    if (!linksExpireAt) return;
    const refreshIfStale = () => {
      if (
        document.visibilityState === 'visible' &&
        Date.parse(linksExpireAt) - Date.now() < 60_000
      ) {
        refresh();
      }
    };
    document.addEventListener('visibilitychange', refreshIfStale);
    return () => document.removeEventListener('visibilitychange', refreshIfStale);
  }, [linksExpireAt, refresh]);
  useBookingLanguage(load.state === 'ready' ? load.booking : undefined);
  if (load.state === 'not_found') return <NotFound what="booking" />;
  if (load.state !== 'ready') {
    return (
      <Page title={t('title')} heading={t('title')}>
        <p className="lead" aria-live="polite">
          {load.state === 'failed' ? load.message : t('loading')}
        </p>
        <div className="timeline-placeholder" />
      </Page>
    );
  }
  const booking = load.booking;
  const children = viewChildren(booking);
  // The download's file name: the first child's, as the emails and the video name it.
  const name = children[0]?.name ?? undefined;
  const names = viewChildNames(booking, siteLocale());
  const yourChild = names ?? status('yourChild');
  if (booking.callStatus !== 'completed') {
    return (
      <Page title={t('notReady')} heading={t('notReady')}>
        <p className="lead" aria-live="polite">
          {notReady(booking)
            ? `${t('appearsAfterCall')} ${statusSentence(booking, status)}`
            : statusSentence(booking, status)}
        </p>
        <p>
          <Link
            to={`/success/${callId}${tokenFragment(token)}`}
            className="button button-secondary"
          >
            {t('seeProgress')}
          </Link>
        </p>
      </Page>
    );
  }
  const turns = booking.media.transcript ?? [];
  const offer = booking.recordingOffer;
  const summary = booking.dataErased ? undefined : callSummaryOf(booking);
  // A turn's child: the one the analysis named (`speaker`), else the only child there is.
  const childSpeaker = (turn: object) =>
    ('speaker' in turn && typeof turn.speaker === 'string' && turn.speaker) ||
    (children.length === 1 ? name : undefined) ||
    t('transcript.child');
  return (
    <Page title={t('title')} heading={names ? t('heading', { names }) : t('title')}>
      {booking.purchaseRecording && booking.child.name !== null ? (
        <VideoSection booking={booking} token={token ?? ''} onChange={refresh} />
      ) : null}
      {offer && !purchasing ? (
        <section className="card offer" aria-labelledby="offer-title">
          <h2 id="offer-title">
            {t('offer.title', {
              price: formatMoney(offer.amountCents, offer.currency, siteLocale()),
            })}
          </h2>
          <p>{t('offer.text', { names: yourChild })}</p>
          <Suspense
            fallback={<div className="payment-placeholder">{t('offer.loadingPayment')}</div>}
          >
            <RecordingOffer
              callId={callId}
              token={token ?? ''}
              amountCents={offer.amountCents}
              currency={offer.currency}
              onPaid={() => {
                setPurchasing(true);
                refresh();
              }}
            />
          </Suspense>
        </section>
      ) : null}
      {purchasing && !booking.purchaseRecording ? (
        <p className="lead" role="status">
          {t('offer.paid')}
        </p>
      ) : null}
      {booking.media.audioUrl ? (
        <section className="card" aria-labelledby="listen-title">
          <h2 id="listen-title">{t('listen.title')}</h2>
          {/* biome-ignore lint/a11y/useMediaCaption: the full transcript is on the page */}
          <audio
            controls
            preload="metadata"
            src={booking.media.audioUrl}
            className="player"
            aria-describedby="transcript-title"
          />
          {booking.media.durationSecs ? (
            <p className="hint">
              {t('length', { duration: formatDuration(booking.media.durationSecs) })}
            </p>
          ) : null}
          <p className="actions">
            <a
              className="button button-secondary"
              href={booking.media.downloadUrl ?? booking.media.audioUrl}
              download={mediaFileName(name, 'mp3')}
            >
              {t('downloadAudio')}
            </a>
          </p>
        </section>
      ) : turns.length && !offer ? (
        <p className="lead">{t('transcriptOnly', { names: yourChild })}</p>
      ) : null}
      {summary ? <WishList summary={summary} /> : null}
      {booking.media.audioUrl && token ? (
        <ShareLinks callId={callId} token={token} childNames={names} />
      ) : null}
      {turns.length ? (
        <section className="card" aria-labelledby="transcript-title">
          <h2 id="transcript-title">{t('transcript.title')}</h2>
          <p className="hint">{t('transcript.private')}</p>
          <ol className="dialogue">
            {turns.map((turn, index) => (
              <li
                // biome-ignore lint/suspicious/noArrayIndexKey: turns never reorder
                key={index}
                className={`turn turn-${turn.role}`}
              >
                <span className="speaker">
                  {turn.role === 'santa' ? t('transcript.santa') : childSpeaker(turn)}
                </span>
                <p>{turn.message}</p>
              </li>
            ))}
          </ol>
        </section>
      ) : (
        <p className="lead">{t('erased')}</p>
      )}
    </Page>
  );
}

/** The video once rendered; its progress while it is being made; "Try again" if it failed. */
function VideoSection({
  booking,
  token,
  onChange,
}: {
  readonly booking: BookingView;
  readonly token: string;
  readonly onChange: () => void;
}) {
  const { t } = useTranslation('recording');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const name = viewChildren(booking)[0]?.name ?? undefined;

  async function retry() {
    setBusy(true);
    setMessage('');
    try {
      await api(`/api/calls/${encodeURIComponent(booking.callId)}/video/retry`, {
        method: 'POST',
        body: {},
        token,
      });
      setMessage(t('video.retrying'));
      onChange();
    } catch (error) {
      setMessage(messageOf(error));
    } finally {
      setBusy(false);
    }
  }

  const { videoUrl, videoDownloadUrl } = booking.media;
  if (booking.videoStatus === 'completed' && videoUrl) {
    return (
      <section className="card" aria-labelledby="video-title">
        <h2 id="video-title">{t('video.watch')}</h2>
        {/* biome-ignore lint/a11y/useMediaCaption: the full transcript is on the page */}
        <video
          className="video-frame"
          src={videoUrl}
          controls
          playsInline
          preload="metadata"
          width={santaCallVideo.width}
          height={santaCallVideo.height}
          aria-describedby="transcript-title"
        />
        <p className="actions">
          <a
            className="button button-primary"
            href={videoDownloadUrl ?? videoUrl}
            download={mediaFileName(name, 'mp4')}
          >
            {t('downloadVideo')}
          </a>
        </p>
      </section>
    );
  }
  if (booking.videoStatus === 'pending' || booking.videoStatus === 'processing') {
    const progress = booking.videoProgress ?? 0;
    return (
      <section className="card" aria-labelledby="video-title">
        <h2 id="video-title">{t('video.title')}</h2>
        <p aria-live="polite">
          {booking.videoStatus === 'pending'
            ? t('video.pending')
            : t('video.processing', { percent: Math.round(progress) })}
        </p>
        <progress
          className="video-progress"
          max={100}
          value={booking.videoStatus === 'pending' ? undefined : progress}
          aria-label={t('video.progress')}
        />
        <p className="hint">{t('video.emailWhenReady')}</p>
      </section>
    );
  }
  if (booking.videoStatus === 'failed') {
    return (
      <section className="card" aria-labelledby="video-title">
        <h2 id="video-title">{t('video.title')}</h2>
        <p>{t('video.failed')}</p>
        <p className="actions">
          <button
            type="button"
            className="button button-primary"
            onClick={() => void retry()}
            disabled={busy}
          >
            {busy ? t('video.tryingAgain') : t('video.tryAgain')}
          </button>
        </p>
        <p className="status" role="status">
          {message || '\u00a0'}
        </p>
      </section>
    );
  }
  return null;
}
