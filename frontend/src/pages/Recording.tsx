import { useState } from 'react';
import { Page } from '../components/Page.tsx';
import { formatDuration } from '../lib/format.ts';
import { Link } from '../lib/router.tsx';
import type { BookingView } from '../lib/types.ts';
import { useBooking } from '../lib/useBooking.ts';
import { NotFound } from './Static.tsx';
import { statusSentence } from './Success.tsx';

const notReady = (booking: BookingView) =>
  ['pending', 'scheduled', 'queued', 'in_progress'].includes(booking.callStatus);

/** The call's audio (play, download, share) and its transcript, from the transcript email. */
export default function Recording({ callId }: { readonly callId: string }) {
  const { load } = useBooking(callId, { pollMs: 5000, keepPolling: notReady });
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
          <Link to={`/success/${callId}`} className="button button-secondary">
            See progress
          </Link>
        </p>
      </Page>
    );
  }
  const turns = booking.media.transcript ?? [];
  return (
    <Page
      title="Your call with Santa"
      heading={name ? `Santa's call with ${name}` : 'Your call with Santa'}
    >
      {booking.media.audioUrl ? (
        <section className="card" aria-labelledby="listen-title">
          <h2 id="listen-title">Listen</h2>
          {/* The transcript below is the text of this audio. */}
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
              className="button button-primary"
              href={booking.media.downloadUrl ?? booking.media.audioUrl}
              target="_blank"
              rel="noopener"
              download={`santa-call${name ? `-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` : ''}.mp3`}
            >
              Download the audio
            </a>
            <ShareButton audioUrl={booking.media.audioUrl} name={name} />
          </p>
        </section>
      ) : turns.length ? (
        <p className="lead">
          The recording was not part of this booking — here is everything Santa and{' '}
          {name ?? 'your child'} said.
        </p>
      ) : null}
      {turns.length ? (
        <section className="card" aria-labelledby="transcript-title">
          <h2 id="transcript-title">Transcript</h2>
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

/**
 * Shares the audio file itself where the browser can share files, else the audio's short-lived
 * link; with no Web Share at all, copies that link. Never this page's link: its token also
 * manages the booking.
 */
function ShareButton({ audioUrl, name }: { readonly audioUrl: string; readonly name?: string }) {
  const [message, setMessage] = useState('');
  const title = name ? `Santa's call with ${name}` : 'Our call from Santa';

  async function share() {
    setMessage('');
    try {
      if (navigator.share) {
        try {
          const response = await fetch(audioUrl);
          const file = new File([await response.blob()], 'santa-call.mp3', { type: 'audio/mpeg' });
          if (navigator.canShare?.({ files: [file] })) {
            await navigator.share({ title, files: [file] });
            return;
          }
        } catch (error) {
          if (error instanceof DOMException && error.name === 'AbortError') return;
          // The audio could not be fetched as a file: share the link instead.
        }
        await navigator.share({
          title,
          text: `${title} (the link works for 15 minutes)`,
          url: audioUrl,
        });
        return;
      }
      await navigator.clipboard.writeText(audioUrl);
      setMessage('Link copied. It works for about 15 minutes — download the audio to keep it.');
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      setMessage('Sharing is not available here. Download the audio and send it instead.');
    }
  }

  return (
    <>
      <button type="button" className="button button-secondary" onClick={() => void share()}>
        Share
      </button>
      <span className="status share-status" role="status">
        {message}
      </span>
    </>
  );
}
