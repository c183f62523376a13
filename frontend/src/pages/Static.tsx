import { Trans, useTranslation } from 'react-i18next';
import { refundCutoffMinutes } from '../../../functions/core/cancellation.ts';
import { retentionDays, retentionStatements } from '../../../functions/core/retention.ts';
import { Page } from '../components/Page.tsx';
import { callingHoursText, defaultCallingHoursFacts } from '../lib/calling-hours-text.ts';
import { Link } from '../lib/router.tsx';
import { useCallingHoursWords } from '../lib/useCallingHoursWords.ts';
import { useCallRules } from '../lib/useCallRules.ts';

const strong = { strong: <strong /> };

export function Privacy() {
  const { t } = useTranslation('legal');
  // The retention statements' words come from the code that enforces them
  // (functions/core/retention.ts), in English; `retention` translates them by their English
  // text, so a statement added there is shown in English until it is translated.
  const said = (text: string) => t(`retention.${text}`, { defaultValue: text });
  return (
    <Page title={t('privacy.title')} heading={t('privacy.title')}>
      <p className="lead">{t('privacy.lead')}</p>
      <section aria-labelledby="kept" className="prose">
        <h2 id="kept">{t('privacy.kept')}</h2>
        <ul>
          <li>
            <Trans t={t} i18nKey="privacy.child" components={strong} />
          </li>
          <li>
            <Trans t={t} i18nKey="privacy.you" components={strong} />
          </li>
          <li>
            <Trans t={t} i18nKey="privacy.call" components={strong} />
          </li>
          <li>
            <Trans t={t} i18nKey="privacy.payment" components={strong} />
          </li>
        </ul>
        <h2 id="how-long">{t('privacy.howLong')}</h2>
        {/* The numbers come from the code that enforces them (functions/core/retention.ts). */}
        <ul>
          {retentionStatements.map((statement) => (
            <li key={statement.what}>
              <strong>{said(statement.what)}:</strong> {said(statement.enforcedBy)}{' '}
              <strong>{t('privacy.days', { count: statement.days })}</strong>{' '}
              {said(statement.counted)}.
            </li>
          ))}
          <li>
            <Trans t={t} i18nKey="privacy.paymentRecords" components={strong} />
          </li>
        </ul>
        <p>{t('privacy.christmas')}</p>
        <h2 id="delete">{t('privacy.deleteHeading')}</h2>
        <p>
          <Trans t={t} i18nKey="privacy.delete" components={strong} />
        </p>
        <h2 id="ai">{t('privacy.aiHeading')}</h2>
        <p>{t('privacy.ai')}</p>
      </section>
      <p>
        <Link to="/">{t('home')}</Link>
      </p>
    </Page>
  );
}

export function Terms() {
  const { t } = useTranslation('legal');
  const hours = callingHoursText(
    useCallRules() ?? defaultCallingHoursFacts,
    useCallingHoursWords(),
  );
  return (
    <Page title={t('terms.title')} heading={t('terms.heading')}>
      <section className="prose" aria-label={t('terms.title')}>
        <h2>{t('terms.callHeading')}</h2>
        <p>{t('terms.call', { hours })}</p>
        <h2>{t('terms.whoHeading')}</h2>
        <p>{t('terms.who')}</p>
        <h2>{t('terms.changesHeading')}</h2>
        <p>{t('terms.changes', { minutes: refundCutoffMinutes })}</p>
        <h2>{t('terms.recordingsHeading')}</h2>
        <p>{t('terms.recordings', { days: retentionDays.recordings })}</p>
      </section>
      <p>
        <Link to="/">{t('home')}</Link>
      </p>
    </Page>
  );
}
