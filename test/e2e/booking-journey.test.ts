import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seriousAxeViolations } from './support/axe.ts';
import { chromiumArgs, chromiumPath, openWatchedPage } from './support/browser.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { availabilityTimeoutMs, setupSite } from './support/site.ts';

/**
 * The whole journey as a parent does it on a phone: a typed note and a voice note recorded in
 * the browser (Chromium's fake microphone), "call now", a declined test card then Visa, the
 * live status reaching "completed", and the recording page opened from the transcript email.
 * Calling hours cover the whole day so "call now" is offered whenever the test runs.
 */
const site = setupSite({
  timeScale: 60,
  env: { CALLING_HOURS_START: '00:00', CALLING_HOURS_END: '24:00' },
});

/** Chromium with a fake microphone that needs no permission prompt. */
let micBrowser: Browser | undefined;
beforeAll(async () => {
  micBrowser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [...chromiumArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  });
});
afterAll(async () => {
  await micBrowser?.close();
});

const declinedStatus = /Failed to load resource: the server responded with a status of 402/;

async function checkPage(page: Page, name: string) {
  expect(await seriousAxeViolations(page), `axe on ${name}`).toEqual([]);
  await saveScreenshot(page, name, 'phone');
}

interface OutboxEmail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

describe('booking journey on a phone', () => {
  test('book with a voice note, pay, watch the call complete, open the recording from the email', async () => {
    if (!micBrowser) throw new Error('no browser');
    const { page, consoleErrors, offMachineRequests } = await openWatchedPage(micBrowser, 'phone', {
      baseURL: site.url,
      extra: { permissions: ['microphone'] },
    });
    await page.goto('/');
    await page
      .getByText(/\$9\.99/)
      .first()
      .waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Book a call' }).click();

    // Step 1: the child, a typed note and a voice note.
    await page.getByRole('heading', { name: /Step 1 of 4/ }).waitFor();
    await page.getByLabel("Child's first name").fill('Ada');
    await page.getByLabel('Age', { exact: true }).fill('6');
    await page.getByLabel('Girl', { exact: true }).check();
    await page
      .getByLabel('What should Santa know?')
      .fill('Loves dinosaurs and her cat Pip. Learned to ride a bike this year.');
    await page.getByRole('button', { name: /Record a voice note/ }).click();
    await page.getByRole('button', { name: /Stop recording/ }).waitFor();
    await page.waitForTimeout(1500);
    await page.getByRole('button', { name: /Stop recording/ }).click();
    await page.getByText('Voice note saved.', { exact: false }).waitFor();
    expect(await page.locator('.voice-controls audio').count()).toBe(1);
    await checkPage(page, 'book-step-1');
    await page.getByRole('button', { name: 'Continue' }).click();

    // Going back keeps the saved voice note, ready to listen to.
    await page.getByRole('heading', { name: /Step 2 of 4/ }).waitFor();
    await page.getByRole('link', { name: 'Back' }).click();
    await page.getByRole('heading', { name: /Step 1 of 4/ }).waitFor();
    expect(await page.locator('.voice-controls audio').count()).toBe(1);
    expect(await page.getByLabel("Child's first name").inputValue()).toBe('Ada');
    await page.getByRole('button', { name: 'Continue' }).click();

    // Step 2: the number, then "call now" in the detected zone (one of the number's).
    await page.getByRole('heading', { name: /Step 2 of 4/ }).waitFor();
    await page.getByLabel('Phone number Santa should call').fill('415 555 0107');
    await page.getByText('Santa will call +1 415 555 0107').waitFor();
    expect(await page.getByLabel(/Time zone/).getAttribute('data-zone')).toBe('America/New_York');
    // Today's list has loaded (late in the New York evening it may be empty; "call now" is enough).
    await page.getByText(/times free|No times left/).waitFor({ timeout: availabilityTimeoutMs });
    await page.getByLabel('Call right now').check();
    await checkPage(page, 'book-step-2');
    await page.getByRole('button', { name: 'Continue' }).click();

    // Step 3: the parent.
    await page.getByRole('heading', { name: /Step 3 of 4/ }).waitFor();
    await page.getByLabel('Your email').fill('parent@example.com');
    await page.getByLabel('Gift budget ($)').fill('50');
    await checkPage(page, 'book-step-3');
    await page.getByRole('button', { name: 'Continue' }).click();

    // Step 4: review, consent, a declined card, then Visa.
    await page.getByRole('heading', { name: /Step 4 of 4/ }).waitFor();
    // The recording is a paid add-on: unticked, the total is the landing page's price.
    await page.getByText('Total: $9.99').waitFor();
    expect(await page.getByLabel('Add the recording of the call').isChecked()).toBe(false);
    await page.getByLabel('Add the recording of the call').check();
    await page.getByText('Total: $12.98').waitFor();
    await page.getByLabel('I own this phone number, or may use it.').check();
    await page.getByLabel("I am the child's parent or guardian.").check();
    await page.getByLabel(/agree to an AI-voiced call/).check();
    await page.getByLabel(/agree to the call being recorded/).check();
    await page.getByText('Test payment (local emulator)').waitFor();
    await checkPage(page, 'book-step-4');
    await page.getByLabel(/0002 — declined/).check();
    await page.getByRole('button', { name: 'Pay $12.98' }).click();
    await page.getByText(/Your card was declined\. Choose another card/).waitFor();
    await checkPage(page, 'book-declined');
    await page.getByLabel(/4242 — payment succeeds/).check();
    await page.getByRole('button', { name: 'Pay $12.98' }).click();

    // The live status, polled every 3 s, reaches "completed".
    await page.waitForURL(/\/success\/[0-9A-Z]{26}$/);
    const callId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await page.getByRole('heading', { name: "You're booked!" }).waitFor();
    await checkPage(page, 'success-booked');
    await page
      .getByText('Santa has spoken with Ada', { exact: false })
      .waitFor({ timeout: 60_000 });
    const progress = page.getByRole('list', { name: 'Progress' });
    for (const done of ['Paid', 'Call starting now', 'Santa is calling', 'Call completed']) {
      expect(await progress.getByText(`${done} — done`).count()).toBe(1);
    }
    await checkPage(page, 'success-completed');

    // The transcript email links to the recording page, token in the fragment.
    const recordingLink = await waitForRecordingLink(callId);
    await page.goto(recordingLink);
    await page.getByRole('heading', { name: "Santa's call with Ada" }).waitFor();
    // The token stays in the address bar, so a bookmark of this page opens it again.
    expect(new URL(page.url()).hash).toMatch(/^#token=[\w-]+$/);
    const audio = page.locator('audio.player');
    expect(await audio.getAttribute('src')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const duration = await audio.evaluate(
      (element: HTMLAudioElement) =>
        new Promise<number>((resolve) => {
          if (element.readyState >= 1) resolve(element.duration);
          else element.addEventListener('loadedmetadata', () => resolve(element.duration));
        }),
    );
    expect(duration).toBeGreaterThan(1);
    expect(await page.getByRole('link', { name: 'Download the audio' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Share' }).count()).toBe(1);
    const turns = page.locator('.dialogue li');
    expect(await turns.count()).toBeGreaterThan(1);
    expect(await turns.first().locator('.speaker').textContent()).toBe('Santa');
    await checkPage(page, 'recording');

    // The same email link on a computer.
    const desktop = await openWatchedPage(micBrowser, 'desktop', { baseURL: site.url });
    await desktop.page.goto(recordingLink);
    await desktop.page.getByRole('heading', { name: "Santa's call with Ada" }).waitFor();
    await saveScreenshot(desktop.page, 'recording', 'desktop');
    expect(desktop.consoleErrors).toEqual([]);

    expect(consoleErrors.filter((line) => !declinedStatus.test(line))).toEqual([]);
    expect(offMachineRequests).toEqual([]);
  });

  async function waitForRecordingLink(callId: string): Promise<string> {
    const pattern = new RegExp(`${site.url}/recording/${callId}#token=[\\w.-]+`);
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const emails = (await (
        await fetch(`${site.url}/_local/outbox?format=json`)
      ).json()) as OutboxEmail[];
      for (const email of emails) {
        const link = email.text.match(pattern)?.[0];
        if (link) return link;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('No transcript email with a recording link arrived.');
  }
});
