import { Button, Heading, Section, Text } from '@react-email/components';
import type { CSSProperties } from 'react';
import * as z from 'zod';
import { formatCallTime } from '../../core/date-format.ts';
import { firstName, isKnownTimeZone } from '../../core/format.ts';
import { defineEmailTemplate } from '../email-template.ts';
import { EmailLayout } from '../layout.tsx';
import { colors, styles } from '../theme.ts';

/**
 * How much of a transcript the email shows. Gmail clips messages over about 100 KB and nobody
 * reads thousands of lines in an inbox, so a long call is cut at whichever limit comes first,
 * with a note saying so.
 */
export const transcriptLimits = { lines: 200, characters: 20_000 } as const;

const transcriptLineSchema = z.object({
  role: z.enum(['santa', 'child']),
  message: z.string(),
});

export const callTranscriptSchema = z.object({
  childName: z.string().trim().min(1),
  /** When the call started, ISO 8601 (e.g. 2026-12-24T23:30:00Z). */
  callAtUtc: z.iso.datetime({ offset: true }),
  /** The parent's IANA zone: the call time is shown as their clock reads it. */
  timezone: z.string().refine(isKnownTimeZone, 'Expected an IANA time zone'),
  durationSecs: z.number().nonnegative(),
  /** The parent's BCP 47 locale, recorded on the booking: dates and amounts read as theirs. */
  locale: z.string().min(2).max(100).default('en-US'),
  /** The turns in the order they were spoken; blank turns (silence, tool calls) are dropped. */
  transcript: z
    .array(transcriptLineSchema)
    .transform((lines) =>
      lines
        .map((line) => ({ role: line.role, message: line.message.trim() }))
        .filter((line) => line.message !== ''),
    ),
  /**
   * Present when the recording was bought: a private, token-protected page. http(s) only: a
   * javascript: or data: link must never become the button.
   */
  recordingUrl: z.url({ protocol: /^https?$/ }).optional(),
  /**
   * Present when the recording was not bought but still can be (issue #10): the same private
   * recording page, where the parent can buy it, and its price as the parent reads it
   * ("US$2.99"). Never together with `recordingUrl`.
   */
  recordingOffer: z
    .object({ url: z.url({ protocol: /^https?$/ }), price: z.string().trim().min(1) })
    .optional(),
});

export type CallTranscriptProps = z.infer<typeof callTranscriptSchema>;
type TranscriptLine = CallTranscriptProps['transcript'][number];

const dialogueStyles = {
  subheading: { color: colors.ink, fontSize: '18px', lineHeight: '26px', margin: '24px 0 12px' },
  line: { color: colors.ink, fontSize: '15px', lineHeight: '22px', margin: '0 0 8px' },
  santa: { color: colors.red },
  child: { color: colors.green },
} as const satisfies Record<string, CSSProperties>;

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** "4 minutes and 12 seconds", "45 seconds", "1 hour and 2 minutes": rounded to the second. */
export function formatDuration(totalSecs: number): string {
  const rounded = Math.round(totalSecs);
  const hours = Math.floor(rounded / 3600);
  const minutes = Math.floor((rounded % 3600) / 60);
  const seconds = rounded % 60;
  // Seconds stop mattering once a call runs for an hour.
  const units: [number, string][] =
    hours > 0
      ? [
          [hours, 'hour'],
          [minutes, 'minute'],
        ]
      : [
          [minutes, 'minute'],
          [seconds, 'second'],
        ];
  const said = units.filter(([count]) => count > 0).map(([count, unit]) => plural(count, unit));
  return said.length > 0 ? said.join(' and ') : '0 seconds';
}

interface ShownTranscript {
  readonly lines: TranscriptLine[];
  /** How many lines were left out entirely. */
  readonly left: number;
  /** True when the email shows less than the whole call, even by part of one line. */
  readonly cut: boolean;
}

/** The lines that fit the email; the one that breaks the character budget is shortened. */
function fitTranscript(all: readonly TranscriptLine[]): ShownTranscript {
  const lines: TranscriptLine[] = [];
  let budget = transcriptLimits.characters;
  let cut = false;
  for (const line of all) {
    if (lines.length === transcriptLimits.lines || budget <= 0) break;
    if (line.message.length > budget) {
      // Never end on half an emoji: a lone surrogate shows as a replacement character.
      const start = line.message.slice(0, budget).replace(/[\uD800-\uDBFF]$/, '');
      lines.push({ role: line.role, message: `${start.trimEnd()}…` });
      cut = true;
    } else {
      lines.push(line);
    }
    budget -= line.message.length;
  }
  const left = all.length - lines.length;
  return { lines, left, cut: cut || left > 0 };
}

/** Says the transcript stops early, how much is missing and where the whole call is. */
function cutNote(left: number, hasRecording: boolean): string {
  const missing =
    left > 0 ? `: ${plural(left, 'more line')} ${left === 1 ? 'is' : 'are'} not shown` : '';
  const whole = hasRecording ? ' The recording has the whole call.' : '';
  return `This transcript is too long to show in full in an email, so it stops here${missing}.${whole}`;
}

/** "Emma's call with Santa: the transcript", "… the transcript and recording". */
export function callTranscriptSubject(props: CallTranscriptProps): string {
  const contents = props.recordingUrl ? 'the transcript and recording' : 'the transcript';
  return `${firstName(props.childName)}'s call with Santa: ${contents}`;
}

/** Sent once after a completed call, with what was said and, if bought, the recording. */
export function CallTranscript(props: CallTranscriptProps) {
  const name = firstName(props.childName);
  const shown = fitTranscript(props.transcript);
  const speaker = { santa: 'Santa', child: name } as const;
  // Whole strings, not JSX fragments: React would put <!-- --> between adjacent text parts.
  return (
    <EmailLayout
      preview={`Everything Santa and ${name} said, to read again and keep.`}
      reason="You are getting this email because you booked a call from Santa on CallSanta, and the call has taken place."
    >
      <Heading as="h1" style={styles.heading}>
        {`Thank you for letting Santa call ${name}!`}
      </Heading>
      <Text style={styles.paragraph}>
        {`Santa called ${name} on ${formatCallTime(props.callAtUtc, props.timezone, props.locale)}. The call lasted ${formatDuration(props.durationSecs)}.`}
      </Text>
      {props.recordingUrl ? (
        <Section>
          <Button href={props.recordingUrl} style={styles.button}>
            Listen to and download the recording
          </Button>
          <Text style={styles.note}>
            {
              'Your video of the call is being made; we will email you as soon as it is ready. This link is private to you: to show the recording to family, use "Share" on that page — it makes a link you can stop at any time.'
            }
          </Text>
        </Section>
      ) : props.recordingOffer ? (
        <Section>
          <Text style={styles.paragraph}>
            {`Would you like to keep this moment? Get the recording of the call, turned into a video of ${name}'s call with Santa to keep and share, for ${props.recordingOffer.price}.`}
          </Text>
          <Button href={props.recordingOffer.url} style={styles.button}>
            {`Get the video of this call — ${props.recordingOffer.price}`}
          </Button>
        </Section>
      ) : null}
      <Heading as="h2" style={dialogueStyles.subheading}>
        {`What Santa and ${name} said`}
      </Heading>
      {shown.lines.length === 0 ? (
        <Text style={styles.paragraph}>There were no words on this call to write down.</Text>
      ) : (
        shown.lines.map((line, index) => (
          // Lines can repeat word for word ("Yes!"), so their place is the only stable key.
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is rendered once, never reordered.
          <Text key={index} style={dialogueStyles.line}>
            <strong style={dialogueStyles[line.role]}>{`${speaker[line.role]}:`}</strong>
            {` ${line.message}`}
          </Text>
        ))
      )}
      {shown.cut ? (
        <Text style={styles.note}>{cutNote(shown.left, props.recordingUrl !== undefined)}</Text>
      ) : null}
    </EmailLayout>
  );
}

export const callTranscript = defineEmailTemplate({
  schema: callTranscriptSchema,
  subject: callTranscriptSubject,
  Component: CallTranscript,
});
