import { Button, Heading, Link, Section, Text } from '@react-email/components';
import * as z from 'zod';
import { formatCallTime } from '../../core/date-format.ts';
import { firstName, isKnownTimeZone } from '../../core/format.ts';
import { defineEmailTemplate } from '../email-template.ts';
import { EmailLayout } from '../layout.tsx';
import { styles } from '../theme.ts';

export const callMovedSchema = z.object({
  childName: z.string().trim().min(1),
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
  /** The parent's BCP 47 locale, recorded on the booking: dates and amounts read as theirs. */
  locale: z.string().min(2).max(100).default('en-US'),
});

export type CallMovedProps = z.infer<typeof callMovedSchema>;

function newTimePhrase(props: CallMovedProps): string {
  return props.callNow
    ? 'in the next few minutes'
    : `on ${formatCallTime(props.callAtUtc, props.timezone, props.locale)}`;
}

/**
 * "Your call is moved: Santa now calls Emma on Thursday, December 24 at 6:30 PM EST" (never
 * "Santa will call …", the confirmation's subject, so the two are told apart at a glance).
 */
export function callMovedSubject(props: CallMovedProps): string {
  return `Your call is moved: Santa now calls ${firstName(props.childName)} ${newTimePhrase(props)}`;
}

/** Sent once per reschedule of a paid booking, by the parent or by support. */
export function CallMoved(props: CallMovedProps) {
  const name = firstName(props.childName);
  // Whole strings, not JSX fragments: React would put <!-- --> between adjacent text parts.
  return (
    <EmailLayout
      preview={`Santa will now call ${name} ${newTimePhrase(props)}.`}
      reason="You are getting this email because your call from Santa on CallSanta was moved to a new time."
    >
      <Heading as="h1" style={styles.heading}>
        Your call is moved
      </Heading>
      <Text style={styles.paragraph}>{`Santa will now call ${name} ${newTimePhrase(props)}.`}</Text>
      <Section>
        <Text style={styles.detailLabel}>New time</Text>
        <Text style={styles.detailValue}>
          {props.callNow
            ? 'In the next few minutes'
            : formatCallTime(props.callAtUtc, props.timezone, props.locale)}
        </Text>
        <Text style={styles.detailLabel}>Was</Text>
        <Text style={styles.detailValue}>
          {formatCallTime(props.previousCallAtUtc, props.timezone, props.locale)}
        </Text>
      </Section>
      {props.calendarAttached ? (
        <Text style={styles.paragraph}>
          The calendar file attached has the new time: open it to update the call in your calendar.
        </Text>
      ) : null}
      <Button href={props.manageUrl} style={styles.button}>
        Manage or cancel your booking
      </Button>
      <Text style={styles.note}>
        <Link href={props.statusUrl}>Follow your call</Link>
        {' on its status page, where you can also add it to your calendar.'}
      </Text>
    </EmailLayout>
  );
}

export const callMoved = defineEmailTemplate({
  schema: callMovedSchema,
  subject: callMovedSubject,
  Component: CallMoved,
});
