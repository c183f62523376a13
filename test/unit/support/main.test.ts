import { describe, expect, it } from 'vitest';
import { runSupport, usage } from '../../../ops/support/main.ts';

/** The tool as bin/support.ts runs it, with its output captured. */
async function support(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runSupport(argv, {
    env: {},
    tty: false,
    write: (text) => out.push(text),
    writeError: (text) => err.push(text),
  });
  return { code, out: out.join(''), err: err.join('') };
}

describe('asking the support tool for help', () => {
  it.each([['--help'], ['-h'], ['help'], ['show', '--help']])(
    '%s prints the usage on stdout and exits 0',
    async (...argv) => {
      // Act
      const { code, out, err } = await support(...argv);

      // Assert
      expect(code).toBe(0);
      expect(out).toBe(`${usage}\n`);
      expect(err).toBe('');
    },
  );

  it('still answers an unknown option with the usage on stderr and exit code 2', async () => {
    const { code, out, err } = await support('--helpme');

    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain("Unknown option '--helpme'");
    expect(err).toContain(usage);
  });
});

describe('a booking id of the wrong shape', () => {
  it('is a usage error (exit 2) before anything is looked up', async () => {
    const { code, err } = await support('show', '5b1e5b3c-8f7a-4f7e-9c1a-2b3c4d5e6f70');

    expect(code).toBe(2);
    expect(err).toMatch(/^"5b1e5b3c-8f7a-4f7e-9c1a-2b3c4d5e6f70" is not a booking id/);
  });
});

describe('a find query that is no id, email or phone', () => {
  it('is a usage error (exit 2) saying what to give', async () => {
    const { code, err } = await support('find', '(415) 555-2671');

    expect(code).toBe(2);
    expect(err).toMatch(/^Give a booking id, an email address, or a phone number/);
  });
});

describe('the local cloud not running', () => {
  it('says so and how to start it, instead of a bare ECONNREFUSED', async () => {
    // Arrange: a port nothing listens on.
    const port = '3990';

    // Act
    const out: string[] = [];
    const err: string[] = [];
    const code = await runSupport(['find', 'parent@example.com'], {
      env: { CALLSANTA_PORT: port },
      tty: false,
      write: (text) => out.push(text),
      writeError: (text) => err.push(text),
    });

    // Assert
    expect(code).toBe(1);
    expect(err.join('')).toMatch(
      /^The local cloud does not answer on CALLSANTA_PORT=3990 .*npm start/,
    );
  }, 30_000);
});
