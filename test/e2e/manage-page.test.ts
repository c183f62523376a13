import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { formatCallTime } from '../../functions/core/date-format.ts';
import { formatMoney } from '../../functions/core/money-format.ts';
import type { Availability } from '../../functions/schemas/api/availability.ts';
import type { BookingView } from '../../functions/schemas/api/booking-view.ts';
import type { CreatedBooking } from '../../functions/schemas/api/create-booking.ts';
import type { SiteConfig } from '../../functions/schemas/api/site-config.ts';
import { testNumbers } from '../../local/elevenlabs/test-numbers.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { availabilityTimeoutMs, setupSite } from './support/site.ts';

/**
 * The manage page's time picker (closed by default, the booked time marked, short on a phone),
 * correcting the number and the child before the call, no way to the recording after an erase,
 * the status page's steps before the reminder is due, and a date outside the booking window.
 *
 * Santa may call at any hour here (CALLING_HOURS 00:00–24:00), so "call now" works whatever the
 * hour of the run; scheduled calls are booked for tomorrow, which is always wholly bookable.
 */
const site = setupSite({ env: { CALLING_HOURS_START: '00:00', CALLING_HOURS_END: '24:00' } });

const zone = 'America/New_York';
/** The phone width the picker's height is measured at. */
const narrow = { width: 375, height: 812 };

/**
 * The open picker's height at 375 px (zone, "when", day and times), for a whole day of times
 * (00:00–24:00 here, every 5 minutes), measured by these tests on 2026-12-01: before this
 * change (every hour's times at once, as the booking page still shows them) 7,472 px; the
 * manage page's picker now (part of day → hour → that hour's times) 1,108 px. The bound leaves
 * room for fonts and the festive restyle.
 */
const openPickerMaxPx = 1300;

function tomorrow(): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
  const day = new Date(`${today}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

async function availability(date: string): Promise<Availability> {
  const response = await fetch(
    `${site.url}/api/availability?date=${date}&timezone=${encodeURIComponent(zone)}`,
  );
  return (await response.json()) as Availability;
}

async function view(booking: CreatedBooking): Promise<BookingView> {
  const response = await fetch(`${site.url}/api/calls/${booking.callId}`, {
    headers: { authorization: `Bearer ${booking.accessToken}` },
  });
  return (await response.json()) as BookingView;
}

async function until(
  booking: CreatedBooking,
  what: string,
  ready: (view: BookingView) => boolean,
  timeoutMs = 20_000,
): Promise<BookingView> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const current = await view(booking);
    if (ready(current)) return current;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Timed out waiting for ${what}.`);
}

/** Books and pays through the API, as the wizard would. */
async function bookPaidCall(
  when: { scheduledAt: string } | { callNow: true; timezone: string },
  phoneNumber = '+14155552671',
  extra: Record<string, unknown> = {},
): Promise<CreatedBooking> {
  const response = await fetch(`${site.url}/api/calls`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      childName: 'Theo',
      childAge: 7,
      childInfoText: 'Loves trains.',
      phoneNumber,
      timezone: zone,
      parentEmail: 'parent@example.com',
      giftBudget: 40,
      purchaseRecording: false,
      consent: { ownsNumber: true, isGuardian: true, aiCall: true },
      ...when,
      ...extra,
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
  await until(created, 'the payment to be taken', (booking) => booking.paymentStatus === 'paid');
  return created;
}

const pickerHeight = (page: Page, selector: string) =>
  page.locator(selector).evaluate((element) => element.getBoundingClientRect().height);

describe('the manage page', () => {
  test('keeps the picker closed, marks the booked time, is short when open and moves the call', async () => {
    const times = (await availability(tomorrow())).times;
    const booked = times[150]?.startsAt ?? '';
    const booking = await bookPaidCall({ scheduledAt: booked });
    const watched = await site.open(
      'phone',
      `/manage/${booking.callId}#token=${booking.accessToken}`,
    );
    const { page } = watched;
    await page.setViewportSize(narrow);
    await page.getByRole('heading', { name: 'Manage your booking' }).waitFor();

    // Closed: the booked time first, no list of times.
    await page.getByTestId('booked-time').waitFor();
    expect(await page.getByTestId('booked-time').textContent()).toBe(
      (await view(booking)).schedule.localDisplay,
    );
    expect(await page.locator('.time-grid input[type="radio"]').count()).toBe(0);
    await saveScreenshot(page, 'manage-picker-closed', 'phone');

    await page.getByRole('button', { name: 'Change the time', exact: true }).click();
    await page.getByText(/times free/).waitFor({ timeout: availabilityTimeoutMs });
    // The booked time is marked, in its place, and is not a choice.
    const mark = page.locator('[aria-current="time"]');
    expect(await mark.count()).toBe(1);
    expect(await mark.textContent()).toContain('Booked');
    expect(await page.locator(`input[type="radio"][value="${booked}"]`).count()).toBe(0);
    // Short on a phone, with "Move the call" right under the times.
    const height = await pickerHeight(page, '#reschedule-form');
    await saveScreenshot(page, 'manage-picker-open', 'phone');
    expect(height).toBeLessThan(openPickerMaxPx);
    const gridBottom = await page
      .locator('.compact-grid')
      .evaluate((element) => element.getBoundingClientRect().bottom);
    const moveTop = await page
      .getByRole('button', { name: 'Move the call' })
      .evaluate((element) => element.getBoundingClientRect().top);
    expect(moveTop - gridBottom).toBeLessThan(120);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'manage-picker-open', 'phone');

    await page.locator('.time-grid input[type="radio"]').first().check();
    await page.getByRole('button', { name: 'Move the call' }).click();
    await page.getByText(/Done — Santa will now call on/).waitFor();
    expect(await page.getByRole('button', { name: 'Change the time', exact: true }).count()).toBe(
      1,
    );
    expect((await view(booking)).schedule.scheduledAt).not.toBe(booked);
    expect(watched.consoleErrors).toEqual([]);
  });

  test("the booking page's full list is the long one the manage page no longer shows", async () => {
    const watched = await site.open('phone', '/book');
    const { page } = watched;
    await page.setViewportSize(narrow);
    await page.getByRole('heading', { name: /Step 1 of 4/ }).waitFor();
    await page.getByLabel("Child's first name").fill('Mia');
    await page.getByLabel('Age', { exact: true }).fill('5');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: /Step 2 of 4/ }).waitFor();
    await page.getByLabel('At a time I choose').check();
    await page.getByRole('button', { name: 'Next day', exact: true }).click();
    await page.getByText(/times free/).waitFor({ timeout: availabilityTimeoutMs });
    // The measure of "before": the same day's times all at once are many screens long.
    const before = await pickerHeight(page, '.picker');
    expect(before).toBeGreaterThan(openPickerMaxPx * 3);
  });

  test('corrects the number and the child before the call', async () => {
    const booking = await bookPaidCall({
      scheduledAt: (await availability(tomorrow())).times[40]?.startsAt ?? '',
    });
    const watched = await site.open(
      'phone',
      `/manage/${booking.callId}#token=${booking.accessToken}`,
    );
    const { page } = watched;
    await page.getByRole('heading', { name: 'Correct the details' }).waitFor();
    expect(await page.getByLabel('Phone number Santa should call').inputValue()).toBe(
      '(415) 555-2671',
    );

    // A number in another country than the call's zone is refused next to the field.
    await page.getByLabel('Phone number Santa should call').fill('+44 7400 123456');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await page.getByText('This number is in the United Kingdom', { exact: false }).waitFor();
    expect(
      await page.getByLabel('Phone number Santa should call').getAttribute('aria-invalid'),
    ).toBe('true');

    // The budget is labelled and capped in the booking's currency, as in the wizard: it said
    // "Gift budget (USD)" with no limit, and a correction could raise it to $1,000,000.
    const budget = page.getByLabel('Gift budget ($)');
    expect(
      await page
        .getByText('So Santa never promises more than you plan to spend ($0 to $1,000).')
        .count(),
    ).toBe(1);
    await budget.fill('1000000');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await page.getByText('The gift budget is between $0 and $1,000.').waitFor();
    await budget.fill('40');

    // The number in national format, then its country (as a parent fixing the country would).
    await page.getByLabel('Phone number Santa should call').fill('415 555 0107');
    await page.getByLabel('Country').selectOption('US');
    await page.getByText('Santa will call +1 415 555 0107').waitFor();
    await page.getByLabel("Child's first name").fill('Theodore');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await page.getByText('Saved — Santa will call +1 415 555 0107 and ask for Theodore.').waitFor();
    const corrected = await view(booking);
    expect(corrected.details.phoneNumber).toBe(testNumbers.brief);
    expect(corrected.child.name).toBe('Theodore');
    await saveScreenshot(page, 'manage-details-corrected', 'phone');
    expect(watched.consoleErrors.filter((line) => !/status of 400/.test(line))).toEqual([]);
  });

  test('a date outside the booking window says which dates can be booked', async () => {
    const booking = await bookPaidCall({
      scheduledAt: (await availability(tomorrow())).times[60]?.startsAt ?? '',
    });
    const { window } = await availability(tomorrow());
    const watched = await site.open(
      'desktop',
      `/manage/${booking.callId}#token=${booking.accessToken}`,
    );
    const { page } = watched;
    await page.getByRole('button', { name: 'Change the time', exact: true }).click();
    await page.getByText(/times free/).waitFor({ timeout: availabilityTimeoutMs });
    const day = page.getByLabel('Day', { exact: true });
    expect(await day.getAttribute('min')).toBe(window.firstDate);
    expect(await day.getAttribute('max')).toBe(window.lastDate);

    const farAway = new Date(`${window.lastDate}T12:00:00Z`);
    farAway.setUTCDate(farAway.getUTCDate() + 30);
    await day.fill(farAway.toISOString().slice(0, 10));
    await page.getByText(/^We take calls from .+ to .+ — choose a date in that range\.$/).waitFor({
      timeout: availabilityTimeoutMs,
    });
    expect(await page.getByText('No times left on this day').count()).toBe(0);
    await saveScreenshot(page, 'manage-out-of-window', 'desktop');
    expect(watched.consoleErrors).toEqual([]);
  });
});

describe('the status page', () => {
  test('shows the reminder as upcoming, with its due time, before it is due', async () => {
    const booking = await bookPaidCall({
      scheduledAt: (await availability(tomorrow())).times[80]?.startsAt ?? '',
    });
    await until(booking, 'the call to be scheduled', (b) => b.callStatus === 'scheduled');
    const watched = await site.open(
      'phone',
      `/success/${booking.callId}#token=${booking.accessToken}`,
    );
    const { page } = watched;
    const reminder = page.locator('.milestone', { hasText: 'Reminder' });
    await reminder.waitFor();
    expect(await reminder.getAttribute('class')).toContain('milestone-upcoming');
    expect(await reminder.textContent()).toContain('due');
    expect(await page.getByText('Reminder sent').count()).toBe(0);
    // Nothing is "in progress": the next thing is only due.
    expect(await page.locator('.milestone-current').count()).toBe(0);
    await saveScreenshot(page, 'success-before-reminder', 'phone');
    expect(watched.consoleErrors).toEqual([]);
  });
});

describe('in Spanish', () => {
  test('the status and manage pages speak Spanish, with dates and money written for es-ES', async () => {
    const scheduledAt = (await availability(tomorrow())).times[100]?.startsAt ?? '';
    const booking = await bookPaidCall({ scheduledAt }, undefined, { locale: 'es-ES' });
    const booked = await until(
      booking,
      'the call to be scheduled',
      (b) => b.callStatus === 'scheduled',
    );
    const watched = await site.open(
      'desktop',
      `/success/${booking.callId}#token=${booking.accessToken}`,
      { locale: 'es-ES' },
    );
    const { page } = watched;

    await page.getByRole('heading', { level: 1, name: '¡Reserva hecha!' }).waitFor();
    await page.getByRole('heading', { name: 'Progreso' }).waitFor();
    await page.getByRole('heading', { name: 'Tu reserva' }).waitFor();
    const callTime = await page.getByTestId('call-time').innerText();
    const paid = await page
      .locator('.summary div', { hasText: 'Pagado' })
      .locator('dd')
      .innerText();
    const lead = await page.locator('.live-status').innerText();
    const reminder = await page.locator('.milestone', { hasText: 'recordatorio' }).innerText();
    const lang = await page.evaluate(() => document.documentElement.lang);
    expect(await seriousAxeViolations(page), 'axe on the Spanish status page').toEqual([]);
    await saveScreenshot(page, 'success-es', 'desktop');

    await page.getByRole('link', { name: 'Gestionar esta reserva' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gestiona tu reserva' }).waitFor();
    await page.getByRole('heading', { name: 'Cancelar la llamada' }).waitFor();
    const refund = await page.locator('#cancel-title + p').innerText();
    await page.getByRole('button', { name: 'Cambiar la hora' }).click();
    await page
      .getByRole('group', { name: 'Momento del día' })
      .waitFor({ timeout: availabilityTimeoutMs });
    expect(await seriousAxeViolations(page), 'axe on the Spanish manage page').toEqual([]);
    await saveScreenshot(page, 'manage-es', 'desktop');

    const when = formatCallTime(booked.schedule.scheduledAt, zone, 'es-ES');
    const amount = formatMoney(booked.amountCents, booked.currency, 'es-ES');
    // Spanish order and words: "jueves, 3 de diciembre de 2026, …"; a decimal comma.
    expect(when).toMatch(/\d{1,2} de [a-z]+ de \d{4}/);
    expect(amount).toMatch(/\d,\d{2}/);
    expect(callTime).toBe(`${when} (America/New York)`);
    expect(paid).toBe(amount);
    expect(lead).toBe(`¡Todo listo! Papá Noel llamará a Theo el ${when}.`);
    expect(reminder).toContain('Correo de recordatorio (una hora antes)');
    expect(refund).toBe(`Si cancelas ahora, te devolvemos los ${amount} completos.`);
    expect(lang).toBe('es');
    expect(watched.consoleErrors).toEqual([]);
  });
});

describe('Correct the details, several children', () => {
  test("has a field for each child's words and the notes for Santa, and the API takes what it sends by position", async () => {
    const twoChildren = {
      childName: undefined,
      childAge: undefined,
      childInfoText: undefined,
      children: [
        { name: 'Theo', age: 7, infoText: 'Loves trains.' },
        { name: 'Mia', age: 4, infoText: 'Has a cat.' },
      ],
      notesForSanta: { praise: 'Learned to swim', people: [{ relation: 'pet', name: 'Tom' }] },
    };
    const booking = await bookPaidCall(
      { scheduledAt: (await availability(tomorrow())).times[60]?.startsAt ?? '' },
      '+14155552671',
      twoChildren,
    );
    const watched = await site.open('phone', '/');
    const { page } = watched;
    const sent: unknown[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PATCH' && request.url().endsWith('/details')) {
        sent.push(request.postDataJSON());
      }
    });
    await page.goto(`/manage/${booking.callId}#token=${booking.accessToken}`);
    await page.getByRole('heading', { name: 'Correct the details' }).waitFor();
    const lead = await page.locator('main > p.lead').innerText();
    const theo = page.getByRole('group', { name: 'About Theo' });
    const mia = page.getByRole('group', { name: 'About Mia' });
    const theoWords = await theo.getByRole('textbox').inputValue();
    const miaWords = await mia.getByRole('textbox').inputValue();
    const praise = await page.getByLabel('Something to praise').inputValue();
    const nameFields = await page.getByLabel("Child's first name").count();
    expect(await seriousAxeViolations(page), 'axe on two children').toEqual([]);

    await mia.getByRole('textbox').fill('Has a cat called Tom.');
    await page.getByLabel('One gentle encouragement').fill('Brushing teeth');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await page.getByText('ask for Theo and Mia.', { exact: false }).waitFor();
    await saveScreenshot(page, 'manage-details-two-children', 'phone');
    // What the API stored, read back: each child's words by position, the notes replaced whole
    // with the people list kept.
    const stored = await view(booking);

    expect(lead).toContain('Santa will call Theo and Mia on');
    expect([theoWords, miaWords, praise]).toEqual([
      'Loves trains.',
      'Has a cat.',
      'Learned to swim',
    ]);
    expect(nameFields).toBe(0);
    expect(sent).toEqual([
      {
        children: [{ infoText: 'Loves trains.' }, { infoText: 'Has a cat called Tom.' }],
        notesForSanta: {
          praise: 'Learned to swim',
          encouragement: 'Brushing teeth',
          people: [{ relation: 'pet', name: 'Tom' }],
        },
      },
    ]);
    expect(stored.details.children).toEqual([
      { infoText: 'Loves trains.' },
      { infoText: 'Has a cat called Tom.' },
    ]);
    expect(stored.notesForSanta).toEqual({
      praise: 'Learned to swim',
      encouragement: 'Brushing teeth',
      people: [{ relation: 'pet', name: 'Tom' }],
    });
    expect(stored.children.map((child) => child.name)).toEqual(['Theo', 'Mia']);
    expect(watched.consoleErrors).toEqual([]);
  });
});

describe("a booking's language", () => {
  test("wins over the browser's for a visitor who never chose one, not over a choice", async () => {
    // A booking whose call is in Spanish, made from an English browser.
    const booking = await bookPaidCall({ callNow: true, timezone: zone }, undefined, {
      language: 'es',
    });
    const path = `/success/${booking.callId}#token=${booking.accessToken}`;
    const unchosen = await site.open('phone', '/');
    await unchosen.page.goto(path);
    await unchosen.page
      .getByRole('heading', { level: 1, name: /Reserva hecha|Papá Noel ya ha llamado/ })
      .waitFor();
    const storedAfter = await unchosen.page.evaluate(() =>
      localStorage.getItem('callsanta.language'),
    );

    const chose = await site.open('phone', '/');
    await chose.page.evaluate(() => localStorage.setItem('callsanta.language', 'en'));
    await chose.page.goto(path);
    await chose.page
      .getByRole('heading', { level: 1, name: /You're booked|Santa has called/ })
      .waitFor();
    await chose.page.getByRole('heading', { name: 'Progress' }).waitFor();

    // The switch is for this visit: nothing is remembered as if the visitor had chosen.
    expect(storedAfter).toBeNull();
    expect(unchosen.consoleErrors).toEqual([]);
    expect(chose.consoleErrors).toEqual([]);
  });
});

describe('after the child data is erased', () => {
  test('no page offers the call’s transcript or recording', async () => {
    const booking = await bookPaidCall({ callNow: true, timezone: zone }, testNumbers.brief);
    await until(booking, 'the call to be over', (b) => b.callStatus === 'completed', 90_000);
    const watched = await site.open(
      'phone',
      `/manage/${booking.callId}#token=${booking.accessToken}`,
    );
    const { page } = watched;
    await page.getByRole('link', { name: 'Read the transcript' }).waitFor();

    await page.getByRole('button', { name: "Delete my child's data…" }).click();
    await page.getByRole('button', { name: 'Yes, delete it all' }).click();
    await page.getByText("Done. We have deleted your child's details", { exact: false }).waitFor();
    expect(await page.locator('a[href*="/recording/"]').count()).toBe(0);
    expect((await view(booking)).dataErased).toBe(true);

    await page.getByRole('link', { name: 'See progress' }).click();
    await page.getByTestId('data-erased').waitFor();
    expect(await page.locator('a[href*="/recording/"]').count()).toBe(0);
    expect(await page.getByText('Listen to the call').count()).toBe(0);
    await saveScreenshot(page, 'success-erased', 'phone');
    expect(watched.consoleErrors).toEqual([]);
  });
});
