import { Button, Heading, Link, Section, Text } from '@react-email/components';
import * as z from 'zod';
import { formatCallTime } from '../../core/date-format.ts';
import { isKnownTimeZone } from '../../core/format.ts';
import { childNamesField, languageField, localeField, namesPhrase } from '../email-fields.ts';
import { defineEmailTemplate, type Translated } from '../email-template.ts';
import { EmailLayout } from '../layout.tsx';
import { styles } from '../theme.ts';

export const callMovedSchema = z.object({
  childNames: childNamesField,
  callNow: z.boolean(),
  /** The new instant, ISO 8601 (e.g. 2026-12-24T23:30:00Z). */
  callAtUtc: z.iso.datetime({ offset: true }),
  /** The instant it was moved from, ISO 8601. */
  previousCallAtUtc: z.iso.datetime({ offset: true }),
  /** The parent's IANA zone: both times are shown as their clock reads them. */
  timezone: z.string().refine(isKnownTimeZone, 'Expected an IANA time zone'),
  // http(s) only: a javascript: or data: link must never become the button.
  manageUrl: z.url({ protocol: /^https?$/ }),
  /** The status page, with the booking's token, to follow the call. */
  statusUrl: z.url({ protocol: /^https?$/ }),
  /** Whether the updated calendar file is attached. */
  calendarAttached: z.boolean(),
  language: languageField,
  locale: localeField,
});

export type CallMovedProps = Translated<z.infer<typeof callMovedSchema>>;

/** "Santa will now call Emma on Thursday, December 24, 2026 at 6:30 PM …" or "… in the next few minutes." */
function nowSentence(props: CallMovedProps, names: string): string {
  return props.callNow
    ? props.t('callMoved.nowSoon', { names })
    : props.t('callMoved.nowOn', {
        names,
        time: formatCallTime(props.callAtUtc, props.timezone, props.locale),
      });
}

/**
 * "Your call is moved: Santa now calls Emma on Thursday, December 24 at 6:30 PM EST" (never
 * "Santa will call …", the confirmation's subject, so the two are told apart at a glance).
 */
export function callMovedSubject(props: CallMovedProps): string {
  const names = namesPhrase(props);
  return props.callNow
    ? props.t('callMoved.subjectSoon', { names })
    : props.t('callMoved.subjectOn', {
        names,
        time: formatCallTime(props.callAtUtc, props.timezone, props.locale),
      });
}

/** Sent once per reschedule of a paid booking, by the parent or by support. */
export function CallMoved(props: CallMovedProps) {
  const { t } = props;
  const names = namesPhrase(props);
  // Whole strings, not JSX fragments: React would put <!-- --> between adjacent text parts.
  return (
    <EmailLayout
      t={t}
      language={props.language}
      childCount={props.childNames.length}
      preview={nowSentence(props, names)}
      reason={t('callMoved.reason')}
    >
      <Heading as="h1" style={styles.heading}>
        {t('callMoved.heading')}
      </Heading>
      <Text style={styles.paragraph}>{nowSentence(props, names)}</Text>
      <Section>
        <Text style={styles.detailLabel}>{t('callMoved.newTime')}</Text>
        <Text style={styles.detailValue}>
          {props.callNow
            ? t('callMoved.newTimeSoon')
            : formatCallTime(props.callAtUtc, props.timezone, props.locale)}
        </Text>
        <Text style={styles.detailLabel}>{t('callMoved.was')}</Text>
        <Text style={styles.detailValue}>
          {formatCallTime(props.previousCallAtUtc, props.timezone, props.locale)}
        </Text>
      </Section>
      {props.calendarAttached ? (
        <Text style={styles.paragraph}>{t('callMoved.calendar')}</Text>
      ) : null}
      <Button href={props.manageUrl} style={styles.button}>
        {t('common.manage')}
      </Button>
      <Text style={styles.note}>
        <Link href={props.statusUrl}>{t('common.followLink')}</Link>
        {t('callMoved.followRest')}
      </Text>
    </EmailLayout>
  );
}

export const callMoved = defineEmailTemplate({
  schema: callMovedSchema,
  subject: callMovedSubject,
  Component: CallMoved,
});
