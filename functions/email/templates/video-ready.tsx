import { Button, Heading, Section, Text } from '@react-email/components';
import * as z from 'zod';
import { firstName } from '../../core/format.ts';
import { defineEmailTemplate } from '../email-template.ts';
import { EmailLayout } from '../layout.tsx';
import { styles } from '../theme.ts';

export const videoReadySchema = z.object({
  childName: z.string().trim().min(1),
  /**
   * The private, token-protected recording page, where the video plays, downloads and is
   * shared. http(s) only: a javascript: or data: link must never become the button.
   */
  recordingUrl: z.url({ protocol: /^https?$/ }),
});

export type VideoReadyProps = z.infer<typeof videoReadySchema>;

/** "The video of Emma's call with Santa is ready". */
export function videoReadySubject(props: VideoReadyProps): string {
  return `The video of ${firstName(props.childName)}'s call with Santa is ready`;
}

/** Sent once, when the video of a call the parent bought it for has been made. */
export function VideoReady(props: VideoReadyProps) {
  const name = firstName(props.childName);
  return (
    <EmailLayout
      preview={`Watch ${name}'s call with Santa, download it and share it with family.`}
      reason="You are getting this email because you bought the recording of a call from Santa on CallSanta."
    >
      <Heading as="h1" style={styles.heading}>
        {`${name}'s Santa call video is ready`}
      </Heading>
      <Text style={styles.paragraph}>
        {`We turned ${name}'s call with Santa into a video to keep: watch it, download it, and share it with family — each share link works until you stop it.`}
      </Text>
      <Section>
        <Button href={props.recordingUrl} style={styles.button}>
          Watch the video
        </Button>
        <Text style={styles.note}>
          This link is private to you. To let grandparents watch, use "Share" on the page: you can
          stop a share link at any time.
        </Text>
      </Section>
    </EmailLayout>
  );
}

export const videoReady = defineEmailTemplate({
  schema: videoReadySchema,
  subject: videoReadySubject,
  Component: VideoReady,
});
