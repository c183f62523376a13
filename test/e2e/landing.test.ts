import { describe, expect, test } from 'vitest';
import { seriousAxeViolations } from './support/axe.ts';
import { viewportNames } from './support/browser.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { setupSite } from './support/site.ts';

const site = setupSite();

describe('landing page', () => {
  test.for(viewportNames)('renders and reaches the local API at %s width', async (viewport) => {
    const { page, consoleErrors, offMachineRequests } = await site.open(viewport, '/');

    await page.getByRole('heading', { level: 1, name: /phone call from Santa/i }).waitFor();
    // The status comes from GET /api/health: proof that the site talks to the local cloud.
    await page.getByText(/all systems go/i).waitFor();

    expect(await seriousAxeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'landing', viewport);
    expect(consoleErrors).toEqual([]);
    expect(offMachineRequests).toEqual([]);
  });
});
