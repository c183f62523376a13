import { describe, expect, test } from 'vitest';
import {
  bookingWhere,
  type CreatedBooking,
  createBooking,
  payWithCard,
} from '../integration/support/booking-api.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { setupSite } from './support/site.ts';

/**
 * The recording page after a call made without the recording: the offer, paying for it with
 * the emulator's test card, sharing it with a link that plays for someone without the
 * parent's token, and stopping that link. A minute of booking time passes in a second; Santa
 * may call the emulator's Californian test number at any hour here.
 */
const site = setupSite({
  timeScale: 60,
  env: {
    CALL_CONCURRENCY_LIMIT: '1',
    EXPECTED_CALL_MINUTES: '1',
    CALLING_HOURS_START: '00:00',
    CALLING_HOURS_END: '24:00',
  },
});

async function completedCallWithoutRecording(): Promise<CreatedBooking> {
  const booking = await createBooking(site.cloud, {
    scheduledAt: undefined,
    callNow: true,
    timezone: 'America/Los_Angeles',
    phoneNumber: '+14155552671',
    purchaseRecording: false,
  });
  await payWithCard(site.cloud, booking);
  await bookingWhere(
    site.cloud,
    booking,
    'the call to complete',
    (body) => body.callStatus === 'completed' && body.recordingOffer !== null,
    60_000,
  );
  return booking;
}

/** A 404 the page asked for on purpose: Chromium logs it as a console error. */
const expected404 = /status of 404/;

describe('the recording page', () => {
  test('offers the recording after the call, sells it, and shares it with a revocable link', async () => {
    const booking = await completedCallWithoutRecording();
    const parent = await site.open(
      'phone',
      `/recording/${booking.callId}#token=${booking.accessToken}`,
    );
    const { page } = parent;

    const offer = page.getByRole('heading', { name: 'Get the video of this call — $2.99' });
    await offer.waitFor();
    await page.getByRole('heading', { name: 'Transcript' }).waitFor();
    const listenBefore = await page.getByRole('heading', { name: 'Listen' }).count();
    const shareBefore = await page.getByRole('button', { name: 'Share' }).count();
    expect(await seriousAxeViolations(page), 'axe on the offer').toEqual([]);
    await saveScreenshot(page, 'recording-offer', 'phone');

    await page.getByRole('button', { name: 'Pay $2.99' }).click();
    await page.getByRole('heading', { name: 'Listen' }).waitFor({ timeout: 30_000 });
    const offerAfter = await offer.count();
    await page.getByRole('heading', { name: 'Your video' }).waitFor();

    await page.getByRole('button', { name: 'Share' }).click();
    const shareUrl = await page.getByLabel('Your new link (shown once)').inputValue();
    await page.getByRole('button', { name: 'Stop sharing' }).waitFor();
    await saveScreenshot(page, 'recording-bought', 'phone');

    // Someone else, with only the link: a fresh context, no token anywhere.
    const sharedPath = new URL(shareUrl).pathname;
    const grandparent = await site.open('phone', sharedPath);
    await grandparent.page.getByRole('heading', { name: "Santa's call with Emma" }).waitFor();
    const download = grandparent.page.getByRole('link', { name: 'Download the audio' });
    const downloadHref = (await download.getAttribute('href')) ?? '';
    const audioSrc = await grandparent.page.locator('audio').getAttribute('src');
    const sharedText = await grandparent.page.locator('main').innerText();
    expect(await seriousAxeViolations(grandparent.page), 'axe on the shared page').toEqual([]);
    await saveScreenshot(grandparent.page, 'shared-recording', 'phone');

    await page.getByRole('button', { name: 'Stop sharing' }).click();
    await page.getByText('Sharing stopped: that link no longer works.').waitFor();
    await grandparent.page.reload();
    await grandparent.page
      .getByText('This share link does not work any more', { exact: false })
      .waitFor();

    expect(listenBefore).toBe(0);
    expect(shareBefore).toBe(0);
    expect(offerAfter).toBe(0);
    expect(shareUrl).toMatch(/\/shared\/[A-Za-z0-9_-]{43}$/);
    expect(downloadHref).toContain('santa-call-emma.mp3');
    expect(audioSrc).toMatch(/X-Amz-Expires=900/);
    expect(sharedText).not.toContain('Transcript');
    expect(sharedText).not.toContain('parent@example.com');
    expect(parent.consoleErrors).toEqual([]);
    expect(grandparent.consoleErrors.filter((line) => !expected404.test(line))).toEqual([]);
    expect([...parent.offMachineRequests, ...grandparent.offMachineRequests]).toEqual([]);
  });

  test('a share link that never existed is a friendly not-found', async () => {
    const watched = await site.open('desktop', `/shared/${'A'.repeat(43)}`);
    await watched.page
      .getByText('This share link does not work any more', { exact: false })
      .waitFor();
    const malformed = await site.open('desktop', '/shared/short');
    await malformed.page.getByText('This share link does not work', { exact: false }).waitFor();

    expect(watched.consoleErrors.filter((line) => !expected404.test(line))).toEqual([]);
  });
});
