import { Body, Container, Head, Hr, Html, Preview, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';
import { styles } from './theme.ts';

export interface EmailLayoutProps {
  /** The line inbox lists show next to the subject. */
  readonly preview: string;
  /** Why this person got this email, shown in the footer. */
  readonly reason: string;
  readonly children: ReactNode;
}

/** The frame every CallSanta email shares: brand, content, and a footer saying why it came. */
export function EmailLayout({ preview, reason, children }: EmailLayoutProps) {
  return (
    <Html lang="en">
      <Head>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
      </Head>
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>🎅 CallSanta</Text>
          <Section>{children}</Section>
          <Hr style={styles.rule} />
          <Text style={styles.footer}>{reason}</Text>
          <Text style={styles.footer}>
            We use your child's details only to make and deliver this call. We never sell them or
            share them for advertising.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
