import { useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
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
import { useCallingHoursWords } from '../lib/useCallingHoursWords.ts';
import { useCallRules } from '../lib/useCallRules.ts';
import { pricesIn, usePricing, visitorCurrency } from '../lib/usePricing.ts';

type Health = 'checking' | 'ok' | 'unavailable';

export function PriceLine() {
  const { t } = useTranslation('landing');
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
          {t('price.line', {
            recording: formatMoney(pricing.recordingCents, pricing.currency, locale),
          })}
        </>
      ) : failed ? (
        t('price.failed')
      ) : (
        <span className="skeleton">{t('price.loading')}</span>
      )}
    </p>
  );
}

function ServiceStatus() {
  const { t } = useTranslation('landing');
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
      {t('status.line')}{' '}
      {health === 'checking'
        ? t('status.checking')
        : health === 'ok'
          ? t('status.ok')
          : t('status.unavailable')}
    </p>
  );
}

/**
 * "What the call sounds like": a short greeting in Santa's voice and, beside it, its words.
 * `preload="none"`: the MP3 is fetched only when a parent presses play, so the first load stays
 * small. The file is made by `npm run agent:sync` (AWS) or at local start (local/santa-sample.ts).
 */
function CallSample() {
  const { t } = useTranslation('landing');
  return (
    <section id="sample" aria-labelledby="sample-heading" className="card sample">
      <h2 id="sample-heading">{t('sample.heading')}</h2>
      <p className="hint" id="sample-hint">
        {t('sample.hint')}
      </p>
      {/* biome-ignore lint/a11y/useMediaCaption: the whole transcript is beside the player */}
      <audio
        className="sample-player"
        controls
        preload="none"
        src={santaSamplePath}
        aria-describedby="sample-hint"
      >
        <a href={santaSamplePath}>{t('sample.download')}</a>
      </audio>
      <figure className="sample-transcript">
        <figcaption>{t('sample.transcript')}</figcaption>
        {/* The sample is recorded in English: its words stay English, marked as such. */}
        <blockquote lang="en">
          <p>
            <span className="speaker">Santa</span> {santaSampleText}
          </p>
        </blockquote>
      </figure>
    </section>
  );
}

export function Landing({ intro }: { readonly intro?: string }) {
  const { t } = useTranslation('landing');
  const hours = callingHoursText(
    useCallRules() ?? defaultCallingHoursFacts,
    useCallingHoursWords(),
  );
  return (
    <Page
      title={t('title')}
      heading={t('heading')}
      wide
      className="landing"
      art={<SleighScene />}
      intro={
        <>
          {intro ? <p className="affiliate-intro">{intro}</p> : null}
          <p className="lead">{t('lead')}</p>
          <PriceLine />
          <p className="hero-actions">
            <Link to="/book" className="button button-primary button-large">
              {t('book')}
            </Link>
            <a href="#sample" className="button button-secondary">
              {t('hearSample')}
            </a>
          </p>
        </>
      }
    >
      <section aria-labelledby="how" className="how">
        <h2 id="how">{t('how.heading')}</h2>
        <ol className="steps-list">
          <li>
            <strong>{t('how.tellTitle')}</strong> {t('how.tell')}
          </li>
          <li>
            <strong>{t('how.pickTitle')}</strong> {t('how.pick', { hours: capitalised(hours) })}
          </li>
          <li>
            <strong>{t('how.callsTitle')}</strong> {t('how.calls')}
          </li>
        </ol>
      </section>

      <div className="landing-columns">
        <CallSample />
        <section aria-labelledby="trust" className="card trust">
          <h2 id="trust">{t('trust.heading')}</h2>
          <ul>
            <li>
              <strong>{t('trust.aiTitle')}</strong> {t('trust.ai')}
            </li>
            <li>
              <strong>{t('trust.privateTitle')}</strong>{' '}
              <Trans
                t={t}
                i18nKey="trust.private"
                values={{
                  voiceNoteDays: retentionDays.voiceNotes,
                  recordingDays: retentionDays.recordings,
                }}
                components={{ privacy: <Link to="/privacy" /> }}
              />
            </li>
            <li>
              <strong>{t('trust.refundsTitle')}</strong>{' '}
              {t('trust.refunds', { minutes: refundCutoffMinutes })}
            </li>
          </ul>
          <p className="trust-more">
            <Trans
              t={t}
              i18nKey="trust.more"
              components={{ faq: <Link to="/faq" />, contact: <Link to="/contact" /> }}
            />
          </p>
        </section>
      </div>
      <ServiceStatus />
    </Page>
  );
}
