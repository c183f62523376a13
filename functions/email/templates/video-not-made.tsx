import { Button, Heading, Section, Text } from '@react-email/components';
import * as z from 'zod';
import { childNamesField, languageField, localeField, namesPhrase } from '../email-fields.ts';
import { defineEmailTemplate, type Translated } from '../email-template.ts';
import { EmailLayout } from '../layout.tsx';
import { styles } from '../theme.ts';

export const videoNotMadeSchema = z.object({
  childNames: childNamesField,
  /** The private recording page: the audio and transcript, and "Try again". http(s) only. */
  recordingUrl: z.url({ protocol: /^https?$/ }),
  language: languageField,
  locale: localeField,
});

export type VideoNotMadeProps = Translated<z.infer<typeof videoNotMadeSchema>>;

/** "We could not make the video of Emma's call yet". */
export function videoNotMadeSubject(props: VideoNotMadeProps): string {
  return props.t('videoNotMade.subject', { names: namesPhrase(props) });
}

/** Sent once per failure, when a bought video could not be made after a retry. */
export function VideoNotMade(props: VideoNotMadeProps) {
  const { t } = props;
  const names = namesPhrase(props);
  return (
    <EmailLayout
      t={t}
      language={props.language}
      childCount={props.childNames.length}
      preview={t('videoNotMade.preview', { names })}
      reason={t('videoNotMade.reason')}
    >
      <Heading as="h1" style={styles.heading}>
        {t('videoNotMade.heading', { names })}
      </Heading>
      <Text style={styles.paragraph}>{t('videoNotMade.body', { names })}</Text>
      <Section>
        <Button href={props.recordingUrl} style={styles.button}>
          {t('videoNotMade.retry')}
        </Button>
      </Section>
    </EmailLayout>
  );
}

export const videoNotMade = defineEmailTemplate({
  schema: videoNotMadeSchema,
  subject: videoNotMadeSubject,
  Component: VideoNotMade,
});
