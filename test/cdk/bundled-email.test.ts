import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmailProps } from '../../functions/email/registry.ts';
import { renderEmail } from '../../functions/email/render-email.ts';
import { esbuildOptionsOf, houseBundling } from '../../lib/house-bundling.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const node = join(repoRoot, 'node_modules/.bin/node');

const booking: EmailProps<'bookingConfirmation'> = {
  childNames: ['Emma Rose'],
  callNow: false,
  callAtUtc: '2026-12-24T23:30:00Z',
  timezone: 'America/New_York',
  amountCents: 2999,
  currency: 'usd',
  purchaseRecording: true,
  manageUrl: 'https://callsanta.example/manage/b-1#token=abc',
};

/** The same booking for two children in Spanish: its words come from the bundled es/email.json. */
const spanish: EmailProps<'bookingConfirmation'> = {
  ...booking,
  childNames: ['Emma Rose', 'Leo'],
  language: 'es',
  locale: 'es-MX',
};

/**
 * The Lambda bundles differ from the source the unit tests run: React's production build
 * (`process.env.NODE_ENV` defined) and prettier left out (lib/house-bundling.ts). This renders
 * an email from such a bundle, in a fresh Node 24 process without node_modules in reach.
 */
describe('an email rendered from a Lambda bundle', () => {
  let workDir: string;
  let bundled: { subject: string; html: string; text: string }[];

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'callsanta-bundled-email-'));
    const entry = join(workDir, 'entry.ts');
    await writeFile(
      entry,
      `import { renderEmail } from ${JSON.stringify(join(repoRoot, 'functions/email/render-email.ts'))};\n` +
        `const emails = [await renderEmail('bookingConfirmation', ${JSON.stringify(booking)}), await renderEmail('bookingConfirmation', ${JSON.stringify(spanish)})];\n` +
        'process.stdout.write(JSON.stringify(emails));\n',
    );
    const options = esbuildOptionsOf(houseBundling, entry, join(workDir, 'out'));
    await build({ ...options, logLevel: 'silent' });
    const { stdout } = await promisify(execFile)(node, [options.outfile], {
      cwd: workDir,
      env: { EMAIL_FROM_ADDRESS: 'santa@callsanta.example' },
    });
    bundled = JSON.parse(stdout) as typeof bundled;
  }, 120_000);

  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('is the email the source renders, subject, HTML and text alike', async () => {
    const email = await renderEmail('bookingConfirmation', booking);

    expect(bundled[0]).toEqual(email);
  });

  it("carries every language's messages: a Spanish email reads as the source renders it", async () => {
    const email = await renderEmail('bookingConfirmation', spanish);

    expect(bundled[1]).toEqual(email);
    expect(bundled[1]?.subject).toBe(
      'Papá Noel llamará a Emma Rose y Leo el jueves, 24 de diciembre',
    );
  });
});
