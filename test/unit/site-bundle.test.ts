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
  // Vite names the entry chunk assets/index-<hash>.js.
  const entry = texts.filter((_text, index) => /^index-.+\.js$/.test(emitted[index]?.name ?? ''));
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

describe("the landing page's first load", () => {
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
