import { runSupport } from '../ops/support/main.ts';

/** `npm run support -- <command>`: see ops/support/main.ts and the README's "Support". */
process.exitCode = await runSupport(process.argv.slice(2), {
  env: process.env,
  tty: process.stdout.isTTY === true,
  write: (text) => process.stdout.write(text),
  writeError: (text) => process.stderr.write(text),
});
