import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

const viteConfig = resolve(import.meta.dirname, '../../frontend/vite.config.ts');
const scratch: string[] = [];

/** Builds the site in `mode` into a fresh folder; every emitted file's text and the entry's. */
async function siteFilesIn(mode: string): Promise<{ all: string; entry: string }> {
  const outDir = await mkdtemp(join(tmpdir(), `callsanta-site-${mode}-`));
  scratch.push(outDir);
  await build({ configFile: viteConfig, mode, logLevel: 'silent', build: { outDir } });
  const files = await readdir(outDir, { recursive: true, withFileTypes: true });
  const emitted = files.filter((file) => file.isFile());
  const texts = await Promise.all(
    emitted.map((file) => readFile(join(file.parentPath, file.name), 'utf8')),
  );
  // Vite names the entry chunk assets/index-<hash>.js. The first load is the entry and every
  // chunk it imports statically (shared chunks such as i18n's), followed through their imports.
  const byName = new Map(emitted.map((file, index) => [file.name, texts[index] ?? '']));
  const firstLoad = new Set(
    emitted.map((file) => file.name).filter((name) => /^index-.+\.js$/.test(name)),
  );
  for (const name of firstLoad) {
    const text = byName.get(name) ?? '';
    // Static imports only (`import … from"./x.js"`, `import"./x.js"`), not `import("./x.js")`.
    for (const match of text.matchAll(/(?:from|import)\s*"\.\/([\w.-]+\.js)"/g)) {
      if (match[1] && byName.has(match[1])) firstLoad.add(match[1]);
    }
  }
  const entry = [...firstLoad].map((name) => byName.get(name) ?? '');
  return { all: texts.join('\n'), entry: entry.join('\n') };
}

async function siteBuiltIn(mode: string): Promise<string> {
  return (await siteFilesIn(mode)).all;
}

afterAll(async () => {
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** What only the Stripe emulator's test card form says. */
const testCardForm = ['pm_card_visa', 'pm_card_chargeDeclined', 'Test payment (local emulator)'];

describe('the test card form ships only in the local cloud build', () => {
  it.each([
    ['production', false],
    ['local-cloud', true],
  ])('the %s build', { timeout: 60_000 }, async (mode, hasForm) => {
    const site = await siteBuiltIn(mode);

    expect(site).toContain('Book a call from Santa');
    for (const text of testCardForm) expect(site.includes(text), text).toBe(hasForm);
  });
});

describe("the landing page's first load (the entry and its static imports)", () => {
  it('carries no zod and no stage config (both stay in the pages that parse with them)', {
    timeout: 60_000,
  }, async () => {
    const { entry } = await siteFilesIn('production');

    expect(entry).toContain('Book a call');
    // ZodError is in every zod build; CALLING_HOURS_START only in the stage config's table.
    expect(entry).not.toContain('ZodError');
    expect(entry).not.toContain('CALLING_HOURS_START');
  });
});
