import type { Page, Request } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { Availability } from '../../functions/schemas/api/availability.ts';
import type { BookingView } from '../../functions/schemas/api/booking-view.ts';
import type { CreatedBooking } from '../../functions/schemas/api/create-booking.ts';
import type { SiteConfig } from '../../functions/schemas/api/site-config.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { type ViewportName, viewportNames, type WatchedPage } from './support/browser.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { availabilityTimeoutMs, setupSite } from './support/site.ts';

/**
 * Everything around the journey: validation next to fields (the schema's and the API's),
 * a full slot, reschedule, cancel with refund, deleting a child's data, wrong tokens, the
 * affiliate programme and attribution, and every page under axe at phone and desktop widths.
 * One place per 15-minute slot (1 line × 15 min / 15 min calls), so a slot can be filled.
 */
const site = setupSite({ env: { CALL_CONCURRENCY_LIMIT: '1', EXPECTED_CALL_MINUTES: '15' } });

const zone = 'America/New_York';
const adminKey = 'callsanta-local-admin';

/** A 4xx the page asked for on purpose: Chromium logs each as a console error. */
const expectedStatus = (status: number) =>
  new RegExp(`Failed to load resource: the server responded with a status of ${status}`);
const unexpected = (watched: WatchedPage, ...allowed: RegExp[]) =>
  watched.consoleErrors.filter((line) => !allowed.some((pattern) => pattern.test(line)));

/**
 * axe on the page (at phone width, the tighter layout; desktop pages are axe'd where a test
 * only runs there) and a screenshot at the page's width.
 */
async function checkPage(page: Page, name: string, viewport: ViewportName, axe = true) {
  if (axe) expect(await seriousAxeViolations(page), `axe on ${name} (${viewport})`).toEqual([]);
  await saveScreenshot(page, name, viewport);
}

/** Cumulative layout shift since the page loaded (shifts right after input excluded). */
async function layoutShift(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & {
            value: number;
            hadRecentInput: boolean;
          })[]) {
            if (!entry.hadRecentInput) total += entry.value;
          }
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(total), 300);
      }),
  );
}

function tomorrow(): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
  const day = new Date(`${today}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

async function freeTimes(date: string): Promise<Availability['times']> {
  const response = await fetch(
    `${site.url}/api/availability?date=${date}&timezone=${encodeURIComponent(zone)}`,
  );
  return ((await response.json()) as Availability).times;
}

/** Books and pays through the API, as the wizard would, and waits for the call to be armed. */
async function bookPaidCall(scheduledAt: string, childName = 'Theo'): Promise<CreatedBooking> {
  const response = await fetch(`${site.url}/api/calls`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      childName,
      childAge: 7,
      phoneNumber: '+14155552671',
      timezone: zone,
      scheduledAt,
      parentEmail: 'parent@example.com',
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
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const view = (await (
      await fetch(`${site.url}/api/calls/${created.callId}`, {
        headers: { authorization: `Bearer ${created.accessToken}` },
      })
    ).json()) as BookingView;
    if (view.callStatus === 'scheduled') return created;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('The booking was not scheduled after payment.');
}

/** Steps 1–3 of the wizard, with a time tomorrow (the `slot`-th free one). */
async function fillWizard(page: Page, slot = 0) {
  await page.getByRole('heading', { name: /Step 1 of 4/ }).waitFor();
  await page.getByLabel("Child's first name").fill('Mia');
  await page.getByLabel('Age', { exact: true }).fill('5');
  await page.getByLabel('What should Santa know?').fill('Loves unicorns and painting.');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: /Step 2 of 4/ }).waitFor();
  await page.getByLabel('Phone number Santa should call').fill('415 555 2671');
  await page.getByLabel('At a time I choose').check();
  await page.getByRole('button', { name: 'Next day', exact: true }).click();
  await page.getByText(/times free/).waitFor({ timeout: availabilityTimeoutMs });
  await page.locator('.time-grid input[type="radio"]').nth(slot).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: /Step 3 of 4/ }).waitFor();
  await page.getByLabel('Your email').fill('mia.parent@example.com');
  await page.getByLabel('Gift budget ($)').fill('30');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: /Step 4 of 4/ }).waitFor();
  await page.getByLabel('Add the recording of the call').uncheck();
  await page.getByLabel('I own this phone number, or may use it.').check();
  await page.getByLabel("I am the child's parent or guardian.").check();
  await page.getByLabel(/agree to an AI-voiced call/).check();
}

describe('booking wizard', () => {
  test('shows the schema’s and the API’s errors next to their fields, on their step', async () => {
    const watched = await site.open('phone', '/book');
    const { page } = watched;
    await page.getByRole('heading', { name: /Step 1 of 4/ }).waitFor();
    await page.getByLabel('Age', { exact: true }).fill('21');
    await page.getByRole('button', { name: 'Continue' }).click();
    const name = page.getByLabel("Child's first name");
    await page.getByText("Enter the child's name.").waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await name.getAttribute('aria-describedby')).toContain('child-name-error');
    await page.getByText('Santa calls children aged 1 to 17.').waitFor();
    // Focus goes to the first field to fix.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('child-name');
    await checkPage(page, 'book-errors', 'phone');
    await name.fill('Mia');
    await page.getByLabel('Age', { exact: true }).fill('5');
    await page.getByRole('button', { name: 'Continue' }).click();

    // Step 2 needs a number and a time; the number is checked live.
    await page.getByRole('heading', { name: /Step 2 of 4/ }).waitFor();
    await page.getByLabel('Phone number Santa should call').fill('415 555');
    await page.getByText('Keep typing — this is not a complete number yet.').waitFor();
    await page.getByLabel('At a time I choose').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText(/Enter a valid phone number/).waitFor();
    await page.getByText('Choose when Santa should call, or "call now".').waitFor();
    await checkPage(page, 'book-step-2-errors', 'phone');
    await page.getByLabel('Phone number Santa should call').fill('415 555 2671');
    await page.getByRole('button', { name: 'Next day', exact: true }).click();
    await page.getByText(/times free/).waitFor({ timeout: availabilityTimeoutMs });
    await page.locator('.time-grid input[type="radio"]').first().check();
    await page.getByRole('button', { name: 'Continue' }).click();

    // Step 3: the schema's messages.
    await page.getByRole('heading', { name: /Step 3 of 4/ }).waitFor();
    await page.getByLabel('Your email').fill('not-an-email');
    await page.getByLabel('Gift budget ($)').fill('5000');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('Enter a valid email address.').waitFor();
    await page.getByText('The gift budget is between $0 and $1,000.').waitFor();
    await checkPage(page, 'book-step-3-errors', 'phone');
    await page.getByLabel('Your email').fill('bounce@example.com');
    await page.getByLabel('Gift budget ($)').fill('25');
    await page.getByRole('button', { name: 'Continue' }).click();

    // Step 4: consent is required; then an API field error takes the parent back to its step.
    await page.getByRole('heading', { name: /Step 4 of 4/ }).waitFor();
    await page.getByLabel('Add the recording of the call').check();
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.getByText('Confirm that you own or may use this phone number.').waitFor();
    await page.getByText('Agree to the call being recorded, or leave the recording out.').waitFor();
    await page.getByLabel('I own this phone number, or may use it.').check();
    await page.getByLabel("I am the child's parent or guardian.").check();
    await page.getByLabel(/agree to an AI-voiced call/).check();
    await page.getByLabel(/agree to the call being recorded/).check();
    await page.route('**/api/calls', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({
          error: {
            code: 'validation_failed',
            message: 'The booking is not valid.',
            fields: { parentEmail: 'We cannot send email to that address.' },
          },
        }),
      }),
    );
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.getByRole('heading', { name: /Step 3 of 4/ }).waitFor();
    await page.getByText('We cannot send email to that address.').waitFor();
    expect(await page.getByLabel('Your email').getAttribute('aria-invalid')).toBe('true');

    expect(unexpected(watched, expectedStatus(400))).toEqual([]);
    expect(watched.offMachineRequests).toEqual([]);
  });

  test('the zone follows the number; refused numbers and the calling-hours choice', async () => {
    const watched = await site.open('phone', '/book');
    const { page } = watched;
    await page.getByRole('heading', { name: /Step 1 of 4/ }).waitFor();
    await page.getByLabel("Child's first name").fill('Mia');
    await page.getByLabel('Age', { exact: true }).fill('5');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: /Step 2 of 4/ }).waitFor();
    const zone = page.getByLabel(/Time zone/);
    expect(await zone.getAttribute('data-zone')).toBe('America/New_York');
    /** The zones the picker offers, as labelled ("London — United Kingdom (GMT+0)"). */
    const offered = async () => {
      await zone.click();
      const labels = await page
        .getByRole('listbox', { name: 'Matching zones' })
        .getByRole('option')
        .allTextContents();
      await zone.press('Escape');
      return labels;
    };

    // A UK mobile: the zone becomes London's, the only one offered.
    await page.getByLabel('Phone number Santa should call').fill('+44 7400 123456');
    await page.getByText('Time zone set to Europe/London, where this number is.').waitFor();
    expect(await zone.getAttribute('data-zone')).toBe('Europe/London');
    const londonOnly = await offered();
    expect(londonOnly).toHaveLength(1);
    expect(londonOnly[0]).toMatch(/^London — United Kingdom \(GMT\+[01]\)$/);
    // London's times have loaded (late in the UK evening today has none left).
    // Wait for the answer whatever it is, so a failed load fails here with its own message.
    const dayStatus = page.locator('fieldset.times p.status');
    await expect
      .poll(() => dayStatus.textContent(), { timeout: availabilityTimeoutMs })
      .not.toMatch(/^Loading|^$/);
    expect(await dayStatus.textContent()).toMatch(
      /times free, shown on the Europe \/ London clock|No times left on this day/,
    );

    // A US number: only US zones, New York kept... once the country has several, the nearest.
    await page.getByLabel('Phone number Santa should call').fill('+1 415 555 2671');
    await page.getByText(/Time zone set to America\/New York\. Choose another/).waitFor();
    const usZones = await offered();
    expect(usZones.some((label) => label.startsWith('Los Angeles — United States'))).toBe(true);
    expect(usZones.some((label) => label.startsWith('London'))).toBe(false);

    // A premium-rate number is refused next to the field, by the full metadata.
    await page.getByLabel('Phone number Santa should call').fill('+1 900 555 0123');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('Santa cannot call premium-rate numbers', { exact: false }).waitFor();
    expect(
      await page.getByLabel('Phone number Santa should call').getAttribute('aria-invalid'),
    ).toBe('true');
    await page.getByLabel('Phone number Santa should call').fill('+1 415 555 2671');

    // The calling-hours choice, then the summary says it.
    const wait = page.getByLabel(
      'If Santa cannot get through before calling hours end, try again when they open next',
    );
    expect(await wait.isChecked()).toBe(false);
    await wait.check();
    await page.getByLabel('At a time I choose').check();
    await page.getByRole('button', { name: 'Next day', exact: true }).click();
    await page.getByText(/times free/).waitFor({ timeout: availabilityTimeoutMs });
    await page.locator('.time-grid input[type="radio"]').first().check();
    await checkPage(page, 'book-step-2-wait', 'phone');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: /Step 3 of 4/ }).waitFor();
    await page.getByLabel('Your email').fill('mia.parent@example.com');
    await page.getByLabel('Gift budget ($)').fill('30');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: /Step 4 of 4/ }).waitFor();
    await page
      .getByText('If Santa cannot get through before calling hours end, he tries again', {
        exact: false,
      })
      .waitFor();
    await page.getByLabel('Add the recording of the call').uncheck();
    await page.getByLabel('I own this phone number, or may use it.').check();
    await page.getByLabel("I am the child's parent or guardian.").check();
    await page.getByLabel(/agree to an AI-voiced call/).check();
    const booked = page.waitForRequest(
      (request: Request) => request.url().endsWith('/api/calls') && request.method() === 'POST',
    );
    await page.getByRole('button', { name: 'Pay $9.99' }).click();
    const body = (await booked).postDataJSON() as {
      waitForCallingHours?: boolean;
      timezone?: string;
    };
    expect(body).toMatchObject({ waitForCallingHours: true, timezone: 'America/New_York' });
    await page.waitForURL(/\/success\//);
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.offMachineRequests).toEqual([]);
  });

  test('step 1 works with the keyboard alone, with a visible focus', async () => {
    const watched = await site.open('desktop', '/book');
    const { page } = watched;
    await page.getByRole('heading', { name: /Step 1 of 4/ }).waitFor();
    const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
    const tabTo = async (id: string) => {
      for (let presses = 0; presses < 15 && (await focusedId()) !== id; presses++) {
        await page.keyboard.press('Tab');
      }
      expect(await focusedId()).toBe(id);
    };
    await tabTo('child-name');
    await page.keyboard.type('Noor');
    await page.keyboard.press('Tab');
    await page.keyboard.type('4');
    // The gender chips are one radio group: Tab in, arrows move, the focus ring shows.
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight');
    expect(await page.getByLabel('Boy', { exact: true }).isChecked()).toBe(true);
    const ring = await page.evaluate(() => {
      const chip = document.activeElement?.nextElementSibling;
      return chip ? getComputedStyle(chip).outlineStyle : 'none';
    });
    expect(ring).toBe('solid');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Loves trains.');
    for (let presses = 0; presses < 5; presses++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Continue') break;
    }
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Step 2 of 4/ }).waitFor();
    // Focus moves to the new step's heading, so screen readers announce it.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
    expect(watched.consoleErrors).toEqual([]);
  });

  test('a slot taken while paying offers the nearest free times', async () => {
    const watched = await site.open('desktop', '/book');
    const { page } = watched;
    await fillWizard(page, 2);
    // Someone else takes the last place at that time before this parent pays.
    const chosen = (await freeTimes(tomorrow()))[2]?.startsAt ?? '';
    await bookPaidCall(chosen, 'Sam');
    await page.getByRole('button', { name: 'Pay $9.99' }).click();
    await page.getByText('Santa is fully booked at that time.', { exact: false }).waitFor();
    await checkPage(page, 'book-slot-full', 'desktop');
    await page.locator('.notice-warning button').first().click();
    await page.getByText(/Call time changed to/).waitFor();
    await page.getByRole('button', { name: 'Pay $9.99' }).click();
    await page.waitForURL(/\/success\/[0-9A-Z]{26}$/);
    await page.getByText('All set! Santa will call Mia on', { exact: false }).waitFor();
    await checkPage(page, 'success-scheduled', 'desktop');
    expect(unexpected(watched, expectedStatus(409))).toEqual([]);
  });
});

describe('managing a booking from the email link', () => {
  test('reschedule, refuse to erase a coming call, cancel with refund, then erase', async () => {
    const times = await freeTimes(tomorrow());
    const booking = await bookPaidCall(times[4]?.startsAt ?? '');
    const watched = await site.open(
      'phone',
      `/manage/${booking.callId}#token=${booking.accessToken}`,
    );
    const { page } = watched;
    await page.getByRole('heading', { name: 'Manage your booking' }).waitFor();
    await page.getByText(/All set! Santa will call Theo/).waitFor();
    // The token stays in the address bar, so a bookmark of this page opens it again.
    expect(new URL(page.url()).hash).toBe(`#token=${booking.accessToken}`);
    await page.getByRole('button', { name: 'Change the time', exact: true }).click();
    await page.getByText(/times free/).waitFor({ timeout: availabilityTimeoutMs });
    await checkPage(page, 'manage-reschedule', 'phone');

    const before = await page.getByTestId('call-time').textContent();
    await page.getByRole('button', { name: 'Next day', exact: true }).click();
    await page.getByText(/times free/).waitFor({ timeout: availabilityTimeoutMs });
    await page.locator('.time-grid input[type="radio"]').nth(4).check();
    await page.getByRole('button', { name: 'Move the call' }).click();
    await page.getByText(/Done — Santa will now call on/).waitFor();
    expect(await page.getByTestId('call-time').textContent()).not.toBe(before);

    await page.getByRole('button', { name: "Delete my child's data…" }).click();
    await page.getByRole('button', { name: 'Yes, delete it all' }).click();
    await page.getByText('Santa still has this call to make.', { exact: false }).waitFor();

    await page.getByRole('button', { name: 'Cancel the call…' }).click();
    await page.getByRole('button', { name: 'Yes, cancel the call' }).click();
    await page.getByText('Cancelled. We have refunded $9.99', { exact: false }).waitFor();
    await page.getByText('This call was cancelled and refunded.').waitFor();
    expect(await page.getByRole('button', { name: 'Move the call' }).count()).toBe(0);

    await page.getByRole('button', { name: "Delete my child's data…" }).click();
    await page.getByRole('button', { name: 'Yes, delete it all' }).click();
    await page.getByText("Done. We have deleted your child's details", { exact: false }).waitFor();
    await checkPage(page, 'manage-cancelled', 'phone');
    expect(unexpected(watched, expectedStatus(409))).toEqual([]);
  });

  test('a wrong token is a friendly not-found', async () => {
    const booking = await bookPaidCall((await freeTimes(tomorrow()))[6]?.startsAt ?? '');
    const watched = await site.open('phone', `/manage/${booking.callId}#token=wrong`);
    for (const path of ['manage', 'recording', 'success']) {
      if (path !== 'manage') await watched.page.goto(`/${path}/${booking.callId}#token=wrong`);
      await watched.page.getByRole('heading', { name: "We couldn't find that" }).waitFor();
      await watched.page.getByText('This booking link does not work.', { exact: false }).waitFor();
    }
    await checkPage(watched.page, 'not-found-booking', 'phone');
    expect(unexpected(watched, expectedStatus(404))).toEqual([]);
  });

  test.for(viewportNames)(
    'the manage and recording pages before the call (%s)',
    async (viewport) => {
      const booking = await bookPaidCall((await freeTimes(tomorrow()))[12]?.startsAt ?? '');
      const watched = await site.open(
        viewport,
        `/recording/${booking.callId}#token=${booking.accessToken}`,
      );
      const { page } = watched;
      await page.getByRole('heading', { name: 'Not ready yet' }).waitFor();
      await checkPage(page, 'recording-not-ready', viewport, viewport === 'phone');
      // The token is kept for this tab: the manage page opens without the fragment.
      await page.getByRole('link', { name: 'See progress' }).click();
      await page.getByRole('link', { name: 'Manage this booking' }).click();
      await page.getByRole('heading', { name: 'Manage your booking' }).waitFor();
      await page.getByRole('button', { name: 'Change the time', exact: true }).click();
      await page.getByText(/times free/).waitFor({ timeout: availabilityTimeoutMs });
      await checkPage(page, 'manage', viewport, viewport === 'phone');
      expect(watched.consoleErrors).toEqual([]);
    },
  );
});

describe('affiliates', () => {
  test('a creator signs up with a live slug check; their link attributes a booking', async () => {
    const join = await site.open('desktop', '/affiliate/join');
    const { page } = join;
    await page.getByLabel('Your name (shown on your page)').fill('Jolly Jen');
    await page.getByLabel('Your email').fill('jen@example.com');
    await page.getByLabel('Your page name').fill('santa');
    await page.getByText('That name belongs to CallSanta itself.', { exact: false }).waitFor();
    await page.getByLabel('Your page name').fill('jolly-jen');
    await page.getByText('✓ callsanta.com/jolly-jen is free').waitFor();
    await checkPage(page, 'affiliate-join', 'desktop');
    await page.getByRole('button', { name: 'Create my page' }).click();
    await page.getByRole('heading', { name: 'Your page is live!' }).waitFor();
    expect(join.consoleErrors).toEqual([]);

    // A parent first arrives from a newsletter with another creator's code, then through
    // Jen's page: the last click wins, the campaign is kept.
    const parent = await site.open('phone', '/?aff=someone-else&utm_source=newsletter');
    await parent.page.getByText('all systems go').waitFor();
    await parent.page.goto('/jolly-jen');
    await parent.page.getByText('Jolly Jen sent you — welcome!', { exact: false }).waitFor();
    await checkPage(parent.page, 'affiliate-landing', 'phone');
    await parent.page.getByRole('main').getByRole('link', { name: 'Book a call' }).click();
    await fillWizard(parent.page, 10);
    const booked = parent.page.waitForRequest(
      (request: Request) => request.url().endsWith('/api/calls') && request.method() === 'POST',
    );
    await parent.page.getByRole('button', { name: 'Pay $9.99' }).click();
    const body = (await booked).postDataJSON() as { affiliateCode?: string; utmSource?: string };
    expect(body.affiliateCode).toBe('jolly-jen');
    expect(body.utmSource).toBe('newsletter');
    await parent.page.waitForURL(/\/success\//);

    const today = new Date().toISOString().slice(0, 10);
    const report = (await (
      await fetch(`${site.url}/api/admin/affiliates/report?from=${today}&to=${today}`, {
        headers: { 'x-callsanta-admin-key': adminKey },
      })
    ).json()) as unknown;
    expect(JSON.stringify(report)).toContain('jolly-jen');
    expect(parent.consoleErrors).toEqual([]);
  });

  test('an unknown creator page is not found', async () => {
    const watched = await site.open('phone', '/no-such-creator');
    await watched.page.getByRole('heading', { name: "We couldn't find that" }).waitFor();
    expect(unexpected(watched, expectedStatus(404))).toEqual([]);
  });
});

describe('every other page passes axe at both widths', () => {
  test.for(viewportNames)('privacy, terms, book and not-found at %s width', async (viewport) => {
    // The landing page: the price and the service status arrive without moving anything.
    const watched = await site.open(viewport, '/');
    await watched.page.getByText('all systems go').waitFor();
    await watched.page.getByText('for one call').waitFor();
    expect(await layoutShift(watched.page), 'layout shift on /').toBeLessThan(0.1);
    await watched.page.goto('/privacy');
    for (const [path, name, heading] of [
      ['/privacy', 'privacy', 'Privacy'],
      ['/terms', 'terms', 'Terms of service'],
      ['/book', 'book-step-1-empty', 'Book a call from Santa'],
      ['/a/b/c', 'not-found', "We couldn't find that"],
    ] as const) {
      if (path !== '/privacy') await watched.page.goto(path);
      await watched.page.getByRole('heading', { level: 1, name: heading }).waitFor();
      expect(await layoutShift(watched.page), `layout shift on ${path}`).toBeLessThan(0.1);
      await checkPage(watched.page, name, viewport, viewport === 'phone');
    }
    expect(watched.consoleErrors).toEqual([]);
  });
});
