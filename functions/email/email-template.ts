import type { ReactElement } from 'react';
import type * as z from 'zod';
import type { RenderedEmail } from '../adapters/email-sender.ts';

/**
 * One email: the schema its props must pass, its subject line and its body. Method syntax on
 * purpose: it lets every template sit in one registry typed by its own props.
 */
export interface EmailTemplate<Schema extends z.ZodType<object> = z.ZodType<object>> {
  readonly schema: Schema;
  subject(props: z.output<Schema>): string;
  Component(props: z.output<Schema>): ReactElement;
}

export type { RenderedEmail };

/** Ties a template's parts together so their props types are checked against its schema. */
export function defineEmailTemplate<Schema extends z.ZodType<object>>(
  template: EmailTemplate<Schema>,
): EmailTemplate<Schema> {
  return template;
}
