import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

const viteConfig = resolve(import.meta.dirname, '../../frontend/vite.config.ts');
const scratch: string[] = [];

/** Builds the site in `mode` into a fresh folder and returns every emitted file's text. */
async function siteBuiltIn(mode: string): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), `callsanta-site-${mode}-`));
  scratch.push(outDir);
  await build({ configFile: viteConfig, mode, logLevel: 'silent', build: { outDir } });
  const files = await readdir(outDir, { recursive: true, withFileTypes: true });
  const texts = await Promise.all(
    files
      .filter((file) => file.isFile())
      .map((file) => readFile(join(file.parentPath, file.name), 'utf8')),
  );
  return texts.join('\n');
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
