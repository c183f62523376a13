import { Button, Heading, Text } from '@react-email/components';
import * as z from 'zod';
import { refundArrivalBusinessDays } from '../../core/change-emails.ts';
import { formatCallTime } from '../../core/date-format.ts';
import { firstName, isKnownTimeZone } from '../../core/format.ts';
import { formatMoney } from '../../core/money-format.ts';
import { defineEmailTemplate } from '../email-template.ts';
import { EmailLayout } from '../layout.tsx';
import { styles } from '../theme.ts';

export const callCancelledSchema = z.object({
  childName: z.string().trim().min(1),
  /** The instant the call was booked for, ISO 8601. */
  callAtUtc: z.iso.datetime({ offset: true }),
  /** The parent's IANA zone: the time is shown as their clock reads it. */
  timezone: z.string().refine(isKnownTimeZone, 'Expected an IANA time zone'),
  /** What was given back, in the currency's minor unit as Stripe counts it; 0 when nothing. */
  amountRefundedCents: z.number().int().nonnegative(),
  currency: z.string().regex(/^[A-Za-z]{3}$/, 'Expected an ISO 4217 code'),
  /** Why nothing was given back, as a sentence (e.g. the refund cut-off); only when 0. */
  noRefundReason: z.string().min(1).optional(),
  // http(s) only: a javascript: or data: link must never become the button.
  bookAgainUrl: z.url({ protocol: /^https?$/ }),
  /** The parent's BCP 47 locale, recorded on the booking: dates and amounts read as theirs. */
  locale: z.string().min(2).max(100).default('en-US'),
});

export type CallCancelledProps = z.infer<typeof callCancelledSchema>;

function refundSentence(props: CallCancelledProps): string {
  if (props.amountRefundedCents === 0) {
    return `Your payment was not refunded.${props.noRefundReason ? ` ${props.noRefundReason}` : ''}`;
  }
  const { from, to } = refundArrivalBusinessDays;
  return `We have refunded ${formatMoney(props.amountRefundedCents, props.currency, props.locale)} to the card you paid with. It usually shows up on your statement within ${from}–${to} business days, depending on your bank.`;
}

/** "Your call is cancelled: Santa will not call Emma". */
export function callCancelledSubject(props: CallCancelledProps): string {
  return `Your call is cancelled: Santa will not call ${firstName(props.childName)}`;
}

/** Sent once when a paid booking is cancelled, by the parent or by support. */
export function CallCancelled(props: CallCancelledProps) {
  const name = firstName(props.childName);
  // Whole strings, not JSX fragments: React would put <!-- --> between adjacent text parts.
  return (
    <EmailLayout
      preview={`Your call from Santa for ${name} is cancelled. ${refundSentence(props)}`}
      reason="You are getting this email because your call from Santa on CallSanta was cancelled."
    >
      <Heading as="h1" style={styles.heading}>
        Your call is cancelled
      </Heading>
      <Text style={styles.paragraph}>
        {`Santa will not call ${name} on ${formatCallTime(props.callAtUtc, props.timezone, props.locale)}.`}
      </Text>
      <Text style={styles.paragraph}>{refundSentence(props)}</Text>
      <Text style={styles.paragraph}>
        {`Santa would still love to talk to ${name}. You can book another call whenever suits you.`}
      </Text>
      <Button href={props.bookAgainUrl} style={styles.button}>
        Book a call again
      </Button>
    </EmailLayout>
  );
}

export const callCancelled = defineEmailTemplate({
  schema: callCancelledSchema,
  subject: callCancelledSubject,
  Component: CallCancelled,
});
