import { Button, Heading, Text } from '@react-email/components';
import * as z from 'zod';
import { firstName } from '../../core/format.ts';
import { formatMoney } from '../../core/money-format.ts';
import { defineEmailTemplate } from '../email-template.ts';
import { EmailLayout } from '../layout.tsx';
import { styles } from '../theme.ts';

export const callNotCompletedSchema = z
  .object({
    childName: z.string().trim().min(1),
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
    /** The parent's BCP 47 locale, recorded on the booking: dates and amounts read as theirs. */
    locale: z.string().min(2).max(100).default('en-US'),
  })
  // "Nobody answered" after no attempt at all would be untrue.
  .refine((props) => props.reason !== 'no_answer' || props.attempts > 0, {
    message: 'A call nobody answered was tried at least once',
    path: ['attempts'],
  });

export type CallNotCompletedProps = z.infer<typeof callNotCompletedSchema>;

/** "once", "twice", "3 times". */
function timesTried(attempts: number): string {
  if (attempts === 1) return 'once';
  if (attempts === 2) return 'twice';
  return `${attempts} times`;
}

/** What happened, in plain words. */
function whatHappened(props: CallNotCompletedProps, name: string): string {
  switch (props.reason) {
    case 'no_answer':
      return `Santa tried to call ${name} ${timesTried(props.attempts)}, but nobody answered the phone.`;
    case 'outside_calling_hours':
      return props.attempts > 0
        ? `Santa tried to call ${name} ${timesTried(props.attempts)} without getting through, and by the next try it was too late in the evening to ring${props.callingHours ? ` (Santa only calls between ${props.callingHours} ${name}'s time)` : ''}.`
        : `By the time Santa could ring ${name}, it was outside the hours he calls children${props.callingHours ? ` (${props.callingHours} ${name}'s time)` : ''}, so he did not ring.`;
    case 'failed':
      return `Santa's call to ${name} could not be completed because of a technical problem. We are very sorry.`;
  }
}

/** "Santa could not reach Emma", or "Santa's call to Emma could not be completed". */
export function callNotCompletedSubject(props: CallNotCompletedProps): string {
  const name = firstName(props.childName);
  return props.reason === 'failed'
    ? `Santa's call to ${name} could not be completed`
    : `Santa could not reach ${name}`;
}

/** Sent once, when a booked call ends without Santa talking to the child. */
export function CallNotCompleted(props: CallNotCompletedProps) {
  const name = firstName(props.childName);
  const amount = formatMoney(props.amountCents, props.currency, props.locale);
  // Whole strings, not JSX fragments: React would put <!-- --> between adjacent text parts.
  return (
    <EmailLayout
      preview={
        props.refunded
          ? `${whatHappened(props, name)} Your ${amount} is being refunded in full.`
          : whatHappened(props, name)
      }
      reason="You are getting this email because you booked a call from Santa on CallSanta, and it could not take place."
    >
      <Heading as="h1" style={styles.heading}>
        {`Santa could not talk to ${name} this time`}
      </Heading>
      <Text style={styles.paragraph}>{whatHappened(props, name)}</Text>
      {props.reason === 'no_answer' ? (
        <Text style={styles.paragraph}>
          Santa calls from a number you may not know, so a phone on silent or one that blocks
          unknown callers can miss him.
        </Text>
      ) : null}
      {props.refunded ? (
        <Text style={styles.paragraph}>
          {`We have refunded the full ${amount} to the card you paid with. It usually shows up on your statement within 5–10 business days, depending on your bank.`}
        </Text>
      ) : null}
      <Text style={styles.paragraph}>
        {`Santa would still love to talk to ${name}. You can book another call whenever suits you.`}
      </Text>
      <Button href={props.bookAgainUrl} style={styles.button}>
        Book another call
      </Button>
    </EmailLayout>
  );
}

export const callNotCompleted = defineEmailTemplate({
  schema: callNotCompletedSchema,
  subject: callNotCompletedSubject,
  Component: CallNotCompleted,
});
