import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export interface AxeOptions {
  /** CSS selectors left out of the scan (e.g. a third-party iframe). */
  readonly exclude?: readonly string[];
  /** Rule ids to skip, each with a reason in the calling test. */
  readonly disableRules?: readonly string[];
}

const blocking = new Set(['serious', 'critical']);

/** axe's selector for one frame: a CSS selector, or a path through shadow roots. */
type FrameSelector = string | readonly FrameSelector[];
const selectorText = (selector: FrameSelector): string =>
  typeof selector === 'string' ? selector : selector.map(selectorText).join(' >> shadow >> ');

/**
 * Runs axe-core (all rules) on the page as it is now and returns one line per serious or
 * critical violation and element, so `expect(await seriousAxeViolations(page)).toEqual([])`
 * names the rule and the element (`iframe → element` inside frames), e.g.
 * `color-contrast (serious) at main > p.status <p class="status">: Elements must meet minimum
 * color contrast ratio thresholds — Fix any of the following: Element has insufficient color
 * contrast of 1.16 (…) <https://dequeuniversity.com/rules/axe/4.14/color-contrast?…>`.
 */
export async function seriousAxeViolations(
  page: Page,
  options: AxeOptions = {},
): Promise<string[]> {
  let builder = new AxeBuilder({ page });
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  if (options.disableRules?.length) builder = builder.disableRules([...options.disableRules]);
  const { violations } = await builder.analyze();
  return violations.flatMap((violation) =>
    violation.nodes
      .filter((node) => blocking.has(node.impact ?? violation.impact ?? ''))
      .map((node) => {
        const target = node.target.map(selectorText).join(' → ');
        const [heading = '', ...reasons] = (node.failureSummary ?? '')
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean);
        const html = node.html.length > 120 ? `${node.html.slice(0, 117)}...` : node.html;
        const fix = `${heading} ${reasons.join('; ')}`.trim();
        return `${violation.id} (${node.impact ?? violation.impact}) at ${target} ${html}: ${violation.help} — ${fix} <${violation.helpUrl}>`;
      }),
  );
}
