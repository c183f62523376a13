import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Page } from '../components/Page.tsx';
import {
  type CallingHoursWords,
  callingHoursText,
  capitalised,
} from '../lib/calling-hours-text.ts';
import {
  durationText,
  type FaqFacts,
  faqFactsFor,
  type RetryWords,
  retryText,
} from '../lib/faq-facts.ts';
import { siteLanguage } from '../lib/i18n.ts';
import { Link } from '../lib/router.tsx';
import { useCallingHoursWords } from '../lib/useCallingHoursWords.ts';
import { useCallRules } from '../lib/useCallRules.ts';
import { PriceLine } from './Landing.tsx';

interface Question {
  readonly id: string;
  readonly question: string;
  readonly answer: ReactNode;
}

/** The questions parents ask, answered with the numbers the service runs by (faq-facts.ts). */
function questionsFor(
  facts: FaqFacts,
  t: TFunction<'faq'>,
  hoursWords: CallingHoursWords,
): readonly Question[] {
  const language = siteLanguage();
  const hours = callingHoursText(facts, hoursWords);
  const retryWords: RetryWords = {
    language,
    none: t('retry.none'),
    once: (wait) => t('retry.once', { wait }),
    many: (retries, wait, calls) => t('retry.many', { retries, wait, calls }),
  };
  const strong = { strong: <strong /> };
  return [
    {
      id: 'how',
      question: t('how.q'),
      answer: (
        <>
          <p>{t('how.a1', { duration: durationText(facts.maxCallSeconds, language) })}</p>
          <p>
            <Trans
              t={t}
              i18nKey="how.a2"
              components={{
                // biome-ignore lint/a11y/useAnchorContent: Trans puts the translated words inside the link
                sample: <a href="/#sample" />,
              }}
            />
          </p>
        </>
      ),
    },
    {
      id: 'ai',
      question: t('ai.q'),
      answer: (
        <p>
          <Trans t={t} i18nKey="ai.a" components={strong} />
        </p>
      ),
    },
    {
      id: 'not-answered',
      question: t('notAnswered.q'),
      answer: (
        <>
          <p>
            {t('notAnswered.a1', {
              ring: durationText(facts.callRingSeconds, language),
              retry: retryText(facts.callMaxRetries, facts.callRetryWaitSeconds, retryWords),
            })}
          </p>
          <p>
            <Trans t={t} i18nKey="notAnswered.a2" components={strong} />
          </p>
        </>
      ),
    },
    {
      id: 'hours',
      question: t('hours.q'),
      answer: (
        <p>
          <strong>{capitalised(hours)}</strong> {t('hours.a')}
        </p>
      ),
    },
    {
      id: 'change',
      question: t('change.q'),
      answer: (
        <>
          <p>
            <Trans t={t} i18nKey="change.a1" components={strong} />
          </p>
          <p>
            <Trans
              t={t}
              i18nKey="change.a2"
              values={{ minutes: facts.refundCutoffMinutes }}
              components={strong}
            />
          </p>
        </>
      ),
    },
    {
      id: 'recording',
      question: t('recording.q'),
      answer: (
        <p>
          {t('recording.a', {
            offerDays: facts.recordingOfferDays,
            keptDays: facts.recordingDays,
          })}
        </p>
      ),
    },
    {
      id: 'privacy',
      question: t('privacy.q'),
      answer: (
        <p>
          <Trans
            t={t}
            i18nKey="privacy.a"
            values={{ voiceNoteDays: facts.voiceNoteDays, bookingDays: facts.bookingDays }}
            components={{ strong: <strong />, privacy: <Link to="/privacy" /> }}
          />
        </p>
      ),
    },
    {
      id: 'cost',
      question: t('cost.q'),
      answer: (
        <>
          <PriceLine />
          <p>{t('cost.a')}</p>
        </>
      ),
    },
    {
      id: 'help',
      question: t('help.q'),
      answer: (
        <p>
          <Trans t={t} i18nKey="help.a" components={{ contact: <Link to="/contact" /> }} />
        </p>
      ),
    },
  ];
}

export default function Faq() {
  // The stage's own hours and retries once config.json is read; the defaults until then.
  const { t } = useTranslation('faq');
  const questions = questionsFor(faqFactsFor(useCallRules()), t, useCallingHoursWords());
  return (
    <Page title={t('title')} heading={t('title')} lead={t('lead')} className="faq">
      <div className="faq-layout">
        <nav aria-label={t('index')} className="faq-index">
          <ul>
            {questions.map(({ id, question }) => (
              <li key={id}>
                <a href={`#${id}`}>{question}</a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="faq-answers">
          {questions.map(({ id, question, answer }) => (
            <section key={id} aria-labelledby={id} className="card faq-item">
              <h2 id={id}>{question}</h2>
              {answer}
            </section>
          ))}
        </div>
      </div>
    </Page>
  );
}
