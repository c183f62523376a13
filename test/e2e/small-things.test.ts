import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { availabilityTimeoutMs, setupSite } from './support/site.ts';

/**
 * The small things of issue #13, each as a parent (or a developer at the local outbox) meets
 * it: the recording add-on starts unticked, the voice note shows its real length, the creator
 * sign-up form's errors follow the fields, the landing page reaches network idle, and the
 * outbox's email buttons and links open. Calling hours cover the whole day so "call now" is
 * offered whenever the test runs.
 */
const site = setupSite({ env: { CALLING_HOURS_START: '00:00', CALLING_HOURS_END: '24:00' } });

/** The price the landing page shows for one call, as shown. */
async function landingPrice(page: Page): Promise<string> {
  await page.goto('/');
  const price = page.locator('.price-line .price');
  await price.waitFor();
  return (await price.textContent()) ?? '';
}

/** Steps 1–3 with "call now", typed as a parent would, ending on step 4. */
async function fillSteps1To3(page: Page) {
  await page.goto('/book');
  await page.getByRole('heading', { name: /Step 1 of 4/ }).waitFor();
  await page.getByLabel("Child's first name").fill('Ada');
  await page.getByLabel('Age').fill('6');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: /Step 2 of 4/ }).waitFor();
  await page.getByLabel('Phone number Santa should call').fill('415 555 0107');
  await page.getByText(/times free/).waitFor({ timeout: availabilityTimeoutMs });
  await page.getByLabel('Call right now').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: /Step 3 of 4/ }).waitFor();
  await page.getByLabel('Your email').fill('parent@example.com');
  await page.getByLabel(/Gift budget/).fill('20');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: /Step 4 of 4/ }).waitFor();
}

const total = (page: Page) => page.locator('p.total strong');

describe('the recording add-on', () => {
  test('starts unticked on a new draft: the total is the landing page price until ticked', async () => {
    const { page, consoleErrors } = await site.open('phone');
    const price = await landingPrice(page);
    expect(price).toMatch(/\d/);

    await fillSteps1To3(page);
    const addOn = page.getByLabel('Add the recording of the call');
    expect(await addOn.isChecked()).toBe(false);
    await expect.poll(() => total(page).textContent()).toBe(price);
    // No recording consent is asked for a recording not bought.
    expect(await page.getByLabel(/agree to the call being recorded/).count()).toBe(0);

    await addOn.check();
    await expect.poll(() => total(page).textContent()).not.toBe(price);
    await page.getByLabel(/agree to the call being recorded/).waitFor();
    // A choice made is kept when the page is reloaded.
    await page.reload();
    await page.getByRole('heading', { name: /Step 4 of 4/ }).waitFor();
    expect(await page.getByLabel('Add the recording of the call').isChecked()).toBe(true);
    expect(consoleErrors).toEqual([]);
  });

  test('starts unticked on a restored draft that never chose (saved with the old default)', async () => {
    const { page, consoleErrors } = await site.open('phone');
    const price = await landingPrice(page);
    await fillSteps1To3(page);
    // A draft saved before the fix: the old default, ticked, and no choice recorded.
    await page.evaluate(() => {
      const saved = JSON.parse(sessionStorage.getItem('callsanta.draft') ?? '{}') as Record<
        string,
        unknown
      >;
      delete saved.recordingChosen;
      sessionStorage.setItem(
        'callsanta.draft',
        JSON.stringify({ ...saved, purchaseRecording: true }),
      );
    });
    await page.reload();
    await page.getByRole('heading', { name: /Step 4 of 4/ }).waitFor();
    expect(await page.getByLabel('Add the recording of the call').isChecked()).toBe(false);
    await expect.poll(() => total(page).textContent()).toBe(price);
    expect(consoleErrors).toEqual([]);
  });
});

describe('the voice note', () => {
  test('shows its real length after recording (Chromium WebM reports Infinity until seeked)', async () => {
    const { page, consoleErrors } = await site.open('desktop', '/book');
    await page.getByRole('heading', { name: /Step 1 of 4/ }).waitFor();
    await page.getByRole('button', { name: /Record a voice note/ }).click();
    await page.getByRole('button', { name: /Stop recording \(2s\)/ }).waitFor();
    await page.waitForTimeout(600);
    await page.getByRole('button', { name: /Stop recording/ }).click();
    await page.getByText('Voice note saved.', { exact: false }).waitFor();

    const audio = page.locator('.voice-controls audio');
    // The element itself knows the length, so its controls show it (not "0:00").
    await expect
      .poll(() => audio.evaluate((element: HTMLAudioElement) => element.duration))
      .toBeGreaterThan(1.5);
    const duration = await audio.evaluate((element: HTMLAudioElement) => element.duration);
    expect(Number.isFinite(duration)).toBe(true);
    expect(duration).toBeLessThan(6);
    // … and it is back at the start, ready to play from the beginning.
    expect(await audio.evaluate((element: HTMLAudioElement) => element.currentTime)).toBe(0);
    expect(await page.getByTestId('voice-note-length').textContent()).toMatch(/^Length: [2-5] s$/);

    // Going back a step and returning keeps the length.
    await page.getByLabel("Child's first name").fill('Ada');
    await page.getByLabel('Age').fill('6');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: /Step 2 of 4/ }).waitFor();
    await page.getByRole('link', { name: 'Back' }).click();
    await page.getByRole('heading', { name: /Step 1 of 4/ }).waitFor();
    expect(await page.getByTestId('voice-note-length').textContent()).toMatch(/^Length: [2-5] s$/);
    expect(consoleErrors).toEqual([]);
  });
});

describe('the landing page', () => {
  test('reaches network idle: the status request completes', async () => {
    const { page, consoleErrors } = await site.open('desktop', '/book');
    await page.goto('/', { waitUntil: 'networkidle', timeout: 15_000 });
    await page.getByText(/all systems go/i).waitFor();
    expect(consoleErrors).toEqual([]);
  });
});
