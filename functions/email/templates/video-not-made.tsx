import { Button, Heading, Section, Text } from '@react-email/components';
import * as z from 'zod';
import { firstName } from '../../core/format.ts';
import { defineEmailTemplate } from '../email-template.ts';
import { EmailLayout } from '../layout.tsx';
import { styles } from '../theme.ts';

export const videoNotMadeSchema = z.object({
  childName: z.string().trim().min(1),
  /** The private recording page: the audio and transcript, and "Try again". http(s) only. */
  recordingUrl: z.url({ protocol: /^https?$/ }),
});

export type VideoNotMadeProps = z.infer<typeof videoNotMadeSchema>;

/** "We could not make the video of Emma's call yet". */
export function videoNotMadeSubject(props: VideoNotMadeProps): string {
  return `We could not make the video of ${firstName(props.childName)}'s call yet`;
}

/** Sent once per failure, when a bought video could not be made after a retry. */
export function VideoNotMade(props: VideoNotMadeProps) {
  const name = firstName(props.childName);
  return (
    <EmailLayout
      preview={`The recording and transcript of ${name}'s call are safe; the video can be tried again.`}
      reason="You are getting this email because you bought the recording of a call from Santa on CallSanta."
    >
      <Heading as="h1" style={styles.heading}>
        {`The video of ${name}'s call is not ready`}
      </Heading>
      <Text style={styles.paragraph}>
        {`Santa's call with ${name} went well and its recording and transcript are safe, but making the video failed twice. You can listen to the recording now, and try the video again from the same page.`}
      </Text>
      <Section>
        <Button href={props.recordingUrl} style={styles.button}>
          Listen and try the video again
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
