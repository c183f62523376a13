import { render, toPlainText } from '@react-email/render';
import { createElement } from 'react';
import type { EmailTemplate, RenderedEmail } from './email-template.ts';
import { emailTranslator } from './i18n.ts';
import { type EmailProps, type EmailTemplateName, emailTemplates } from './registry.ts';

// html-to-text shouts headings in capitals by default; a greeting should not.
const textOptions = {
  selectors: ['h1', 'h2', 'h3'].map((selector) => ({ selector, options: { uppercase: false } })),
};

/**
 * Renders a template to its subject, HTML and plain-text parts, in the props' `language`
 * (English when absent). Props are checked by the template's schema first, so a bad booking
 * fails here rather than reaching a parent. The text part is derived from the same HTML, so the
 * two never say different things.
 */
export async function renderEmail<Name extends EmailTemplateName>(
  name: Name,
  props: EmailProps<Name>,
): Promise<RenderedEmail> {
  const template: EmailTemplate = emailTemplates[name];
  const checked = template.schema.parse(props);
  const translated = { ...checked, t: await emailTranslator(checked.language) };
  // No `pretty` option: it loads prettier, which the Lambda bundles leave out
  // (lib/house-bundling.ts).
  const html = await render(createElement(template.Component, translated));
  return { subject: template.subject(translated), html, text: toPlainText(html, textOptions) };
}
