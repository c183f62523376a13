import { Button, Heading, Text } from '@react-email/components';
import * as z from 'zod';
import { refundArrivalBusinessDays } from '../../core/change-emails.ts';
import { formatMoney } from '../../core/money-format.ts';
import { childNamesField, languageField, localeField, namesPhrase } from '../email-fields.ts';
import { defineEmailTemplate, type Translated } from '../email-template.ts';
import type { EmailT } from '../i18n.ts';
import { EmailLayout } from '../layout.tsx';
import { styles } from '../theme.ts';

export const callNotCompletedSchema = z
  .object({
    childNames: childNamesField,
    /**
     * no_answer: every attempt rang out; failed: the call could not be placed or dropped;
     * outside_calling_hours: by the time Santa could call, it was too late or too early in the
     * child's time zone (a late payment, retries running into the evening).
     */
    reason: z.enum(['no_answer', 'failed', 'outside_calling_hours']),
    /** Calling hours in the child's zone, e.g. "08:00–21:00"; said when hours were the reason. */
    callingHours: z.string().optional(),
    /** How many times Santa dialled. */
    attempts: z.number().int().nonnegative(),
    /** True once the payment has been refunded in full. */
    refunded: z.boolean(),
    /** What was paid, in the currency's minor unit, as Stripe charged it. */
    amountCents: z.number().int().nonnegative(),
    currency: z.string().regex(/^[A-Za-z]{3}$/, 'Expected an ISO 4217 code'),
    // http(s) only: a javascript: or data: link must never become the button.
    bookAgainUrl: z.url({ protocol: /^https?$/ }),
    language: languageField,
    locale: localeField,
  })
  // "Nobody answered" after no attempt at all would be untrue.
  .refine((props) => props.reason !== 'no_answer' || props.attempts > 0, {
    message: 'A call nobody answered was tried at least once',
    path: ['attempts'],
  });

export type CallNotCompletedProps = Translated<z.infer<typeof callNotCompletedSchema>>;

/** "once", "twice", "3 times" (in the email's language). */
function timesTried(t: EmailT, attempts: number): string {
  if (attempts === 1) return t('callNotCompleted.triedOnce');
  if (attempts === 2) return t('callNotCompleted.triedTwice');
  return t('callNotCompleted.triedTimes', { attempts });
}

/** What happened, in plain words. */
function whatHappened(props: CallNotCompletedProps, names: string): string {
  const { t } = props;
  const tried = timesTried(t, props.attempts);
  const hours = props.callingHours;
  switch (props.reason) {
    case 'no_answer':
      return t('callNotCompleted.noAnswer', { names, tried });
    case 'outside_calling_hours':
      if (props.attempts > 0) {
        return hours
          ? t('callNotCompleted.lateAfterTriesWithHours', { names, tried, hours })
          : t('callNotCompleted.lateAfterTries', { names, tried });
      }
      return hours
        ? t('callNotCompleted.outsideHoursWithHours', { names, hours })
        : t('callNotCompleted.outsideHours', { names });
    case 'failed':
      return t('callNotCompleted.failed', { names });
  }
}

/** "Santa could not reach Emma", or "Santa's call to Emma could not be completed". */
export function callNotCompletedSubject(props: CallNotCompletedProps): string {
  const names = namesPhrase(props);
  return props.reason === 'failed'
    ? props.t('callNotCompleted.subjectFailed', { names })
    : props.t('callNotCompleted.subjectUnreached', { names });
}

/** Sent once, when a booked call ends without Santa talking to the child. */
export function CallNotCompleted(props: CallNotCompletedProps) {
  const { t } = props;
  const names = namesPhrase(props);
  const amount = formatMoney(props.amountCents, props.currency, props.locale);
  const what = whatHappened(props, names);
  // Whole strings, not JSX fragments: React would put <!-- --> between adjacent text parts.
  return (
    <EmailLayout
      t={t}
      language={props.language}
      childCount={props.childNames.length}
      preview={props.refunded ? t('callNotCompleted.refundedPreview', { what, amount }) : what}
      reason={t('callNotCompleted.reason')}
    >
      <Heading as="h1" style={styles.heading}>
        {t('callNotCompleted.heading', { names })}
      </Heading>
      <Text style={styles.paragraph}>{what}</Text>
      {props.reason === 'no_answer' ? (
        <Text style={styles.paragraph}>{t('callNotCompleted.silentPhone')}</Text>
      ) : null}
      {props.refunded ? (
        <Text style={styles.paragraph}>
          {`${t('callNotCompleted.refunded', { amount })} ${t('common.refundArrives', refundArrivalBusinessDays)}`}
        </Text>
      ) : null}
      <Text style={styles.paragraph}>{t('common.stillLove', { names })}</Text>
      <Button href={props.bookAgainUrl} style={styles.button}>
        {t('callNotCompleted.bookAnother')}
      </Button>
    </EmailLayout>
  );
}

export const callNotCompleted = defineEmailTemplate({
  schema: callNotCompletedSchema,
  subject: callNotCompletedSubject,
  Component: CallNotCompleted,
});
