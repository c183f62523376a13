import { mkdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { ViewportName } from './browser.ts';

const projectRoot = resolve(import.meta.dirname, '../../..');
/** Kept by CI as artefacts; gitignored. */
export const screenshotDir = join(projectRoot, 'test-results/screenshots');

/**
 * Saves a full-page screenshot to `test-results/screenshots/<name>-<viewport>.png` and returns
 * its path relative to the project. `name` is made file-safe (`landing`, `book-step-2`, …).
 */
export async function saveScreenshot(
  page: Page,
  name: string,
  viewport: ViewportName,
): Promise<string> {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  if (!slug) throw new Error(`A screenshot needs a name with letters or digits, not "${name}".`);
  await mkdir(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${slug}-${viewport}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
  return relative(projectRoot, path);
}
