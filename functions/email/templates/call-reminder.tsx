import { Button, Heading, Text } from '@react-email/components';
import type { CSSProperties } from 'react';
import * as z from 'zod';
import { formatCallTime } from '../../core/date-format.ts';
import { isKnownTimeZone } from '../../core/format.ts';
import { childNamesField, languageField, localeField, namesPhrase } from '../email-fields.ts';
import { defineEmailTemplate, type Translated } from '../email-template.ts';
import type { EmailT } from '../i18n.ts';
import { EmailLayout } from '../layout.tsx';
import { colors, styles } from '../theme.ts';

export const callReminderSchema = z.object({
  childNames: childNamesField,
  /** The booked instant, ISO 8601 (e.g. 2026-12-24T23:30:00Z). */
  callAtUtc: z.iso.datetime({ offset: true }),
  /** The parent's IANA zone: the call time is shown as their clock reads it. */
  timezone: z.string().refine(isKnownTimeZone, 'Expected an IANA time zone'),
  // http(s) only: a javascript: or data: link must never become the button.
  manageUrl: z.url({ protocol: /^https?$/ }),
  language: languageField,
  locale: localeField,
});

export type CallReminderProps = Translated<z.infer<typeof callReminderSchema>>;

const checklistStyles = {
  list: { margin: '0 0 16px', paddingLeft: '20px' },
  item: { color: colors.ink, fontSize: '16px', lineHeight: '24px', margin: '0 0 8px' },
} as const satisfies Record<string, CSSProperties>;

/** What a parent can do in the last hour so the call is not missed or a surprise. */
function checklist(t: EmailT, names: string): string[] {
  return [
    t('callReminder.checkPhone'),
    t('callReminder.checkRinger'),
    t('callReminder.checkBeWith', { names }),
    t('callReminder.checkAi'),
  ];
}

/** "Santa calls Emma in an hour". */
export function callReminderSubject(props: CallReminderProps): string {
  return props.t('callReminder.subject', { names: namesPhrase(props) });
}

/** Sent about an hour before a scheduled call. */
export function CallReminder(props: CallReminderProps) {
  const { t } = props;
  const names = namesPhrase(props);
  const time = formatCallTime(props.callAtUtc, props.timezone, props.locale);
  // Whole strings, not JSX fragments: React would put <!-- --> between adjacent text parts.
  return (
    <EmailLayout
      t={t}
      language={props.language}
      childCount={props.childNames.length}
      preview={t('callReminder.preview', { names, time })}
      reason={t('callReminder.reason')}
    >
      <Heading as="h1" style={styles.heading}>
        {t('callReminder.heading', { names })}
      </Heading>
      <Text style={styles.paragraph}>{t('callReminder.intro', { names, time })}</Text>
      <ul style={checklistStyles.list}>
        {checklist(t, names).map((item) => (
          <li key={item} style={checklistStyles.item}>
            {item}
          </li>
        ))}
      </ul>
      <Button href={props.manageUrl} style={styles.button}>
        {t('common.manage')}
      </Button>
    </EmailLayout>
  );
}

export const callReminder = defineEmailTemplate({
  schema: callReminderSchema,
  subject: callReminderSubject,
  Component: CallReminder,
});
