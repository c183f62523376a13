import { useEffect, useState } from 'react';
import { formatMoney } from '../../../functions/core/money-format.ts';
import { Page } from '../components/Page.tsx';
import { siteLocale } from '../lib/locale.ts';
import { Link } from '../lib/router.tsx';
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
    fetch('/api/health')
      .then((response) => setHealth(response.ok ? 'ok' : 'unavailable'))
      .catch(() => setHealth('unavailable'));
  }, []);
  return (
    <p className="service-status" aria-live="polite">
      Santa's line:{' '}
      {health === 'checking'
        ? 'checking…'
        : health === 'ok'
          ? 'all systems go'
          : 'unavailable just now — please try again soon'}
    </p>
  );
}

export function Landing({ intro }: { readonly intro?: string }) {
  return (
    <Page title="A phone call from Santa" heading="A phone call from Santa, just for your child">
      {intro ? <p className="affiliate-intro">{intro}</p> : null}
      <p className="lead">
        Tell us your child's name, age and what they love. At the time you choose, Santa rings your
        phone and talks with them by name — and afterwards you get the transcript and, if you like,
        the recording.
      </p>
      <PriceLine />
      <p>
        <Link to="/book" className="button button-primary button-large">
          Book a call
        </Link>
      </p>

      <section aria-labelledby="how" className="card">
        <h2 id="how">How it works</h2>
        <ol className="steps-list">
          <li>
            <strong>Tell Santa about your child</strong> — in words, or record a short voice note.
          </li>
          <li>
            <strong>Pick a time</strong> between 8 am and 9 pm, or have Santa call right now.
          </li>
          <li>
            <strong>Santa calls your phone</strong> — hand it to your child and enjoy the magic.
          </li>
        </ol>
      </section>

      <section aria-labelledby="trust" className="card trust">
        <h2 id="trust">Good to know</h2>
        <ul>
          <li>
            <strong>Santa's voice is AI-generated.</strong> It is a friendly computer voice, and we
            tell you so before you book.
          </li>
          <li>
            <strong>Private by design.</strong> Voice notes are deleted after 120 days, recordings
            after 400 days, and you can delete your child's details at any time.{' '}
            <Link to="/privacy">Read our privacy notes</Link>.
          </li>
          <li>
            <strong>Fair refunds.</strong> Cancel up to 10 minutes before the call for a full
            refund; if Santa cannot reach you, you are refunded automatically.
          </li>
        </ul>
      </section>
      <ServiceStatus />
    </Page>
  );
}
