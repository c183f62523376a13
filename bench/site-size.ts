/**
 * The site's JavaScript, gzipped: every chunk of a fresh Vite build (production mode, what CDK
 * deploys; `--mode local-cloud` for the local build) and the first load of `/` and `/book`:
 *
 * - "static": the entry chunk and what it imports statically, plus the route's lazy chunk and
 *   its static imports — what the page needs to render at all;
 * - "in Chromium": the JS files a headless Chromium (Debian's, as the e2e tests use) actually
 *   fetched for that path before any interaction — page loaded and no request for 1 s — with
 *   the site served from the build folder by a small static server (`/config.json` as CDK
 *   writes it, `/api/*` answered 503; nothing leaves the machine). Includes chunks the page
 *   imports on its own after the first render (e.g. in an effect).
 *
 * Sizes are gzip at zlib's default level (6), in KiB (1 024 bytes); CloudFront compresses on
 * the fly, so its bytes differ a little. Run: `npm run bench:site-size [-- --mode local-cloud]`.
 * Asserts nothing.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import { printTable } from './stats.ts';

const { values: args } = parseArgs({
  options: { mode: { type: 'string', default: 'production' } },
});
const root = resolve(import.meta.dirname, '..');
const viteConfig = join(root, 'frontend/vite.config.ts');
const paths = ['/', '/book'] as const;
/** The route component each path lazy-loads (frontend/src/App.tsx); none for the landing page. */
const routeModule: Record<(typeof paths)[number], string | undefined> = {
  '/': undefined,
  '/book': join(root, 'frontend/src/pages/Book.tsx'),
};

type Chunk = Rolldown.OutputChunk;

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** `chunk` and every chunk it imports statically, by file name. */
function staticClosure(chunk: Chunk, byFile: Map<string, Chunk>, into = new Set<string>()) {
  if (into.has(chunk.fileName)) return into;
  into.add(chunk.fileName);
  for (const imported of chunk.imports) {
    const next = byFile.get(imported);
    if (next) staticClosure(next, byFile, into);
  }
  return into;
}

/** What a headless Chromium fetched of `/assets/*.js` for `path`, before any interaction. */
async function fetchedInBrowser(outDir: string, path: string): Promise<string[]> {
  const index = await readFile(join(outDir, 'index.html'));
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/config.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ apiBaseUrl: '', stripePublishableKey: 'pk_test_x', stripeMode: 'stripe' }),
      );
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end('{"status":"unavailable"}');
      return;
    }
    const file = join(outDir, url.pathname);
    if (url.pathname.startsWith('/assets/') && !relative(outDir, file).startsWith('..')) {
      try {
        const body = await readFile(file);
        const type = extname(file) === '.js' ? 'text/javascript' : 'text/css';
        res.writeHead(200, { 'content-type': type });
        res.end(body);
        return;
      } catch {
        // Falls through to a 404.
      }
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(index);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic'],
  });
  try {
    const page = await browser.newPage();
    const origin = `http://127.0.0.1:${port}`;
    // Nothing leaves the machine (Stripe.js is not needed before paying anyway).
    await page.route('**/*', (route) =>
      route.request().url().startsWith(origin) ? route.continue() : route.abort(),
    );
    const scripts = new Set<string>();
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin === origin && url.pathname.endsWith('.js')) scripts.add(url.pathname.slice(1));
    });
    await page.goto(`${origin}${path}`, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1000);
    return [...scripts];
  } finally {
    await browser.close();
    await new Promise<void>((done) => server.close(() => done()));
  }
}

async function main() {
  const outDir = await mkdtemp(join(tmpdir(), 'callsanta-bench-site-'));
  try {
    const output = await build({
      configFile: viteConfig,
      mode: args.mode,
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
    });
    const outputs = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[];
    const chunks = outputs
      .flatMap((result) => result.output)
      .filter((item): item is Chunk => item.type === 'chunk');
    const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
    const gzipped = new Map(
      chunks.map((chunk) => [chunk.fileName, gzipSync(chunk.code).length] as const),
    );
    const sum = (files: Iterable<string>) =>
      [...files].reduce((total, file) => total + (gzipped.get(file) ?? 0), 0);

    console.log(`Vite build, mode ${args.mode}: ${chunks.length} JS chunks`);
    printTable(
      ['chunk', 'kind', 'raw', 'gzip'],
      [...chunks]
        .sort((a, b) => (gzipped.get(b.fileName) ?? 0) - (gzipped.get(a.fileName) ?? 0))
        .map((chunk) => [
          chunk.fileName,
          chunk.isEntry ? 'entry' : chunk.isDynamicEntry ? 'lazy' : 'shared',
          kib(Buffer.byteLength(chunk.code)),
          kib(gzipped.get(chunk.fileName) ?? 0),
        ]),
    );

    const entry = chunks.find((chunk) => chunk.isEntry);
    if (!entry) throw new Error('The build has no entry chunk.');
    const rows: string[][] = [];
    for (const path of paths) {
      const files = staticClosure(entry, byFile);
      const route = routeModule[path];
      if (route) {
        const chunk = chunks.find((candidate) => candidate.facadeModuleId === route);
        if (!chunk) throw new Error(`No chunk is the entry of ${route}.`);
        staticClosure(chunk, byFile, files);
      }
      const fetched = await fetchedInBrowser(outDir, path);
      rows.push([
        path,
        `${kib(sum(files))} (${files.size} files)`,
        `${kib(sum(fetched))} (${fetched.length} files)`,
        fetched
          .filter((file) => !files.has(file))
          .map((file) => file.replace(/^assets\//, ''))
          .join(', ') || '—',
      ]);
    }
    console.log();
    printTable(
      ['first load', 'static JS gzip', 'in Chromium JS gzip', 'fetched beyond the static set'],
      rows,
    );
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
