import { Button, Heading, Section, Text } from '@react-email/components';
import * as z from 'zod';
import { childNamesField, languageField, localeField, namesPhrase } from '../email-fields.ts';
import { defineEmailTemplate, type Translated } from '../email-template.ts';
import { EmailLayout } from '../layout.tsx';
import { styles } from '../theme.ts';

export const videoReadySchema = z.object({
  childNames: childNamesField,
  /**
   * The private, token-protected recording page, where the video plays, downloads and is
   * shared. http(s) only: a javascript: or data: link must never become the button.
   */
  recordingUrl: z.url({ protocol: /^https?$/ }),
  language: languageField,
  locale: localeField,
});

export type VideoReadyProps = Translated<z.infer<typeof videoReadySchema>>;

/** "The video of Emma's call with Santa is ready". */
export function videoReadySubject(props: VideoReadyProps): string {
  return props.t('videoReady.subject', { names: namesPhrase(props) });
}

/** Sent once, when the video of a call the parent bought it for has been made. */
export function VideoReady(props: VideoReadyProps) {
  const { t } = props;
  const names = namesPhrase(props);
  return (
    <EmailLayout
      t={t}
      language={props.language}
      childCount={props.childNames.length}
      preview={t('videoReady.preview', { names })}
      reason={t('videoReady.reason')}
    >
      <Heading as="h1" style={styles.heading}>
        {t('videoReady.heading', { names })}
      </Heading>
      <Text style={styles.paragraph}>{t('videoReady.body', { names })}</Text>
      <Section>
        <Button href={props.recordingUrl} style={styles.button}>
          {t('videoReady.watch')}
        </Button>
        <Text style={styles.note}>{t('videoReady.private')}</Text>
      </Section>
    </EmailLayout>
  );
}

export const videoReady = defineEmailTemplate({
  schema: videoReadySchema,
  subject: videoReadySubject,
  Component: VideoReady,
});
