import { Button, Heading, Link, Section, Text } from '@react-email/components';
import * as z from 'zod';
import { formatCallDay, formatCallTime } from '../../core/date-format.ts';
import { isKnownTimeZone } from '../../core/format.ts';
import { formatMoney } from '../../core/money-format.ts';
import { childNamesField, languageField, localeField, namesPhrase } from '../email-fields.ts';
import { defineEmailTemplate, type Translated } from '../email-template.ts';
import { EmailLayout } from '../layout.tsx';
import { styles } from '../theme.ts';

export const bookingConfirmationSchema = z.object({
  childNames: childNamesField,
  callNow: z.boolean(),
  /** The booked instant, ISO 8601 (e.g. 2026-12-24T23:30:00Z). */
  callAtUtc: z.iso.datetime({ offset: true }),
  /** The parent's IANA zone: the call time is shown as their clock reads it. */
  timezone: z.string().refine(isKnownTimeZone, 'Expected an IANA time zone'),
  /** In the currency's minor unit, as Stripe charged it. */
  amountCents: z.number().int().nonnegative(),
  currency: z.string().regex(/^[A-Za-z]{3}$/, 'Expected an ISO 4217 code'),
  purchaseRecording: z.boolean(),
  // http(s) only: a javascript: or data: link must never become the button.
  manageUrl: z.url({ protocol: /^https?$/ }),
  /** The status page, with the booking's token: follow the call, add it to a calendar. */
  statusUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Whether the call's calendar file is attached. */
  calendarAttached: z.boolean().default(false),
  language: languageField,
  locale: localeField,
});

export type BookingConfirmationProps = Translated<z.infer<typeof bookingConfirmationSchema>>;

/** "Santa will call Emma on Thursday, December 24", or "… in the next few minutes". */
export function bookingConfirmationSubject(props: BookingConfirmationProps): string {
  const names = namesPhrase(props);
  return props.callNow
    ? props.t('bookingConfirmation.subjectSoon', { names })
    : props.t('bookingConfirmation.subjectOn', {
        names,
        day: formatCallDay(props.callAtUtc, props.timezone, props.locale),
      });
}

/** Sent once, when the payment for a booking succeeds. */
export function BookingConfirmation(props: BookingConfirmationProps) {
  const { t } = props;
  const names = namesPhrase(props);
  // Whole strings, not JSX fragments: React would put <!-- --> between adjacent text parts.
  return (
    <EmailLayout
      t={t}
      language={props.language}
      childCount={props.childNames.length}
      preview={t('bookingConfirmation.preview', { names })}
      reason={t('bookingConfirmation.reason')}
    >
      <Heading as="h1" style={styles.heading}>
        {t('bookingConfirmation.heading', { names })}
      </Heading>
      <Text style={styles.paragraph}>
        {props.callNow
          ? t('bookingConfirmation.confirmedSoon', { names })
          : t('bookingConfirmation.confirmedOn', {
              names,
              time: formatCallTime(props.callAtUtc, props.timezone, props.locale),
            })}
      </Text>
      <Section>
        <Text style={styles.detailLabel}>{t('bookingConfirmation.amountPaid')}</Text>
        <Text style={styles.detailValue}>
          {formatMoney(props.amountCents, props.currency, props.locale)}
        </Text>
        <Text style={styles.detailLabel}>{t('bookingConfirmation.recording')}</Text>
        <Text style={styles.detailValue}>
          {props.purchaseRecording
            ? t('bookingConfirmation.recordingIncluded')
            : t('bookingConfirmation.recordingNotIncluded')}
        </Text>
      </Section>
      {props.calendarAttached ? (
        <Text style={styles.paragraph}>{t('bookingConfirmation.calendar')}</Text>
      ) : null}
      <Button href={props.manageUrl} style={styles.button}>
        {t('common.manage')}
      </Button>
      {props.statusUrl ? (
        <Text style={styles.note}>
          <Link href={props.statusUrl}>{t('common.followLink')}</Link>
          {t('bookingConfirmation.followRest')}
        </Text>
      ) : null}
      <Text style={styles.note}>{t('bookingConfirmation.aiNote', { names })}</Text>
    </EmailLayout>
  );
}

export const bookingConfirmation = defineEmailTemplate({
  schema: bookingConfirmationSchema,
  subject: bookingConfirmationSubject,
  Component: BookingConfirmation,
});
