import type { ReactElement } from 'react';
import type * as z from 'zod';
import type { RenderedEmail } from '../adapters/email-sender.ts';
import type { LanguageCode } from '../core/languages.ts';
import type { EmailT } from './i18n.ts';

/** A template's props once checked, with the translator for the email's language. */
export type Translated<Props> = Props & {
  /** Fixed to the email's `language` and namespace `email` (functions/email/i18n.ts). */
  readonly t: EmailT;
};

/**
 * One email: the schema its props must pass, its subject line and its body. Every schema has a
 * `language` (the booking's), which picks the words. Method syntax on purpose: it lets every
 * template sit in one registry typed by its own props.
 */
export interface EmailTemplate<
  Schema extends z.ZodType<{ language: LanguageCode }> = z.ZodType<{ language: LanguageCode }>,
> {
  readonly schema: Schema;
  subject(props: Translated<z.output<Schema>>): string;
  Component(props: Translated<z.output<Schema>>): ReactElement;
}

export type { RenderedEmail };

/** Ties a template's parts together so their props types are checked against its schema. */
export function defineEmailTemplate<Schema extends z.ZodType<{ language: LanguageCode }>>(
  template: EmailTemplate<Schema>,
): EmailTemplate<Schema> {
  return template;
}
