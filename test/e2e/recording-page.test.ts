import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, test } from 'vitest';
import { localResourceNames } from '../../local/config.ts';
import emulatedSpanish from '../../local/elevenlabs/messages/es.json' with { type: 'json' };
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
    EXPECTED_CALL_MINUTES: '1',
    CALLING_HOURS_START: '00:00',
    CALLING_HOURS_END: '24:00',
  },
});

async function completedCall(
  purchaseRecording: boolean,
  overrides: Record<string, unknown> = {},
): Promise<CreatedBooking> {
  const booking = await createBooking(site.cloud, {
    scheduledAt: undefined,
    callNow: true,
    timezone: 'America/Los_Angeles',
    // The emulator's brief call: its video renders in seconds, not minutes.
    phoneNumber: '+14155550107',
    purchaseRecording,
    ...overrides,
  });
  await payWithCard(site.cloud, booking);
  await bookingWhere(
    site.cloud,
    booking,
    'the call to complete',
    (body) =>
      body.callStatus === 'completed' &&
      (body.media as { transcript?: unknown[] }).transcript !== undefined,
    60_000,
  );
  return booking;
}

/**
 * What the render stage leaves behind (it has its own tests): an MP4 in the videos bucket and
 * the booking's video completed with its key. The bytes are a stand-in; the page is what is
 * checked here, not the decoding. The workflow's own render stage runs meanwhile (the recording
 * was bought): whenever it reads or claims, a made video stays made (`claimVideoRender`), so the
 * page finds it made at once — before that, a claim landing after the plant took it back to
 * `processing` and the page waited for a real render (tens of seconds), which failed CI.
 */
async function plantRenderedVideo(bookingId: string): Promise<void> {
  const videoKey = `videos/${bookingId}/santa-call.mp4`;
  await new S3Client({ forcePathStyle: true }).send(
    new PutObjectCommand({
      Bucket: localResourceNames.buckets.videos,
      Key: videoKey,
      Body: new Uint8Array(2048),
      ContentType: 'video/mp4',
    }),
  );
  await DynamoDBDocumentClient.from(new DynamoDBClient({})).send(
    new UpdateCommand({
      TableName: localResourceNames.table,
      Key: { pk: `BOOKING#${bookingId}`, sk: 'BOOKING' },
      UpdateExpression: 'SET videoStatus = :completed, videoKey = :key, videoProgress = :done',
      ExpressionAttributeValues: { ':completed': 'completed', ':key': videoKey, ':done': 100 },
    }),
  );
}

/** A 404 the page asked for on purpose: Chromium logs it as a console error. */
const expected404 = /status of 404/;

describe('the recording page', () => {
  test('offers the recording after the call, sells it, and shares it with a revocable link', async () => {
    const booking = await completedCall(false);
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

  test('plays and downloads the rendered video, for the parent and on a shared link', async () => {
    const booking = await completedCall(true);
    await plantRenderedVideo(booking.callId);
    const parent = await site.open(
      'desktop',
      `/recording/${booking.callId}#token=${booking.accessToken}`,
    );
    const { page } = parent;

    await page.getByRole('heading', { name: 'Watch' }).waitFor();
    const video = page.locator('video');
    const videoAttributes = await video.evaluate((element: HTMLVideoElement) => ({
      controls: element.controls,
      playsInline: element.playsInline,
      poster: element.poster,
      ratio: element.getBoundingClientRect().height / element.getBoundingClientRect().width,
    }));
    const videoSrc = (await video.getAttribute('src')) ?? '';
    const downloadHref =
      (await page.getByRole('link', { name: 'Download video' }).getAttribute('href')) ?? '';
    const offers = await page.getByRole('heading', { name: /Get the video/ }).count();
    await page.getByRole('heading', { name: 'Listen' }).waitFor();
    await page.getByRole('heading', { name: 'Transcript' }).waitFor();
    expect(await seriousAxeViolations(page), 'axe on the video').toEqual([]);
    await saveScreenshot(page, 'recording-video', 'desktop');
    await page.getByRole('button', { name: 'Share' }).click();
    const shareUrl = await page.getByLabel('Your new link (shown once)').inputValue();
    const grandparent = await site.open('phone', new URL(shareUrl).pathname);
    await grandparent.page.getByRole('link', { name: 'Download video' }).waitFor();
    const sharedVideoSrc = (await grandparent.page.locator('video').getAttribute('src')) ?? '';
    await saveScreenshot(grandparent.page, 'shared-video', 'phone');

    expect(videoAttributes).toMatchObject({ controls: true, playsInline: true, poster: '' });
    expect(videoAttributes.ratio).toBeCloseTo(16 / 9, 1);
    expect(videoSrc).toContain(`videos/${booking.callId}/santa-call.mp4`);
    expect(videoSrc).toMatch(/X-Amz-Expires=900/);
    expect(decodeURIComponent(downloadHref)).toContain(
      'response-content-disposition=attachment; filename="santa-call-emma.mp4"',
    );
    expect(offers).toBe(0);
    expect(sharedVideoSrc).toMatch(/X-Amz-Expires=900/);
    expect([...parent.offMachineRequests, ...grandparent.offMachineRequests]).toEqual([]);
  });

  test('in Spanish: names both children, shows what each asked Santa for, and shares without the wishes', async () => {
    // A real call for two children in Spanish: the emulator's scripted call speaks to each by
    // name, and its analysis (part B) is stored and answered as the view's `callSummary`.
    const booking = await completedCall(true, {
      childName: undefined,
      childAge: undefined,
      childGender: undefined,
      childInfoText: undefined,
      children: [
        { name: 'Emma', age: 6, gender: 'girl' },
        { name: 'Leo', age: 4, gender: 'boy' },
      ],
      language: 'es',
      locale: 'es-ES',
      // An ordinary number: the whole scripted call, each child's turns and wishes.
      phoneNumber: '+14155552671',
    });
    await bookingWhere(
      site.cloud,
      booking,
      'the call analysis',
      (body) => body.callSummary !== null && body.callSummary !== undefined,
      60_000,
    );
    const parent = await site.open(
      'phone',
      `/recording/${booking.callId}#token=${booking.accessToken}`,
      { locale: 'es-ES' },
    );
    const { page } = parent;

    await page.getByRole('heading', { name: 'La llamada de Papá Noel con Emma y Leo' }).waitFor();
    await page.getByRole('heading', { name: 'Lo que Emma le pidió a Papá Noel' }).waitFor();
    const emmaWishes = await page
      .locator('.child-wishes', { hasText: 'Lo que Emma' })
      .getByRole('listitem')
      .allInnerTexts();
    const leoWishes = await page
      .locator('.child-wishes', { hasText: 'Lo que Leo' })
      .getByRole('listitem')
      .allInnerTexts();
    const summary = await page.getByTestId('call-summary').innerText();
    const proud = await page.locator('.child-wishes', { hasText: 'Lo que Emma' }).innerText();
    await page.getByRole('heading', { name: 'Transcripción' }).waitFor();
    const speakers = await page.locator('.turn-child .speaker').allInnerTexts();
    const santaSpeakers = await page.locator('.turn-santa .speaker').allInnerTexts();
    const lang = await page.evaluate(() => document.documentElement.lang);
    expect(await seriousAxeViolations(page), 'axe on the Spanish recording page').toEqual([]);
    await saveScreenshot(page, 'recording-wishes-es', 'phone');

    await page.getByRole('button', { name: 'Compartir' }).click();
    const shareUrl = await page
      .getByLabel('Tu nuevo enlace (se muestra una sola vez)')
      .inputValue();
    const grandparent = await site.open('phone', new URL(shareUrl).pathname, {
      locale: 'es-ES',
    });
    await grandparent.page
      .getByRole('heading', { name: 'La llamada de Papá Noel con Emma' })
      .waitFor();
    const sharedText = await grandparent.page.locator('main').innerText();
    expect(await seriousAxeViolations(grandparent.page), 'axe on the Spanish shared page').toEqual(
      [],
    );

    // What the emulator's script has each child say (local/elevenlabs/messages/es.json): the
    // first child the first wish and pride, the second the second.
    expect(emmaWishes).toEqual([emulatedSpanish.wish[0]]);
    expect(leoWishes).toEqual([emulatedSpanish.wish[1]]);
    expect(summary).toContain('Emma y Leo');
    expect(proud).toContain(`Su orgullo de este año: ${emulatedSpanish.proud[0]}`);
    expect(speakers.length).toBeGreaterThan(0);
    // Each child's turns after Santa named them are theirs (core/transcript-speakers.ts); the
    // greeting to both and the goodbye to all cannot be told apart and read "Peque".
    expect(new Set(speakers)).toEqual(new Set(['Emma', 'Leo', 'Peque']));
    expect(new Set(santaSpeakers)).toEqual(new Set(['Papá Noel']));
    expect(lang).toBe('es');
    // Recorded on the call's day, written the Spanish way ("1 de diciembre de 2026").
    expect(sharedText).toMatch(/Grabada el \d{1,2} de [a-z]+ de \d{4}\./);
    expect(sharedText).toContain('Descargar');
    // A child's wishes are private: the shared page never shows them.
    expect(sharedText).not.toContain(emulatedSpanish.wish[0]);
    expect(sharedText).not.toContain('Lo que Emma');
    expect(parent.consoleErrors).toEqual([]);
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
