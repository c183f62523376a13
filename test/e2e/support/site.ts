import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { RunningLocalCloud } from '../../../local/cloud.ts';
import { startTestCloud, type TestCloudOptions } from '../../integration/support/local-cloud.ts';
import {
  type ContextOptions,
  launchBrowser,
  openWatchedPage,
  type ViewportName,
  type WatchedPage,
} from './browser.ts';

const projectRoot = resolve(import.meta.dirname, '../../..');
export const siteIndex = join(projectRoot, 'frontend/dist-local/index.html');

/**
 * Fails fast when the site has not been built: the local API server serves the local cloud's
 * build, `frontend/dist-local` (the one with the Stripe emulator's test card form).
 */
export function assertSiteBuilt(): void {
  if (!existsSync(siteIndex)) {
    throw new Error(
      'frontend/dist-local/index.html is missing: run `npm run build:site` first (`npm test` and `npm run test:e2e` build it before vitest runs).',
    );
  }
}

export interface Site {
  /** The local API server, serving the built site and `/api/*`: `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly cloud: RunningLocalCloud;
  readonly browser: Browser;
  /**
   * A new context and page at `viewport`, already navigated to `path` (default `/`). Closed
   * when the test finishes. Check `consoleErrors` and `offMachineRequests` at the end.
   */
  open(viewport: ViewportName, path?: string, options?: ContextOptions): Promise<WatchedPage>;
}

/**
 * For one test file: a real local cloud (own ports and a fresh data folder, removed afterwards
 * unless `dataDir` is given) serving the built site, and one Chromium, both started in
 * `beforeAll` and stopped in `afterAll`. `timeScale: 3600` makes an hour pass in a second.
 */
export function setupSite(options: TestCloudOptions = {}): Site {
  let cloud: RunningLocalCloud | undefined;
  let browser: Browser | undefined;
  let ownDataDir: string | undefined;

  beforeAll(async () => {
    assertSiteBuilt();
    if (!options.dataDir) ownDataDir = await mkdtemp(join(tmpdir(), 'callsanta-e2e-'));
    const [startedCloud, launchedBrowser] = await Promise.allSettled([
      startTestCloud({ ...options, dataDir: options.dataDir ?? ownDataDir }),
      launchBrowser(),
    ]);
    if (startedCloud.status === 'fulfilled') cloud = startedCloud.value;
    if (launchedBrowser.status === 'fulfilled') browser = launchedBrowser.value;
    if (startedCloud.status === 'rejected') throw startedCloud.reason;
    if (launchedBrowser.status === 'rejected') throw launchedBrowser.reason;
  });
  afterAll(async () => {
    await browser?.close();
    await cloud?.stop();
    if (ownDataDir) await rm(ownDataDir, { recursive: true, force: true });
  });

  const running = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) {
      throw new Error(`${what} is not running: call setupSite() at the top of the test file.`);
    }
    return value;
  };
  const url = () => running(cloud, 'The local cloud').apiUrl;

  return {
    get url() {
      return url();
    },
    get cloud() {
      return running(cloud, 'The local cloud');
    },
    get browser() {
      return running(browser, 'The browser');
    },
    async open(viewport, path = '/', contextOptions = {}) {
      const watched = await openWatchedPage(running(browser, 'The browser'), viewport, {
        baseURL: url(),
        ...contextOptions,
      });
      await watched.page.goto(path);
      return watched;
    },
  };
}

/**
 * How long the booking page may take to show a day's free times: each day is a fresh
 * availability query, the slowest answer on a two-core machine shared with other local clouds.
 */
export const availabilityTimeoutMs = 30_000;
