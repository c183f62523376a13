import { useEffect, useState } from 'react';
import { refundCutoffMinutes } from '../../../functions/core/cancellation.ts';
import { formatMoney } from '../../../functions/core/money-format.ts';
import { retentionDays } from '../../../functions/core/retention.ts';
import { santaSamplePath, santaSampleText } from '../../../functions/core/santa-sample.ts';
import type { Health as HealthAnswer } from '../../../functions/schemas/api/health.ts';
import { Page } from '../components/Page.tsx';
import { SleighScene } from '../components/SleighScene.tsx';
import { api } from '../lib/api.ts';
import {
  callingHoursText,
  capitalised,
  defaultCallingHoursFacts,
} from '../lib/calling-hours-text.ts';
import { siteLocale } from '../lib/locale.ts';
import { Link } from '../lib/router.tsx';
import { useCallRules } from '../lib/useCallRules.ts';
import { pricesIn, usePricing, visitorCurrency } from '../lib/usePricing.ts';

type Health = 'checking' | 'ok' | 'unavailable';

export function PriceLine() {
  const { pricing: list, failed } = usePricing();
  // In the visitor's currency when the price list has it (a UK visitor sees £).
  const pricing = list ? pricesIn(list, visitorCurrency(list)) : undefined;
  const locale = siteLocale();
  return (
    <p className="price-line" aria-live="polite">
      {pricing ? (
        <>
          <strong className="price">
            {formatMoney(pricing.baseCents, pricing.currency, locale)}
          </strong>{' '}
          for one call · add the recording for{' '}
          {formatMoney(pricing.recordingCents, pricing.currency, locale)}
        </>
      ) : failed ? (
        'Prices are shown when you book.'
      ) : (
        <span className="skeleton">Loading the price…</span>
      )}
    </p>
  );
}

function ServiceStatus() {
  const [health, setHealth] = useState<Health>('checking');
  useEffect(() => {
    // The answer's body is read (api() does): a fetch whose body is never read stays open in
    // the browser, so the page never reached network idle. A check that takes over 10 s counts
    // as unavailable; leaving the page ends it.
    let live = true;
    const controller = new AbortController();
    const timeout = window.setTimeout(() => controller.abort(), 10_000);
    api<HealthAnswer>('/api/health', { signal: controller.signal })
      .then((answer) => live && setHealth(answer.status === 'ok' ? 'ok' : 'unavailable'))
      .catch(() => live && setHealth('unavailable'))
      .finally(() => window.clearTimeout(timeout));
    return () => {
      live = false;
      window.clearTimeout(timeout);
      controller.abort();
    };
  }, []);
  return (
    <p className="service-status" aria-live="polite">
      <span className={`status-dot status-dot-${health}`} aria-hidden="true" />
      Santa's line:{' '}
      {health === 'checking'
        ? 'checking…'
        : health === 'ok'
          ? 'all systems go'
          : 'unavailable just now — please try again soon'}
    </p>
  );
}

/**
 * "What the call sounds like": a short greeting in Santa's voice and, beside it, its words.
 * `preload="none"`: the MP3 is fetched only when a parent presses play, so the first load stays
 * small. The file is made by `npm run agent:sync` (AWS) or at local start (local/santa-sample.ts).
 */
function CallSample() {
  return (
    <section id="sample" aria-labelledby="sample-heading" className="card sample">
      <h2 id="sample-heading">Hear what the call sounds like</h2>
      <p className="hint" id="sample-hint">
        A short sample in Santa's AI voice. On your call he uses your child's name and what you tell
        him about them.
      </p>
      {/* biome-ignore lint/a11y/useMediaCaption: the whole transcript is beside the player */}
      <audio
        className="sample-player"
        controls
        preload="none"
        src={santaSamplePath}
        aria-describedby="sample-hint"
      >
        <a href={santaSamplePath}>Download the sample (MP3)</a>
      </audio>
      <figure className="sample-transcript">
        <figcaption>Transcript</figcaption>
        <blockquote>
          <p>
            <span className="speaker">Santa</span> {santaSampleText}
          </p>
        </blockquote>
      </figure>
    </section>
  );
}

export function Landing({ intro }: { readonly intro?: string }) {
  const hours = callingHoursText(useCallRules() ?? defaultCallingHoursFacts);
  return (
    <Page
      title="A phone call from Santa"
      heading="A phone call from Santa, just for your child"
      wide
      className="landing"
      art={<SleighScene />}
      intro={
        <>
          {intro ? <p className="affiliate-intro">{intro}</p> : null}
          <p className="lead">
            Tell us your child's name, age and what they love. At the time you choose, Santa rings
            your phone and talks with them by name — and afterwards you get the transcript and, if
            you like, the recording.
          </p>
          <PriceLine />
          <p className="hero-actions">
            <Link to="/book" className="button button-primary button-large">
              Book a call
            </Link>
            <a href="#sample" className="button button-secondary">
              Hear a sample
            </a>
          </p>
        </>
      }
    >
      <section aria-labelledby="how" className="how">
        <h2 id="how">How it works</h2>
        <ol className="steps-list">
          <li>
            <strong>Tell Santa about your child</strong> In words, or record a short voice note.
          </li>
          <li>
            <strong>Pick a time</strong> {capitalised(hours)} on their clock, or have Santa call
            right now.
          </li>
          <li>
            <strong>Santa calls your phone</strong> Hand it to your child and enjoy the magic.
          </li>
        </ol>
      </section>

      <div className="landing-columns">
        <CallSample />
        <section aria-labelledby="trust" className="card trust">
          <h2 id="trust">Good to know</h2>
          <ul>
            <li>
              <strong>Santa's voice is AI-generated.</strong> It is a friendly computer voice, and
              we tell you so before you book.
            </li>
            <li>
              <strong>Private by design.</strong> Voice notes are deleted after{' '}
              {retentionDays.voiceNotes} days, recordings after {retentionDays.recordings} days, and
              you can delete your child's details at any time.{' '}
              <Link to="/privacy">Read our privacy notes</Link>.
            </li>
            <li>
              <strong>Fair refunds.</strong> Cancel up to {refundCutoffMinutes} minutes before the
              call for a full refund; if Santa cannot reach you, you are refunded automatically.
            </li>
          </ul>
          <p className="trust-more">
            More in <Link to="/faq">questions and answers</Link>, or{' '}
            <Link to="/contact">write to us</Link>.
          </p>
        </section>
      </div>
      <ServiceStatus />
    </Page>
  );
}
