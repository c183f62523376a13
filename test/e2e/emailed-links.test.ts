import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { Outbox, type OutboxMessage } from '../../local/ses/outbox.ts';
import {
  bookingWhere,
  type CreatedBooking,
  createBooking,
  payWithCard,
  postJson,
  tomorrowAt,
} from '../integration/support/booking-api.ts';
import { eventually } from '../integration/support/local-cloud.ts';
import { openWatchedPage } from './support/browser.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { setupSite } from './support/site.ts';

/**
 * Every link in every email a parent gets opens its page in a browser that has never seen the
 * site (a new device, a private window), and again from a bookmark made after the page loaded;
 * the status page's "Add to calendar" downloads the same event the emails attach. A minute of
 * booking time passes in a second; Santa may call the emulator's test number at any hour here.
 */
const site = setupSite({
  timeScale: 60,
  env: {
    EXPECTED_CALL_MINUTES: '1',
    CALLING_HOURS_START: '00:00',
    CALLING_HOURS_END: '24:00',
  },
});

const notFound = "We couldn't find that";

async function emailsTo(parentEmail: string): Promise<OutboxMessage[]> {
  const all = await new Outbox(join(site.cloud.config.dataDir, 'outbox')).list();
  return all.filter((email) => email.to === parentEmail);
}

/** The links into the site in an email's HTML (its buttons and links), each once. */
function siteLinks(email: OutboxMessage): string[] {
  const hrefs = [...email.html.matchAll(/href="([^"]+)"/g)].map((match) =>
    (match[1] ?? '').replaceAll('&amp;', '&'),
  );
  return [...new Set(hrefs.filter((href) => href.startsWith(site.url)))];
}

/** What each page shows once it found the booking. */
function expectedHeading(link: string): RegExp {
  const path = new URL(link).pathname;
  if (path.startsWith('/manage/')) return /^Manage your booking$/;
  if (path.startsWith('/success/')) return /^(You're booked!|Santa has called!)$/;
  if (path.startsWith('/recording/')) return /^Santa's call with Ada$/;
  if (path === '/book') return /.+/;
  throw new Error(`An email links to a page this test does not know: ${path}`);
}

/** Waits until the page has loaded the booking (or says it cannot) and returns its h1. */
async function pageHeading(page: Page): Promise<string> {
  const heading = page.getByRole('heading', { level: 1 });
  await page.waitForFunction(() => {
    const text = document.querySelector('h1')?.textContent ?? '';
    const lead = document.querySelector('.lead')?.textContent ?? '';
    return text !== '' && !/^Loading/.test(lead);
  });
  return (await heading.textContent()) ?? '';
}

/**
 * Opens `link` in a fresh browser (empty storage), then the address it ended on — what a
 * bookmark keeps — reloaded in that browser and opened in another fresh one.
 */
async function opensEverywhere(link: string, screenshot?: string): Promise<void> {
  const first = await openWatchedPage(site.browser, 'phone', { baseURL: site.url });
  await first.page.goto(link);
  const heading = await pageHeading(first.page);
  expect(heading, `${link} in a new browser`).not.toBe(notFound);
  expect(heading).toMatch(expectedHeading(link));
  if (screenshot) await saveScreenshot(first.page, screenshot, 'phone');

  const bookmark = first.page.url();
  await first.page.reload();
  expect(await pageHeading(first.page), `${bookmark} reloaded`).toMatch(expectedHeading(link));

  const other = await openWatchedPage(site.browser, 'desktop', { baseURL: site.url });
  await other.page.goto(bookmark);
  expect(await pageHeading(other.page), `${bookmark} bookmarked, opened elsewhere`).toMatch(
    expectedHeading(link),
  );
  expect(first.consoleErrors).toEqual([]);
  expect(other.consoleErrors).toEqual([]);
}

async function paidCallTomorrow(parentEmail: string): Promise<CreatedBooking> {
  const booking = await createBooking(site.cloud, {
    parentEmail,
    childName: 'Ada',
    scheduledAt: tomorrowAt(17, 35),
    timezone: 'America/Los_Angeles',
    phoneNumber: '+14155552671',
  });
  await payWithCard(site.cloud, booking);
  await eventually('the confirmation email', async () =>
    (await emailsTo(parentEmail)).find((email) => email.subject.startsWith('Santa will call')),
  );
  return booking;
}

describe('links in emails', () => {
  test('the confirmation and "moved" emails open the manage and status pages anywhere, and a bare address in the same browser', async () => {
    const parentEmail = 'links-scheduled@example.com';
    const booking = await paidCallTomorrow(parentEmail);
    const moved = await postJson(
      site.cloud,
      `/api/calls/${booking.callId}`,
      { scheduledAt: tomorrowAt(18, 35) },
      { authorization: `Bearer ${booking.accessToken}` },
      'PATCH',
    );
    expect(moved.status).toBe(200);
    const emails = await eventually('the moved email', async () => {
      const sent = await emailsTo(parentEmail);
      return sent.some((email) => email.subject.startsWith('Your call is moved'))
        ? sent
        : undefined;
    });

    const links = emails.flatMap(siteLinks);
    const paths = new Set(links.map((link) => new URL(link).pathname));
    expect(paths).toEqual(new Set([`/manage/${booking.callId}`, `/success/${booking.callId}`]));
    for (const link of new Set(links)) await opensEverywhere(link);

    // A page reached without the token (a link between pages, an old bookmark) in a browser
    // that opened an emailed link before finds the booking, and puts the token back.
    const known = await openWatchedPage(site.browser, 'phone', { baseURL: site.url });
    await known.page.goto(`/manage/${booking.callId}#token=${booking.accessToken}`);
    await pageHeading(known.page);
    await known.page.goto(`/success/${booking.callId}`);
    expect(await pageHeading(known.page)).toBe("You're booked!");
    expect(new URL(known.page.url()).hash).toBe(`#token=${booking.accessToken}`);
    expect(known.consoleErrors).toEqual([]);
  });

  test('the transcript email opens the recording page anywhere', async () => {
    const parentEmail = 'links-completed@example.com';
    const booking = await createBooking(site.cloud, {
      parentEmail,
      childName: 'Ada',
      scheduledAt: undefined,
      callNow: true,
      timezone: 'America/Los_Angeles',
      // The emulator's brief call.
      phoneNumber: '+14155550107',
    });
    await payWithCard(site.cloud, booking);
    await bookingWhere(
      site.cloud,
      booking,
      'the call to complete',
      (body) => body.callStatus === 'completed',
      60_000,
    );
    const transcript = await eventually(
      'the transcript email',
      async () =>
        (await emailsTo(parentEmail)).find((email) =>
          siteLinks(email).some((link) => link.includes('/recording/')),
        ),
      60_000,
    );

    const links = siteLinks(transcript);
    expect(links.some((link) => link.includes(`/recording/${booking.callId}#token=`))).toBe(true);
    for (const link of links) await opensEverywhere(link, 'emailed-recording-link');
  });

  test('"Add to calendar" on the status page downloads the event the emails attach', async () => {
    const parentEmail = 'links-calendar@example.com';
    const booking = await paidCallTomorrow(parentEmail);
    const [confirmation] = await emailsTo(parentEmail);
    const attached = Buffer.from(
      confirmation?.attachments?.find((file) => file.filename.endsWith('.ics'))?.content ?? '',
      'base64',
    ).toString('utf8');

    const { page, consoleErrors } = await openWatchedPage(site.browser, 'phone', {
      baseURL: site.url,
    });
    await page.goto(`/success/${booking.callId}#token=${booking.accessToken}`);
    const button = page.getByRole('button', { name: 'Add to calendar' });
    await button.waitFor();
    await saveScreenshot(page, 'success-add-to-calendar', 'phone');
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const file = await readFile((await download.path()) ?? '', 'utf8');

    expect(download.suggestedFilename()).toBe('call-from-santa.ics');
    expect(file.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(file.endsWith('END:VCALENDAR\r\n')).toBe(true);
    for (const line of file.split('\r\n')) {
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    }
    const start = tomorrowAt(17, 35)
      .replace(/\.\d{3}Z$/, 'Z')
      .replace(/[-:]/g, '');
    // The same event as the email's file, but for when each was made (DTSTAMP).
    const withoutStamp = (text: string) => text.replace(/DTSTAMP:\w+/, '');
    expect(file).toContain(`UID:booking-${booking.callId}@callsanta`);
    expect(file).toContain(`DTSTART:${start}`);
    expect(file).toContain('SEQUENCE:0');
    expect(withoutStamp(file)).toBe(withoutStamp(attached));
    expect(file).not.toContain(booking.accessToken);
    expect(consoleErrors).toEqual([]);
  });
});
