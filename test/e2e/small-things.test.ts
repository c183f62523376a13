import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { CreatedBooking } from '../../functions/schemas/api/create-booking.ts';
import type { SiteConfig } from '../../functions/schemas/api/site-config.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { saveScreenshot } from './support/screenshots.ts';
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
  await page.getByLabel('Age', { exact: true }).fill('6');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: /Step 2 of 4/ }).waitFor();
  await page.getByLabel('Phone number Santa should call').fill('415 555 0107');
  // Today's list has loaded (late in the New York evening it may be empty; "call now" is enough).
  await page.getByText(/times free|No times left/).waitFor({ timeout: availabilityTimeoutMs });
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
    expect(await seriousAxeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'voice-note-length', 'desktop');

    // Going back a step and returning keeps the length.
    await page.getByLabel("Child's first name").fill('Ada');
    await page.getByLabel('Age', { exact: true }).fill('6');
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

describe('the creator sign-up form', () => {
  test('errors follow the fields: shown after the first try, gone once a field is right', async () => {
    const { page, consoleErrors } = await site.open('desktop', '/affiliate/join');
    const name = page.getByLabel('Your name (shown on your page)');
    const email = page.getByLabel('Your email');
    const slug = page.getByLabel('Your page name');
    await page.getByRole('button', { name: 'Create my page' }).click();
    await page.getByText('Enter your name.').waitFor();
    await page.getByText('Enter a valid email address.').waitFor();
    await page.getByText('Choose the name of your page, e.g. jolly-jen.').waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await slug.getAttribute('aria-invalid')).toBe('true');
    // Focus goes to the first field to fix.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('aff-name');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'affiliate-join-errors', 'desktop');

    // Each error goes as soon as its field is right, with no second press of Create.
    await name.fill('Jolly Jen');
    await expect.poll(() => page.getByText('Enter your name.').count()).toBe(0);
    expect(await name.getAttribute('aria-invalid')).toBeNull();
    await email.fill('jen@');
    expect(await page.getByText('Enter a valid email address.').count()).toBe(1);
    await email.fill('jen@example.com');
    await expect.poll(() => page.getByText('Enter a valid email address.').count()).toBe(0);
    expect(await email.getAttribute('aria-invalid')).toBeNull();
    // … and comes back if the field is made wrong again.
    await name.fill('');
    await page.getByText('Enter your name.').waitFor();
    await name.fill('Jolly Jen');
    await expect.poll(() => page.getByText('Enter your name.').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  test('the page name is in exactly one state: checking, too short, invalid, taken or free', async () => {
    const taken = await fetch(`${site.url}/api/affiliates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Tess', email: 'tess@example.com', slug: 'taken-tess' }),
    });
    expect(taken.status).toBe(201);
    const { page, consoleErrors } = await site.open('desktop', '/affiliate/join');
    const slug = page.getByLabel('Your page name');
    const error = page.locator('#aff-slug-error');
    const free = page.getByText(/is free/);
    const state = () => page.locator('#aff-slug-check').getAttribute('data-slug-state');
    await page.getByLabel('Your name (shown on your page)').fill('Jolly Jen');
    await page.getByLabel('Your email').fill('jen@example.com');

    // Too short, and Create pressed: said beside the field.
    await slug.fill('jo');
    await page.getByRole('button', { name: 'Create my page' }).click();
    await page.getByText('Use at least 3 characters.').waitFor();
    expect(await free.count()).toBe(0);
    expect(await slug.getAttribute('aria-invalid')).toBe('true');

    // Fixed: free, and the "too short" is gone (the defect: both shown at once).
    await slug.fill('jolly-jen');
    await page.getByText('✓ callsanta.com/jolly-jen is free').waitFor();
    expect(await error.count()).toBe(0);
    expect(await slug.getAttribute('aria-invalid')).toBeNull();
    expect(await state()).toBe('free');

    // Cut to two letters again: too short, and no longer free.
    await slug.fill('jo');
    await page.getByText('Use at least 3 characters.').waitFor();
    expect(await free.count()).toBe(0);
    expect(await state()).toBe('too_short');

    await slug.fill('jolly_jen');
    await page.getByText('Use only lowercase letters', { exact: false }).waitFor();
    expect(await free.count()).toBe(0);
    expect(await error.count()).toBe(1);
    expect(await state()).toBe('invalid');

    await slug.fill('taken-tess');
    await page.getByText('That page name is taken.', { exact: false }).waitFor();
    expect(await free.count()).toBe(0);
    expect(await error.count()).toBe(1);
    expect(await state()).toBe('taken');
    await saveScreenshot(page, 'affiliate-join-slug-taken', 'desktop');

    // Fixed again: the error goes, the name is free, and the sign-up goes through.
    await slug.fill('jolly-jen');
    await page.getByText('✓ callsanta.com/jolly-jen is free').waitFor();
    expect(await error.count()).toBe(0);
    await page.getByRole('button', { name: 'Create my page' }).click();
    await page.getByRole('heading', { name: 'Your page is live!' }).waitFor();
    expect(consoleErrors).toEqual([]);
  });
});

/** Books "call now" and pays with the Stripe emulator's Visa, as the wizard would. */
async function bookAndPay(parentEmail: string): Promise<CreatedBooking> {
  const response = await fetch(`${site.url}/api/calls`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      childName: 'Theo',
      childAge: 7,
      phoneNumber: '+14155552671',
      timezone: 'America/New_York',
      callNow: true,
      waitForCallingHours: false,
      parentEmail,
      giftBudget: 40,
      purchaseRecording: false,
      consent: { ownsNumber: true, isGuardian: true, aiCall: true },
    }),
  });
  expect(response.status).toBe(201);
  const created = (await response.json()) as CreatedBooking;
  const config = (await (await fetch(`${site.url}/config.json`)).json()) as Extract<
    SiteConfig,
    { stripeMode: 'emulator' }
  >;
  const confirm = await fetch(
    `${config.stripeEmulatorUrl}/v1/payment_intents/${created.paymentIntentId}/confirm`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${config.stripePublishableKey}` },
      body: new URLSearchParams({
        payment_method: 'pm_card_visa',
        client_secret: created.clientSecret,
      }),
    },
  );
  expect(confirm.status).toBe(200);
  return created;
}

/** The subject of the first email to `to` whose text names `needle`, once it has arrived. */
async function waitForEmail(to: string, needle: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const emails = (await (await fetch(`${site.url}/_local/outbox?format=json`)).json()) as {
      to: string;
      subject: string;
      text: string;
    }[];
    const found = emails.find((email) => email.to === to && email.text.includes(needle));
    if (found) return found.subject;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`No email to ${to} naming ${needle} arrived.`);
}

describe('the local outbox', () => {
  test("an email's button and its text part's link open the manage page", async () => {
    const to = 'outbox-reader@example.com';
    const booking = await bookAndPay(to);
    const subject = await waitForEmail(to, `/manage/${booking.callId}`);
    const { page, context, consoleErrors } = await site.open('desktop', '/_local/outbox');
    const email = page.locator('article', {
      has: page.getByRole('heading', { name: subject, exact: true }),
    });

    // The HTML part's button, inside the sandboxed frame.
    const fromButton = context.waitForEvent('page');
    await email
      .frameLocator('iframe')
      .getByRole('link', { name: 'Manage or cancel your booking' })
      .click();
    const managed = await fromButton;
    await managed.waitForURL(new RegExp(`/manage/${booking.callId}`));
    await managed.getByRole('heading', { name: 'Manage your booking' }).waitFor();
    await managed.close();

    // The text part's address is a link too.
    await email.getByText('Plain text').click();
    await saveScreenshot(page, 'local-outbox', 'desktop');
    const fromText = context.waitForEvent('page');
    await email
      .locator('pre')
      .getByRole('link', { name: new RegExp(`/manage/${booking.callId}`) })
      .click();
    const managedFromText = await fromText;
    await managedFromText.waitForURL(new RegExp(`/manage/${booking.callId}`));
    await managedFromText.getByRole('heading', { name: 'Manage your booking' }).waitFor();
    expect(consoleErrors).toEqual([]);
  });
});
