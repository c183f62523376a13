import { runSupport } from '../ops/support/main.ts';

/** `npm run support -- <command>`: see ops/support/main.ts and the README's "Support". */
const code = await runSupport(process.argv.slice(2), {
  env: process.env,
  tty: process.stdout.isTTY === true,
  write: (text) => process.stdout.write(text),
  writeError: (text) => process.stderr.write(text),
});
// Exit once the output is flushed: provider SDKs keep sockets alive that would hold the
// process open for minutes after the command is done.
process.stdout.write('', () => process.exit(code));
