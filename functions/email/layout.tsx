import { Body, Container, Head, Hr, Html, Preview, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';
import type { LanguageCode } from '../core/languages.ts';
import type { EmailT } from './i18n.ts';
import { styles } from './theme.ts';

export interface EmailLayoutProps {
  /** The email's translator (its language's words). */
  readonly t: EmailT;
  /** The email's language: the document's `lang`, so screen readers speak it rightly. */
  readonly language: LanguageCode;
  /** How many children the call is for: the privacy line says "child" or "children". */
  readonly childCount: number;
  /** The line inbox lists show next to the subject. */
  readonly preview: string;
  /** Why this person got this email, shown in the footer. */
  readonly reason: string;
  readonly children: ReactNode;
}

/** The frame every CallSanta email shares: brand, content, and a footer saying why it came. */
export function EmailLayout({
  t,
  language,
  childCount,
  preview,
  reason,
  children,
}: EmailLayoutProps) {
  return (
    <Html lang={language}>
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
          <Text style={styles.footer}>{t('layout.privacy', { count: childCount })}</Text>
        </Container>
      </Body>
    </Html>
  );
}
