import { Button, Heading, Text } from '@react-email/components';
import * as z from 'zod';
import { noRefundReasons, refundCutoffMinutes } from '../../core/cancellation.ts';
import { refundArrivalBusinessDays } from '../../core/change-emails.ts';
import { formatCallTime } from '../../core/date-format.ts';
import { isKnownTimeZone } from '../../core/format.ts';
import { formatMoney } from '../../core/money-format.ts';
import { childNamesField, languageField, localeField, namesPhrase } from '../email-fields.ts';
import { defineEmailTemplate, type Translated } from '../email-template.ts';
import { EmailLayout } from '../layout.tsx';
import { styles } from '../theme.ts';

export const callCancelledSchema = z.object({
  childNames: childNamesField,
  /** The instant the call was booked for, ISO 8601. */
  callAtUtc: z.iso.datetime({ offset: true }),
  /** The parent's IANA zone: the time is shown as their clock reads it. */
  timezone: z.string().refine(isKnownTimeZone, 'Expected an IANA time zone'),
  /** What was given back, in the currency's minor unit as Stripe counts it; 0 when nothing. */
  amountRefundedCents: z.number().int().nonnegative(),
  currency: z.string().regex(/^[A-Za-z]{3}$/, 'Expected an ISO 4217 code'),
  /** Why nothing was given back (e.g. the refund cut-off); said only when 0 was refunded. */
  noRefundReason: z.enum(noRefundReasons).optional(),
  // http(s) only: a javascript: or data: link must never become the button.
  bookAgainUrl: z.url({ protocol: /^https?$/ }),
  language: languageField,
  locale: localeField,
});

export type CallCancelledProps = Translated<z.infer<typeof callCancelledSchema>>;

function refundSentence(props: CallCancelledProps): string {
  const { t } = props;
  if (props.amountRefundedCents === 0) {
    const reason =
      props.noRefundReason === 'late_cancellation'
        ? ` ${t('callCancelled.lateCancellation', { count: refundCutoffMinutes })}`
        : '';
    return `${t('callCancelled.notRefunded')}${reason}`;
  }
  const amount = formatMoney(props.amountRefundedCents, props.currency, props.locale);
  return `${t('callCancelled.refunded', { amount })} ${t('common.refundArrives', refundArrivalBusinessDays)}`;
}

/** "Your call is cancelled: Santa will not call Emma". */
export function callCancelledSubject(props: CallCancelledProps): string {
  return props.t('callCancelled.subject', { names: namesPhrase(props) });
}

/** Sent once when a paid booking is cancelled, by the parent or by support. */
export function CallCancelled(props: CallCancelledProps) {
  const { t } = props;
  const names = namesPhrase(props);
  // Whole strings, not JSX fragments: React would put <!-- --> between adjacent text parts.
  return (
    <EmailLayout
      t={t}
      language={props.language}
      childCount={props.childNames.length}
      preview={t('callCancelled.preview', { names, refund: refundSentence(props) })}
      reason={t('callCancelled.reason')}
    >
      <Heading as="h1" style={styles.heading}>
        {t('callCancelled.heading')}
      </Heading>
      <Text style={styles.paragraph}>
        {t('callCancelled.notCalling', {
          names,
          time: formatCallTime(props.callAtUtc, props.timezone, props.locale),
        })}
      </Text>
      <Text style={styles.paragraph}>{refundSentence(props)}</Text>
      <Text style={styles.paragraph}>{t('common.stillLove', { names })}</Text>
      <Button href={props.bookAgainUrl} style={styles.button}>
        {t('callCancelled.bookAgain')}
      </Button>
    </EmailLayout>
  );
}

export const callCancelled = defineEmailTemplate({
  schema: callCancelledSchema,
  subject: callCancelledSubject,
  Component: CallCancelled,
});
