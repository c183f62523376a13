import { describe, expect, test } from 'vitest';
import { callingHoursText, capitalised } from '../../frontend/src/lib/calling-hours-text.ts';
import { faqFactsFor, retryText } from '../../frontend/src/lib/faq-facts.ts';
import { refundCutoffMinutes } from '../../functions/core/cancellation.ts';
import { santaSamplePath, santaSampleText } from '../../functions/core/santa-sample.ts';
import { siteConfigSchema } from '../../functions/schemas/api/site-config.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { viewportNames } from './support/browser.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { setupSite } from './support/site.ts';

const site = setupSite();

/** The local cloud's support address (local/config.ts), where contact messages land. */
const supportAddress = 'help@callsanta.local';

interface OutboxEmail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly replyTo?: string;
}

async function outbox(): Promise<OutboxEmail[]> {
  const response = await fetch(`${site.url}/_local/outbox?format=json`);
  return (await response.json()) as OutboxEmail[];
}

const pages = [
  ['landing', '/', /phone call from Santa/i],
  ['faq', '/faq', /questions and answers/i],
  ['contact', '/contact', /contact us/i],
] as const;

describe('the festive pages', () => {
  describe.each(pages)('%s', (name, path, heading) => {
    test.for(viewportNames)('is axe-clean at %s width, with a screenshot', async (viewport) => {
      const { page, consoleErrors, offMachineRequests } = await site.open(viewport, path);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      if (name === 'landing') await page.getByText(/all systems go/i).waitFor();
      if (name === 'faq')
        await page
          .getByText(/for one call/)
          .first()
          .waitFor();

      expect(await seriousAxeViolations(page)).toEqual([]);
      await saveScreenshot(page, `festive-${name}`, viewport);
      expect(consoleErrors).toEqual([]);
      expect(offMachineRequests).toEqual([]);
    });

    test('does not scroll sideways on a 375 px phone', async () => {
      const { page } = await site.open('phone', path, {
        extra: { viewport: { width: 375, height: 740 } },
      });
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();

      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        body: document.body.scrollWidth,
        viewport: window.innerWidth,
      }));
      expect(widths.viewport).toBe(375);
      expect(widths.page).toBeLessThanOrEqual(375);
      expect(widths.body).toBeLessThanOrEqual(375);
    });

    test('links to the FAQ, contact and privacy pages from the footer', async () => {
      const { page } = await site.open('desktop', path);
      const footer = page.getByRole('navigation', { name: 'Footer' });

      for (const [link, href] of [
        ['Questions and answers', '/faq'],
        ['Contact us', '/contact'],
        ['Privacy', '/privacy'],
      ] as const) {
        expect(
          await footer.getByRole('link', { name: link, exact: true }).getAttribute('href'),
        ).toBe(href);
      }
    });
  });

  test('the landing page uses a wide desktop: content over 900 px wide at 1440 px, in two columns', async () => {
    const { page } = await site.open('desktop', '/', {
      extra: { viewport: { width: 1440, height: 900 } },
    });
    await page.getByRole('heading', { level: 1 }).waitFor();

    const main = await page.locator('main').boundingBox();
    const text = await page.locator('.page-hero-text').boundingBox();
    const art = await page.getByRole('img', { name: /sleigh/i }).boundingBox();
    expect(main?.width).toBeGreaterThan(900);
    // The picture sits beside the heading, not under it.
    expect(art && text && art.x).toBeGreaterThan((text?.x ?? 0) + (text?.width ?? 0) - 1);
    expect(Math.abs((art?.y ?? 0) - (text?.y ?? 0))).toBeLessThan(200);
  });

  test('the booking wizard shows its steps as a side panel on a desktop, and fits a 375 px phone', async () => {
    const desktop = await site.open('desktop', '/book', {
      extra: { viewport: { width: 1440, height: 900 } },
    });
    const steps = desktop.page.getByRole('list', { name: 'Booking steps' });
    await steps.waitFor();
    const panel = await steps.boundingBox();
    const form = await desktop.page.locator('form.wizard').boundingBox();
    expect((panel?.x ?? 0) + (panel?.width ?? 0)).toBeLessThanOrEqual(form?.x ?? 0);
    expect((form?.width ?? 0) + (panel?.width ?? 0)).toBeGreaterThan(900);
    expect(await seriousAxeViolations(desktop.page)).toEqual([]);
    await saveScreenshot(desktop.page, 'festive-book', 'desktop');

    const phone = await site.open('phone', '/book', {
      extra: { viewport: { width: 375, height: 740 } },
    });
    await phone.page.getByRole('list', { name: 'Booking steps' }).waitFor();
    expect(
      await phone.page.evaluate(() => document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(375);
  });

  test('with reduced motion asked for, nothing moves; without, the stars and snow do', async () => {
    // Contexts ask for reduced motion by default (support/browser.ts).
    const still = await site.open('desktop', '/');
    await still.page.getByRole('img', { name: /sleigh/i }).waitFor();
    const moving = await site.open('desktop', '/', { extra: { reducedMotion: 'no-preference' } });
    await moving.page.getByRole('img', { name: /sleigh/i }).waitFor();

    const running = (page: typeof still.page) =>
      page.evaluate(
        () =>
          document.getAnimations().filter((animation) => animation.playState === 'running').length,
      );
    expect(await running(still.page)).toBe(0);
    expect(await running(moving.page)).toBeGreaterThan(5);
  });

  test('plays a real MP3 sample of the call, with its transcript beside it', async () => {
    const { page, consoleErrors } = await site.open('desktop', '/');
    const sample = page.getByRole('region', { name: 'Hear what the call sounds like' });
    await sample.waitFor();

    const response = await page.request.get(santaSamplePath);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('audio/mpeg');
    const bytes = await response.body();
    expect(bytes.length).toBeGreaterThan(10_000);
    // An MPEG audio frame's sync word (11 bits set) or an ID3 tag: not an HTML fallback.
    const mpegSync = bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0;
    expect(mpegSync || bytes.subarray(0, 3).toString('latin1') === 'ID3').toBe(true);

    // The page loads no audio until asked (preload="none"); load its metadata as play would.
    const duration = await page.locator('audio.sample-player').evaluate(
      (audio: HTMLAudioElement) =>
        new Promise<number>((resolve, reject) => {
          audio.addEventListener('loadedmetadata', () => resolve(audio.duration), { once: true });
          audio.addEventListener('error', () => reject(new Error('the sample did not load')), {
            once: true,
          });
          audio.preload = 'metadata';
          audio.load();
        }),
    );
    expect(duration).toBeGreaterThan(3);
    expect(duration).toBeLessThan(30);

    await expect
      .poll(() => sample.locator('figure').innerText())
      .toContain(santaSampleText.slice(0, 40));
    expect(consoleErrors).toEqual([]);
  });

  test('the FAQ states the rules the service runs by', async () => {
    const { page } = await site.open('phone', '/faq');

    await page
      .getByRole('heading', { name: 'What if nobody answers, or the line is busy?' })
      .waitFor();
    const text = await page.locator('main').innerText();
    // The stage's own rules, as config.json gives them to the site (not the code's defaults).
    const config = siteConfigSchema.parse(
      await page.evaluate(() => fetch('/config.json').then((r) => r.json())),
    );
    expect(config.callRules).toBeDefined();
    const facts = faqFactsFor(config.callRules);
    expect(text).toContain(retryText(facts.callMaxRetries, facts.callRetryWaitSeconds));
    expect(text).toContain(`Cancel up to ${refundCutoffMinutes} minutes before the call`);
    expect(text).toContain('AI-generated');
    expect(text).toContain(`${capitalised(callingHoursText(facts))} on your child's clock`);
  });

  test('the contact form refuses a short message clearly, then sends one email to support', async () => {
    const { page } = await site.open('phone', '/contact');
    const before = (await outbox()).filter((email) => email.to.includes(supportAddress)).length;
    await page.getByLabel('Your email address').fill('parent@example.com');
    await page.getByLabel('Booking number').fill('01jz0000000000000000000000');
    await page.getByLabel('Your message').fill('Help?');

    await page.getByRole('button', { name: 'Send message' }).click();

    const error = page.getByText('Write a little more (at least 10 characters), so we can help.');
    await error.waitFor();
    expect(await page.getByLabel('Your message').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('contact-message');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'festive-contact-error', 'phone');

    await page.getByLabel('Your message').fill('Can Santa call my son twice this year?');
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.getByText('Thank you — your message is on its way.').waitFor();
    expect(await error.count()).toBe(0);

    await expect
      .poll(async () => (await outbox()).filter((email) => email.to.includes(supportAddress)))
      .toHaveLength(before + 1);
    const sent = (await outbox()).filter((email) => email.to.includes(supportAddress)).at(-1);
    expect(sent?.subject).toBe('Contact form: booking 01JZ0000000000000000000000');
    expect(sent?.text).toContain('Can Santa call my son twice this year?');
    expect(sent?.replyTo).toBe('parent@example.com');
  });

  test('the contact API answers a short message 400, naming the field, and sends nothing', async () => {
    const before = (await outbox()).length;

    const response = await fetch(`${site.url}/api/contact`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'parent@example.com', message: 'Hi' }),
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: {
        code: 'validation_failed',
        fields: { message: 'Write a little more (at least 10 characters), so we can help.' },
      },
    });
    expect((await outbox()).length).toBe(before);
  });

  test('the contact API drops a message with the honeypot filled, sending nothing', async () => {
    const before = (await outbox()).length;

    const response = await fetch(`${site.url}/api/contact`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'bot@example.com',
        message: 'Cheap watches, great prices!',
        website: 'https://spam.example',
      }),
    });

    expect(response.status).toBe(202);
    // A bot that also got another field wrong learns nothing either: the same 202.
    for (const body of [
      { email: 'not-an-email', message: 'Hi', website: 'https://spam.example' },
      { email: 'bot@example.com', message: 'Cheap watches!!', website: 'x'.repeat(500) },
      { email: 'bot@example.com', message: 'Cheap watches!!', website: 1 },
    ]) {
      const bot = await fetch(`${site.url}/api/contact`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(bot.status).toBe(202);
    }
    // Give a wrongly sent email time to land before counting.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await outbox()).length).toBe(before);
  });
});
