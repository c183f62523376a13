import { Button, Heading, Section, Text } from '@react-email/components';
import type { CSSProperties } from 'react';
import * as z from 'zod';
import { formatCallTime } from '../../core/date-format.ts';
import { firstName, isKnownTimeZone } from '../../core/format.ts';
import { usableLocale } from '../../core/locale.ts';
import { childNamesField, languageField, localeField, namesPhrase } from '../email-fields.ts';
import { defineEmailTemplate, type Translated } from '../email-template.ts';
import type { EmailT } from '../i18n.ts';
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
  /**
   * Which child spoke, by name as booked, when the transcript's attribution is confident
   * (`media.transcript[].speaker`); absent otherwise.
   */
  speaker: z.string().trim().min(1).optional(),
});

/** A sentence the analysis gave, trimmed; blank reads as not said (it must not stop the email). */
const saidText = z
  .string()
  .optional()
  .transform((text) => text?.trim() || undefined);

/** What the call's analysis said about one child (core/call-analysis.ts `ChildAnalysis`). */
const childAnalysisSchema = z.object({
  name: z.string().trim(),
  wishes: z
    .array(z.string())
    .transform((wishes) => wishes.map((wish) => wish.trim()).filter((wish) => wish !== '')),
  proudOf: saidText,
  worries: saidText,
});

export const callTranscriptSchema = z.object({
  childNames: childNamesField,
  /** When the call started, ISO 8601 (e.g. 2026-12-24T23:30:00Z). */
  callAtUtc: z.iso.datetime({ offset: true }),
  /** The parent's IANA zone: the call time is shown as their clock reads it. */
  timezone: z.string().refine(isKnownTimeZone, 'Expected an IANA time zone'),
  durationSecs: z.number().nonnegative(),
  language: languageField,
  locale: localeField,
  /** The turns in the order they were spoken; blank turns (silence, tool calls) are dropped. */
  transcript: z
    .array(transcriptLineSchema)
    .transform((lines) =>
      lines
        .map((line) => ({ ...line, message: line.message.trim() }))
        .filter((line) => line.message !== ''),
    ),
  /**
   * The call's post-call analysis for the parent (the booking's `callAnalysis`, without the
   * evaluation criteria, which are for support): what each child wished for, is proud of and
   * was worried by, and the summary. Absent for older calls and when the analysis failed: the
   * email then reads as it always did.
   */
  analysis: z
    .object({
      summary: saidText,
      children: z
        .array(childAnalysisSchema)
        .transform((children) => children.filter((child) => child.name !== '')),
    })
    .optional(),
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

export type CallTranscriptProps = Translated<z.infer<typeof callTranscriptSchema>>;
type TranscriptLine = CallTranscriptProps['transcript'][number];
type ChildAnalysis = NonNullable<CallTranscriptProps['analysis']>['children'][number];

const dialogueStyles = {
  subheading: { color: colors.ink, fontSize: '18px', lineHeight: '26px', margin: '24px 0 12px' },
  line: { color: colors.ink, fontSize: '15px', lineHeight: '22px', margin: '0 0 8px' },
  santa: { color: colors.red },
  child: { color: colors.green },
  list: { margin: '0 0 16px', paddingLeft: '20px' },
  item: { color: colors.ink, fontSize: '16px', lineHeight: '24px', margin: '0 0 4px' },
} as const satisfies Record<string, CSSProperties>;

/**
 * "4 minutes and 12 seconds", "45 seconds", "1 hour and 2 minutes" (English; "4 minutos y 12
 * segundos" in Spanish): rounded to the second, units by `t`'s plurals, joined by `locale`'s
 * list format.
 */
export function formatDuration(totalSecs: number, t: EmailT, locale: string): string {
  const rounded = Math.round(totalSecs);
  const hours = Math.floor(rounded / 3600);
  const minutes = Math.floor((rounded % 3600) / 60);
  const seconds = rounded % 60;
  // Seconds stop mattering once a call runs for an hour.
  const units: [number, 'hours' | 'minutes' | 'seconds'][] =
    hours > 0
      ? [
          [hours, 'hours'],
          [minutes, 'minutes'],
        ]
      : [
          [minutes, 'minutes'],
          [seconds, 'seconds'],
        ];
  const said = units
    .filter(([count]) => count > 0)
    .map(([count, unit]) => t(`callTranscript.${unit}`, { count }));
  if (said.length === 0) return t('callTranscript.seconds', { count: 0 });
  return new Intl.ListFormat(usableLocale(locale), { style: 'long', type: 'conjunction' }).format(
    said,
  );
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
      lines.push({ ...line, message: `${start.trimEnd()}…` });
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
function cutNote(t: EmailT, left: number, hasRecording: boolean): string {
  const stops = left > 0 ? t('callTranscript.cutLines', { count: left }) : t('callTranscript.cut');
  return hasRecording ? `${stops} ${t('callTranscript.cutWhole')}` : stops;
}

/**
 * Who said a child's line: the child's name when the transcript says which child spoke, the one
 * child's name on a one-child call, else "The children" (the provider hears one caller line).
 */
function childSpeaker(props: CallTranscriptProps, line: TranscriptLine): string {
  if (line.speaker) return firstName(line.speaker);
  const [only, ...others] = props.childNames;
  return only && others.length === 0 ? only : props.t('callTranscript.children');
}

/** A child's part of the analysis worth showing: something wished for, proud of or worried by. */
function saidSomething(child: ChildAnalysis): boolean {
  return child.wishes.length > 0 || child.proudOf !== undefined || child.worries !== undefined;
}

/** "What Emma asked Santa for" and her wishes; what she is proud of; what was on her mind. */
function ChildWishes({ t, child }: { readonly t: EmailT; readonly child: ChildAnalysis }) {
  const name = firstName(child.name);
  return (
    <Section>
      <Heading as="h2" style={dialogueStyles.subheading}>
        {t('callTranscript.wishes', { name })}
      </Heading>
      {child.wishes.length > 0 ? (
        <ul style={dialogueStyles.list}>
          {child.wishes.map((wish, index) => (
            // Two wishes can be the same words; their place is the only stable key.
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is rendered once, never reordered.
            <li key={index} style={dialogueStyles.item}>
              {wish}
            </li>
          ))}
        </ul>
      ) : (
        <Text style={styles.paragraph}>{t('callTranscript.noWish', { name })}</Text>
      )}
      {child.proudOf ? (
        <>
          <Text style={styles.detailLabel}>{t('callTranscript.proudOf', { name })}</Text>
          <Text style={styles.detailValue}>{child.proudOf}</Text>
        </>
      ) : null}
      {child.worries ? (
        <>
          <Text style={styles.detailLabel}>{t('callTranscript.worries', { name })}</Text>
          <Text style={styles.detailValue}>
            {`${child.worries} ${t('callTranscript.worriesNote')}`}
          </Text>
        </>
      ) : null}
    </Section>
  );
}

/** "Emma's call with Santa: the transcript", "… the transcript and recording". */
export function callTranscriptSubject(props: CallTranscriptProps): string {
  const names = namesPhrase(props);
  return props.recordingUrl
    ? props.t('callTranscript.subjectWithRecording', { names })
    : props.t('callTranscript.subject', { names });
}

/**
 * Sent once after a completed call: what each child asked Santa for and the call's summary
 * (when the analysis came back), what was said and, if bought, the recording.
 */
export function CallTranscript(props: CallTranscriptProps) {
  const { t } = props;
  const names = namesPhrase(props);
  // "Santa and Emma", "Santa, Emma and Leo": everyone on the call, in one list.
  const everyone = namesPhrase({
    ...props,
    childNames: [t('callTranscript.santaInSentence'), ...props.childNames],
  });
  const shown = fitTranscript(props.transcript);
  const children = props.analysis?.children.filter(saidSomething) ?? [];
  const summary = props.analysis?.summary;
  // Whole strings, not JSX fragments: React would put <!-- --> between adjacent text parts.
  return (
    <EmailLayout
      t={t}
      language={props.language}
      childCount={props.childNames.length}
      preview={t('callTranscript.preview', { everyone })}
      reason={t('callTranscript.reason')}
    >
      <Heading as="h1" style={styles.heading}>
        {t('callTranscript.heading', { names })}
      </Heading>
      <Text style={styles.paragraph}>
        {t('callTranscript.called', {
          names,
          time: formatCallTime(props.callAtUtc, props.timezone, props.locale),
          duration: formatDuration(props.durationSecs, t, props.locale),
        })}
      </Text>
      {props.recordingUrl ? (
        <Section>
          <Button href={props.recordingUrl} style={styles.button}>
            {t('callTranscript.listen')}
          </Button>
          <Text style={styles.note}>{t('callTranscript.videoComing')}</Text>
        </Section>
      ) : props.recordingOffer ? (
        <Section>
          <Text style={styles.paragraph}>
            {t('callTranscript.offer', { names, price: props.recordingOffer.price })}
          </Text>
          <Button href={props.recordingOffer.url} style={styles.button}>
            {t('callTranscript.offerButton', { price: props.recordingOffer.price })}
          </Button>
        </Section>
      ) : null}
      {children.map((child) => (
        <ChildWishes key={child.name} t={t} child={child} />
      ))}
      {summary ? (
        <Section>
          <Heading as="h2" style={dialogueStyles.subheading}>
            {t('callTranscript.summary')}
          </Heading>
          <Text style={styles.paragraph}>{summary}</Text>
        </Section>
      ) : null}
      <Heading as="h2" style={dialogueStyles.subheading}>
        {t('callTranscript.said', { everyone })}
      </Heading>
      {shown.lines.length === 0 ? (
        <Text style={styles.paragraph}>{t('callTranscript.noWords')}</Text>
      ) : (
        shown.lines.map((line, index) => (
          // Lines can repeat word for word ("Yes!"), so their place is the only stable key.
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is rendered once, never reordered.
          <Text key={index} style={dialogueStyles.line}>
            <strong style={dialogueStyles[line.role]}>
              {`${line.role === 'santa' ? t('callTranscript.santa') : childSpeaker(props, line)}:`}
            </strong>
            {` ${line.message}`}
          </Text>
        ))
      )}
      {shown.cut ? (
        <Text style={styles.note}>{cutNote(t, shown.left, props.recordingUrl !== undefined)}</Text>
      ) : null}
    </EmailLayout>
  );
}

export const callTranscript = defineEmailTemplate({
  schema: callTranscriptSchema,
  subject: callTranscriptSubject,
  Component: CallTranscript,
});
