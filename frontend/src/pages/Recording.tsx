import { lazy, Suspense, useEffect, useState } from 'react';
import { formatMoney } from '../../../functions/core/money-format.ts';
import { santaCallVideo } from '../../../video/props.ts';
import { Page } from '../components/Page.tsx';
import { ShareLinks } from '../components/ShareLinks.tsx';
import { api, messageOf } from '../lib/api.ts';
import { formatDuration } from '../lib/format.ts';
import { siteLocale } from '../lib/locale.ts';
import { mediaFileName } from '../lib/media-names.ts';
import { Link } from '../lib/router.tsx';
import { isSettled } from '../lib/settled.ts';
import { tokenFragment } from '../lib/tokens.ts';
import type { BookingView } from '../lib/types.ts';
import { useBooking } from '../lib/useBooking.ts';
import { NotFound } from './NotFound.tsx';
import { statusSentence } from './Success.tsx';

// The payment form (and the site config's schema) loads only when a parent buys the recording.
const RecordingOffer = lazy(() => import('../components/RecordingOffer.tsx'));

const notReady = (booking: BookingView) =>
  ['pending', 'scheduled', 'queued', 'in_progress'].includes(booking.callStatus);

/**
 * The call's video (play, download, share), its audio and its transcript, from the transcript
 * and video-ready emails. A parent who did not buy the recording is offered it here.
 */
export default function Recording({ callId }: { readonly callId: string }) {
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
  if (load.state === 'not_found') return <NotFound what="booking" />;
  if (load.state !== 'ready') {
    return (
      <Page title="Your call with Santa" heading="Your call with Santa">
        <p className="lead" aria-live="polite">
          {load.state === 'failed' ? load.message : 'Loading the recording…'}
        </p>
        <div className="timeline-placeholder" />
      </Page>
    );
  }
  const booking = load.booking;
  const name = booking.child.name ?? undefined;
  if (booking.callStatus !== 'completed') {
    return (
      <Page title="Not ready yet" heading="Not ready yet">
        <p className="lead" aria-live="polite">
          {notReady(booking)
            ? `The recording appears here as soon as Santa's call is over. ${statusSentence(booking)}`
            : statusSentence(booking)}
        </p>
        <p>
          <Link
            to={`/success/${callId}${tokenFragment(token)}`}
            className="button button-secondary"
          >
            See progress
          </Link>
        </p>
      </Page>
    );
  }
  const turns = booking.media.transcript ?? [];
  const offer = booking.recordingOffer;
  return (
    <Page
      title="Your call with Santa"
      heading={name ? `Santa's call with ${name}` : 'Your call with Santa'}
    >
      {booking.purchaseRecording && booking.child.name !== null ? (
        <VideoSection booking={booking} token={token ?? ''} onChange={refresh} />
      ) : null}
      {offer && !purchasing ? (
        <section className="card offer" aria-labelledby="offer-title">
          <h2 id="offer-title">
            Get the video of this call —{' '}
            {formatMoney(offer.amountCents, offer.currency, siteLocale())}
          </h2>
          <p>
            Keep {name ?? 'your child'}'s call with Santa as a video to watch again and share with
            family: the whole call, with Santa on screen. It also unlocks the recording to listen to
            and download.
          </p>
          <Suspense fallback={<div className="payment-placeholder">Loading secure payment…</div>}>
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
          Payment received — thank you! Your recording unlocks here in a moment.
        </p>
      ) : null}
      {booking.media.audioUrl ? (
        <section className="card" aria-labelledby="listen-title">
          <h2 id="listen-title">Listen</h2>
          {/* biome-ignore lint/a11y/useMediaCaption: the full transcript is on the page */}
          <audio
            controls
            preload="metadata"
            src={booking.media.audioUrl}
            className="player"
            aria-describedby="transcript-title"
          />
          {booking.media.durationSecs ? (
            <p className="hint">Length: {formatDuration(booking.media.durationSecs)}</p>
          ) : null}
          <p className="actions">
            <a
              className="button button-secondary"
              href={booking.media.downloadUrl ?? booking.media.audioUrl}
              download={mediaFileName(name, 'mp3')}
            >
              Download the audio
            </a>
          </p>
        </section>
      ) : turns.length && !offer ? (
        <p className="lead">
          The recording was not part of this booking — here is everything Santa and{' '}
          {name ?? 'your child'} said.
        </p>
      ) : null}
      {booking.media.audioUrl && token ? (
        <ShareLinks callId={callId} token={token} childName={name} />
      ) : null}
      {turns.length ? (
        <section className="card" aria-labelledby="transcript-title">
          <h2 id="transcript-title">Transcript</h2>
          <p className="hint">The transcript is only for you: share links show the recording.</p>
          <ol className="dialogue">
            {turns.map((turn, index) => (
              <li
                // biome-ignore lint/suspicious/noArrayIndexKey: turns never reorder
                key={index}
                className={`turn turn-${turn.role}`}
              >
                <span className="speaker">
                  {turn.role === 'santa' ? 'Santa' : (name ?? 'Child')}
                </span>
                <p>{turn.message}</p>
              </li>
            ))}
          </ol>
        </section>
      ) : (
        <p className="lead">
          The transcript and recording of this call have been deleted at your request.
        </p>
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
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const name = booking.child.name ?? undefined;

  async function retry() {
    setBusy(true);
    setMessage('');
    try {
      await api(`/api/calls/${encodeURIComponent(booking.callId)}/video/retry`, {
        method: 'POST',
        body: {},
        token,
      });
      setMessage('Trying again — the video is being made.');
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
        <h2 id="video-title">Watch</h2>
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
            Download video
          </a>
        </p>
      </section>
    );
  }
  if (booking.videoStatus === 'pending' || booking.videoStatus === 'processing') {
    const progress = booking.videoProgress ?? 0;
    return (
      <section className="card" aria-labelledby="video-title">
        <h2 id="video-title">Your video</h2>
        <p aria-live="polite">
          {booking.videoStatus === 'pending'
            ? 'Your video is on its way: it starts being made in a moment.'
            : `Your video is being made: ${Math.round(progress)}% done.`}
        </p>
        <progress
          className="video-progress"
          max={100}
          value={booking.videoStatus === 'pending' ? undefined : progress}
          aria-label="Video progress"
        />
        <p className="hint">We'll also email you when it is ready.</p>
      </section>
    );
  }
  if (booking.videoStatus === 'failed') {
    return (
      <section className="card" aria-labelledby="video-title">
        <h2 id="video-title">Your video</h2>
        <p>
          The video could not be made this time. Your recording is safe: listen to it below, or try
          making the video again.
        </p>
        <p className="actions">
          <button
            type="button"
            className="button button-primary"
            onClick={() => void retry()}
            disabled={busy}
          >
            {busy ? 'Trying again…' : 'Try again'}
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
