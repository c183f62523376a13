import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { localResourceNames } from '../../local/config.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { availabilityTimeoutMs, setupSite } from './support/site.ts';

/**
 * Money and dates as a parent sees them: a yen price list shown as yen on every page (1500 is
 * ¥1,500, not ¥15), and a UK browser seeing pounds and the same date on the site as in its
 * email. Calling hours cover the whole day, so "call now" and tomorrow's times are offered
 * whenever the test runs.
 */
const site = setupSite({
  timeScale: 60,
  env: { CALLING_HOURS_START: '00:00', CALLING_HOURS_END: '24:00' },
});

interface OutboxEmail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/**
 * Writes the active price list into the local table, as `PricingEntity` stores it (with
 * dynamodb-toolbox's entity name and timestamps), and checks the API reads it.
 */
async function setPriceList(item: Record<string, unknown>): Promise<void> {
  const now = new Date().toISOString();
  await DynamoDBDocumentClient.from(new DynamoDBClient({})).send(
    new PutCommand({
      TableName: localResourceNames.table,
      Item: {
        pk: 'PRICING',
        sk: 'ACTIVE',
        entity: 'Pricing',
        id: 'ACTIVE',
        _ct: now,
        _md: now,
        ...item,
      },
    }),
  );
  const answer = await fetch(`${site.url}/api/pricing`);
  expect(answer.status, await answer.clone().text()).toBe(200);
  expect(await answer.json()).toMatchObject({ currency: item.currency });
}

async function emailTo(address: string, subject: RegExp): Promise<OutboxEmail> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const emails = (await (
      await fetch(`${site.url}/_local/outbox?format=json`)
    ).json()) as OutboxEmail[];
    const found = emails.find((email) => email.to === address && subject.test(email.subject));
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`No email "${subject}" to ${address} arrived.`);
}

async function checkPage(page: Page, name: string) {
  expect(await seriousAxeViolations(page), `axe on ${name}`).toEqual([]);
  await saveScreenshot(page, name, 'phone');
}

async function consentAndPay(page: Page, amount: string) {
  await page.getByLabel('I own this phone number, or may use it.').check();
  await page.getByLabel("I am the child's parent or guardian.").check();
  await page.getByLabel(/agree to an AI-voiced call/).check();
  await page.getByText('Test payment (local emulator)').waitFor();
  await page.getByLabel(/4242 — payment succeeds/).check();
  await page.getByRole('button', { name: `Pay ${amount}` }).click();
  await page.waitForURL(/\/success\/[0-9A-Z]{26}$/);
}

describe('money and dates', () => {
  test('a yen price list (stored in the one-currency shape) shows yen on every page and in the email', async () => {
    await setPriceList({ baseCents: 1500, recordingCents: 450, currency: 'jpy' });
    const { page, consoleErrors } = await site.open('phone', '/');

    // Landing: 1500 is ¥1,500 — the site used to divide by 100 and say ¥15.
    const price = page.locator('.price-line');
    await price.getByText('¥1,500').waitFor();
    expect(await price.textContent()).toContain('¥450');
    expect(await price.textContent()).not.toMatch(/¥15(?!\d|,)/);
    await checkPage(page, 'yen-landing');
    await page.getByRole('main').getByRole('link', { name: 'Book a call' }).click();

    await page.getByRole('heading', { name: /Step 1 of 4/ }).waitFor();
    await page.getByLabel("Child's first name").fill('Yui');
    await page.getByLabel('Age', { exact: true }).fill('6');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: /Step 2 of 4/ }).waitFor();
    await page.getByLabel('Phone number Santa should call').fill('415 555 0107');
    await page.getByText('Santa will call +1 415 555 0107').waitFor();
    // Today's list has loaded (late in the New York evening it may be empty; "call now" is enough).
    await page.getByText(/times free|No times left/).waitFor({ timeout: availabilityTimeoutMs });
    await page.getByLabel('Call right now').check();
    await page.getByRole('button', { name: 'Continue' }).click();

    // The gift budget is in yen, with a yen-sized limit: 5,000 yen is fine, 200,000 is not.
    await page.getByRole('heading', { name: /Step 3 of 4/ }).waitFor();
    await page.getByLabel('Your email').fill('yen.parent@example.com');
    const budget = page.getByLabel('Gift budget (¥)');
    await budget.fill('200000');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('The gift budget is between ¥0 and ¥150,000.').waitFor();
    await budget.fill('5000');
    await page.getByRole('button', { name: 'Continue' }).click();

    // Review: the add-on and the total in yen.
    await page.getByRole('heading', { name: /Step 4 of 4/ }).waitFor();
    await page.getByText('gift budget ¥5,000').waitFor();
    await page.getByText('Add the recording of the call (+¥450)').waitFor();
    const recording = page.getByLabel('Add the recording of the call');
    await recording.check();
    await page.getByText('Total: ¥1,950').waitFor();
    await recording.uncheck();
    await page.getByText('Total: ¥1,500').waitFor();
    await checkPage(page, 'yen-review');
    await consentAndPay(page, '¥1,500');

    // Status page: what was paid, in yen.
    await page.getByRole('heading', { name: "You're booked!" }).waitFor();
    const summary = page.locator('dl.summary');
    await summary.getByText('¥1,500', { exact: false }).waitFor();
    expect(await summary.textContent()).not.toMatch(/¥15(?!\d|,)/);
    await checkPage(page, 'yen-status');

    // Stripe (the emulator) was asked for 1500 yen; the email says the same.
    const email = await emailTo('yen.parent@example.com', /^Santa will call Yui/);
    expect(email.text).toContain('¥1,500');
    expect(consoleErrors).toEqual([]);
  });

  test('an en-GB browser sees pounds, and the same date on the status page as in its email', async () => {
    const usd = { currency: 'usd', baseCents: 999, recordingCents: 299 };
    await setPriceList({
      ...usd,
      prices: [
        usd,
        { currency: 'gbp', baseCents: 899, recordingCents: 249 },
        { currency: 'eur', baseCents: 999, recordingCents: 299 },
        { currency: 'jpy', baseCents: 1500, recordingCents: 450 },
      ],
    });
    const { page, consoleErrors } = await site.open('phone', '/', {
      locale: 'en-GB',
      timezoneId: 'Europe/London',
    });

    await page.locator('.price-line').getByText('£8.99').waitFor();
    expect(await page.locator('.price-line').textContent()).not.toContain('$');
    await checkPage(page, 'en-gb-landing');
    const desktop = await site.open('desktop', '/', {
      locale: 'en-GB',
      timezoneId: 'Europe/London',
    });
    await desktop.page.locator('.price-line').getByText('£8.99').waitFor();
    await saveScreenshot(desktop.page, 'en-gb-landing', 'desktop');
    expect(desktop.consoleErrors).toEqual([]);
    await page.getByRole('main').getByRole('link', { name: 'Book a call' }).click();

    await page.getByRole('heading', { name: /Step 1 of 4/ }).waitFor();
    await page.getByLabel("Child's first name").fill('Olive');
    await page.getByLabel('Age', { exact: true }).fill('7');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: /Step 2 of 4/ }).waitFor();
    await page.getByLabel('Phone number Santa should call').fill('+44 20 7946 0018');
    await page.getByText('Santa will call +44 20 7946 0018').waitFor();
    await page.getByLabel('At a time I choose').check();
    await page.getByRole('button', { name: 'Next day', exact: true }).click();
    await page.getByText(/times free/).waitFor({ timeout: availabilityTimeoutMs });
    // The day's first time (00:00, calling hours cover the whole day) is written as every other
    // page writes it: "00:00" under a row labelled "00", not "0:00" under "00:00".
    const firstTime = page.locator('.time-grid label').first();
    const chosen = ((await firstTime.textContent()) ?? '').trim();
    expect(chosen).toMatch(/^\d{2}:\d{2}$/);
    expect(await page.locator('.time-hour-label').first().textContent()).toBe(chosen.slice(0, 2));
    await firstTime.locator('input').check();
    await page.getByRole('button', { name: 'Continue' }).click();

    // Pounds preselected from the region; the parent may choose another of the list's currencies.
    await page.getByRole('heading', { name: /Step 3 of 4/ }).waitFor();
    expect(await page.getByLabel('Currency').inputValue()).toBe('gbp');
    await page.getByLabel('Currency').selectOption('eur');
    await page.getByLabel('Gift budget (€)').waitFor();
    await page.getByLabel('Currency').selectOption('gbp');
    await page.getByLabel('Your email').fill('uk.parent@example.com');
    await page.getByLabel('Gift budget (£)').fill('40');
    await checkPage(page, 'en-gb-step-3');
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('heading', { name: /Step 4 of 4/ }).waitFor();
    await page.getByText('gift budget £40').waitFor();
    await page.getByLabel('Add the recording of the call').uncheck();
    await page.getByText('Total: £8.99').waitFor();
    await consentAndPay(page, '£8.99');

    await page.getByRole('heading', { name: "You're booked!" }).waitFor();
    const callTime = (await page.getByTestId('call-time').textContent()) ?? '';
    await page.locator('dl.summary').getByText('£8.99', { exact: false }).waitFor();
    expect(callTime).toContain(` at ${chosen} Greenwich Mean Time`);
    // The progress list's "due" time reads the same as the booking's time.
    expect(await page.getByRole('list', { name: 'Progress' }).textContent()).toContain(
      `, ${chosen}`,
    );
    await checkPage(page, 'en-gb-status');

    // The email is written in the locale the site sent: the same words for the same time.
    const email = await emailTo('uk.parent@example.com', /^Santa will call Olive/);
    const emailed = email.text.match(/Santa will call Olive on (.+?)\./)?.[1] ?? '';
    expect(emailed).toMatch(/^\w+day, \d{1,2} \w+ \d{4} at \d{2}:\d{2} Greenwich Mean Time$/);
    expect(callTime).toContain(emailed);
    expect(email.text).toContain('£8.99');
    expect(consoleErrors).toEqual([]);
  });
});
