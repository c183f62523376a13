import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DomainError } from '../../functions/core/errors.ts';
import { parseBookingId, parseFindQuery } from './query.ts';
import { renderAction, renderFind, renderShow } from './render.ts';
import { readStackOutputs } from './stack-outputs.ts';
import { requireActionVariables, supportStage, variablesFromOutputs } from './stage.ts';
import { whoIsActing } from './who.ts';

export const usage = `Usage: npm run support -- <command> [options]

  find <booking id | parent email | phone>   bookings by id, or by the parent's contact
  show <booking id>                          the booking, its emails, executions and timeline
  resend <booking id> <email kind>           confirmation | reminder | transcript |
                                             not-completed | video-ready | video-not-made
  redrive <booking id>                       a failed render or execution, again
  reschedule <booking id> <ISO time>         [--timezone <IANA zone>]
  cancel <booking id> [--refund]             refunded as the parent's cancel is (up to 10 min
                                             before the call); --refund: whatever the cutoff
  erase <booking id>                         the child's data, as the parent's erase does

Options:
  --stage <name>      local (default: the local cloud on CALLSANTA_PORT) or a deployed stage
  --profile <name>    AWS profile (AWS stages)
  --region <region>   AWS region (AWS stages)
  --as <name>         who you are (locally; in AWS your caller identity is recorded too)
  --reason <text>     why (required for actions and --reveal); goes into the audit trail
  --reveal            show the child's details and the parent's contact (recorded)
  --country <CC>      the country of a national phone number (find)
  --json              JSON for scripts
  -h, --help          this help`;

const optionsSchema = z.object({
  stage: z.string().regex(/^[a-z0-9-]+$/, 'a stage is lower-case letters, digits and dashes'),
  profile: z.string().min(1).optional(),
  region: z.string().min(1).optional(),
  as: z.string().min(1).optional(),
  reason: z.string().trim().min(3, 'say why in a few words').optional(),
  reveal: z.boolean(),
  refund: z.boolean(),
  json: z.boolean(),
  help: z.boolean(),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'a two-letter country code')
    .optional(),
  timezone: z.string().min(1).optional(),
});

export interface SupportIo {
  readonly env: NodeJS.ProcessEnv;
  readonly tty: boolean;
  readonly write: (text: string) => void;
  readonly writeError: (text: string) => void;
}

/** A mistake in how the tool was called: usage, exit code 2. */
class UsageError extends Error {}

/**
 * Runs one support command; answers the process's exit code: 0 done, 1 refused or failed
 * (the reason written to stderr), 2 called wrongly.
 */
export async function runSupport(argv: readonly string[], io: SupportIo): Promise<number> {
  try {
    await run(argv, io);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.writeError(`${error.message}\n\n${usage}\n`);
      return 2;
    }
    if (error instanceof DomainError) {
      const fields = error.fields
        ? ` (${Object.entries(error.fields)
            .map(([field, message]) => `${field}: ${message}`)
            .join('; ')})`
        : '';
      io.writeError(`${error.code}: ${error.message}${fields}\n`);
      return 1;
    }
    io.writeError(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/**
 * On an AWS stage, the environment with the stack's outputs under it: a variable already set
 * wins, and when TABLE_NAME is set the stack is not read at all (scripts that export them).
 */
async function withStackOutputs(
  options: { readonly stage: string; readonly profile?: string; readonly region?: string },
  env: NodeJS.ProcessEnv,
): Promise<NodeJS.ProcessEnv> {
  if (options.stage === 'local' || env.TABLE_NAME) return env;
  const region = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) return env; // supportStage says what is missing
  const outputs = await readStackOutputs(`CallSanta-${options.stage}`, {
    region,
    ...(options.profile ? { profile: options.profile } : {}),
  });
  return { ...variablesFromOutputs(outputs), ...env };
}

async function run(argv: readonly string[], io: SupportIo): Promise<void> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { command, args, options } = parsed;
  if (options.help || command === 'help') {
    io.write(`${usage}\n`);
    return;
  }
  const stage = supportStage(options, await withStackOutputs(options, io.env));
  // The functions' modules read their environment when they load: set it, then load them.
  Object.assign(process.env, stage.env);
  // The services' log lines would mix with the output (stdout) a script reads: the tool reports
  // what matters itself. POWERTOOLS_LOG_LEVEL set by the caller wins.
  process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
  try {
    await runCommand(command, args, options, stage, io);
  } catch (error) {
    // Locally, nothing answering is the cloud not running: say so, not ECONNREFUSED.
    if (stage.kind === 'local' && (error as { code?: unknown }).code === 'ECONNREFUSED') {
      throw new Error(
        `The local cloud does not answer on CALLSANTA_PORT=${io.env.CALLSANTA_PORT ?? '3000'} (${error instanceof Error ? error.message : String(error)}): start it with npm start, or set CALLSANTA_PORT to the port it runs on.`,
      );
    }
    throw error;
  }
}

async function runCommand(
  command: string,
  args: readonly string[],
  options: ReturnType<typeof parse>['options'],
  stage: ReturnType<typeof supportStage>,
  io: SupportIo,
): Promise<void> {
  const style = { json: options.json, tty: io.tty && !options.json };
  const commands = await import('./commands.ts');
  const needs = (count: number, what: string) => {
    if (args.length !== count) throw new UsageError(`${command} takes ${what}.`);
  };
  const actor = async () => {
    if (!options.reason)
      throw new UsageError(`${command} needs --reason: it goes into the audit trail.`);
    return { by: await whoIsActing(stage, options.as), reason: options.reason };
  };
  const [typedId = '', second = ''] = args;
  // What support typed but the tool cannot read (a booking id of another shape, a phone number
  // without its country) is a usage mistake, said at once: exit code 2.
  const understood = <T>(read: () => T): T => {
    try {
      return read();
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
  };
  const bookingId = () => understood(() => parseBookingId(typedId));
  switch (command) {
    case 'find': {
      needs(1, 'one booking id, email or phone number');
      io.write(
        `${renderFind(await commands.find(understood(() => parseFindQuery(typedId, options.country))), style)}\n`,
      );
      return;
    }
    case 'show': {
      needs(1, 'one booking id');
      const view = await commands.show(
        bookingId(),
        stage,
        options.reveal ? await actor() : undefined,
      );
      io.write(`${renderShow(view, style)}\n`);
      return;
    }
    case 'resend':
      needs(2, 'a booking id and an email kind');
      io.write(
        `${renderAction(await commands.resend(bookingId(), second, await actor()), style)}\n`,
      );
      return;
    case 'redrive':
      needs(1, 'one booking id');
      io.write(`${renderAction(await commands.redrive(bookingId(), await actor()), style)}\n`);
      return;
    case 'reschedule':
      needs(2, 'a booking id and an ISO time');
      requireActionVariables(stage, command, process.env);
      io.write(
        `${renderAction(await commands.reschedule(bookingId(), second, options.timezone, await actor()), style)}\n`,
      );
      return;
    case 'cancel':
      needs(1, 'one booking id');
      io.write(
        `${renderAction(await commands.cancel(bookingId(), options.refund, await actor()), style)}\n`,
      );
      return;
    case 'erase':
      needs(1, 'one booking id');
      io.write(`${renderAction(await commands.erase(bookingId(), await actor()), style)}\n`);
      return;
    default:
      throw new UsageError(command ? `No command "${command}".` : 'Name a command.');
  }
}

function parse(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      stage: { type: 'string', default: 'local' },
      profile: { type: 'string' },
      region: { type: 'string' },
      as: { type: 'string' },
      reason: { type: 'string' },
      reveal: { type: 'boolean', default: false },
      refund: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      country: { type: 'string' },
      timezone: { type: 'string' },
    },
  });
  const options = optionsSchema.safeParse(values);
  if (!options.success) {
    throw new Error(
      options.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('; '),
    );
  }
  const [command = '', ...args] = positionals;
  return { command, args, options: options.data };
}
