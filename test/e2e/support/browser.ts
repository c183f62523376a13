import { existsSync } from 'node:fs';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll, onTestFinished } from 'vitest';

/** Debian's Chromium, installed by `scripts/setup.sh`. npm never downloads a browser here. */
export const chromiumPath = '/usr/bin/chromium';

/**
 * Keeps Chromium off the network: no QUIC, sync, component updates or background fetches.
 * Playwright adds `--headless`, `--no-sandbox` and a fresh temporary `--user-data-dir` per
 * launch (deleted on close); it refuses `--user-data-dir` in `args`, so that one is not here.
 */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  // A fake microphone (a beeping tone) that needs no prompt, for the voice note's MediaRecorder.
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
] as const;

/** The two widths every page is checked at. */
export const viewports = {
  phone: {
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
  },
  desktop: {
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    isMobile: false,
    hasTouch: false,
  },
} as const satisfies Record<string, BrowserContextOptions>;

export type ViewportName = keyof typeof viewports;
export const viewportNames = Object.keys(viewports) as ViewportName[];

/** Starts Debian's Chromium headless, or says how to install it. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium is not installed at ${chromiumPath}: run \`bash scripts/setup.sh\` (it installs Debian's chromium package).`,
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [...chromiumArgs],
    timeout: 60_000,
  });
}

/** One browser for the whole test file: started in `beforeAll`, closed in `afterAll`. */
export function setupBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser)
      throw new Error(
        'The browser is not running: call setupBrowser() at the top of the test file.',
      );
    return browser;
  };
}

export interface ContextOptions {
  /** Base URL for `page.goto('/path')`. */
  readonly baseURL?: string;
  /** Default `America/New_York`, so times on the page do not depend on the machine. */
  readonly timezoneId?: string;
  readonly locale?: string;
  /** Anything else Playwright accepts (permissions, geolocation, …). */
  readonly extra?: BrowserContextOptions;
}

/** A new, empty browser context (cookies, storage) at one of the two viewports. */
export async function newContext(
  browser: Browser,
  viewport: ViewportName,
  options: ContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    ...viewports[viewport],
    baseURL: options.baseURL,
    locale: options.locale ?? 'en-US',
    timezoneId: options.timezoneId ?? 'America/New_York',
    reducedMotion: 'reduce',
    permissions: ['microphone'],
    ...options.extra,
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  return context;
}

export const newPhoneContext = (browser: Browser, options?: ContextOptions) =>
  newContext(browser, 'phone', options);
export const newDesktopContext = (browser: Browser, options?: ContextOptions) =>
  newContext(browser, 'desktop', options);

/** A page plus what went wrong in it, for assertions at the end of a test. */
export interface WatchedPage {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly viewport: ViewportName;
  /** Console errors and uncaught exceptions, as `text (url:line)`. */
  readonly consoleErrors: string[];
  /** Requests the page tried to make off this machine; they are aborted. */
  readonly offMachineRequests: string[];
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

function isOffMachine(url: URL): boolean {
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') && !loopbackHosts.has(url.hostname)
  );
}

/**
 * Opens a page in a new context for the current test; the context is closed when the test
 * finishes, pass or fail. Console errors, page errors and off-machine requests are collected.
 */
export async function openWatchedPage(
  browser: Browser,
  viewport: ViewportName,
  options: ContextOptions = {},
): Promise<WatchedPage> {
  const context = await newContext(browser, viewport, options);
  onTestFinished(async () => {
    await context.close();
  });
  const consoleErrors: string[] = [];
  const offMachineRequests: string[] = [];
  await context.route(isOffMachine, async (route) => {
    offMachineRequests.push(`${route.request().method()} ${route.request().url()}`);
    await route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url, lineNumber } = message.location();
    consoleErrors.push(url ? `${message.text()} (${url}:${lineNumber})` : message.text());
  });
  page.on('pageerror', (error) => {
    consoleErrors.push(`Uncaught ${error.name}: ${error.message}`);
  });
  return { page, context, viewport, consoleErrors, offMachineRequests };
}
