import { styleText } from 'node:util';
import Table from 'cli-table3';
import type { SupportBooking } from './booking-summary.ts';
import type { FlaggedCriterion } from './call-flags.ts';
import type { TimelineEntry } from './timeline.ts';

/**
 * How the support tool writes: JSON for scripts (`--json`); for people, tables and colours in a
 * terminal and plain lines when piped (`tty`). Pure: strings in, a string out.
 */
export interface OutputStyle {
  readonly json: boolean;
  readonly tty: boolean;
}

export interface FoundBooking {
  readonly bookingId: string;
  readonly callStatus: string;
  readonly paymentStatus: string;
  readonly scheduledAt: string;
  readonly createdAt: string;
}

export interface ExecutionView {
  readonly name: string;
  readonly executionArn: string;
  readonly status: string;
  readonly startedAt: string;
  readonly stoppedAt?: string | undefined;
  readonly error?: string | undefined;
  /** The AWS console page of the execution; absent locally. */
  readonly consoleUrl?: string | undefined;
}

export interface ShowView {
  readonly booking: SupportBooking;
  /** The evaluation criteria the call failed (flagged for support), with their rationale. */
  readonly flaggedCriteria?: readonly FlaggedCriterion[] | undefined;
  readonly emails: readonly { template: string; at: string; messageId?: string | undefined }[];
  readonly executions: readonly ExecutionView[];
  readonly timeline: readonly TimelineEntry[];
}

export interface ActionResult {
  readonly action: string;
  readonly bookingId: string;
  readonly by: string;
  readonly reason: string;
  readonly outcome: Readonly<Record<string, string>>;
}

const statusColours: Readonly<Record<string, Parameters<typeof styleText>[0]>> = {
  completed: 'green',
  paid: 'green',
  SUCCEEDED: 'green',
  failed: 'red',
  no_answer: 'yellow',
  FAILED: 'red',
  TIMED_OUT: 'red',
  ABORTED: 'yellow',
  cancelled: 'yellow',
  refunded: 'yellow',
  RUNNING: 'cyan',
};

function paint(style: OutputStyle, format: Parameters<typeof styleText>[0], text: string): string {
  return style.tty ? styleText(format, text, { validateStream: false }) : text;
}

function status(style: OutputStyle, value: string): string {
  const colour = statusColours[value];
  return colour ? paint(style, colour, value) : value;
}

function heading(style: OutputStyle, text: string): string {
  return style.tty ? paint(style, 'bold', text) : `== ${text}`;
}

function details(detail: Readonly<Record<string, string>>): string {
  return Object.entries(detail)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
}

/** Rows as a table in a terminal, tab-separated lines when piped. */
function rows(style: OutputStyle, head: readonly string[], body: readonly string[][]): string {
  if (!style.tty) return body.map((row) => row.join('\t')).join('\n');
  // cli-table3 paints headings red by default; red here means something failed.
  const table = new Table({
    head: head.map((name) => paint(style, 'bold', name)),
    wordWrap: true,
    style: { head: [] },
  });
  table.push(...body);
  return table.toString();
}

function keyValues(style: OutputStyle, values: Readonly<Record<string, string>>): string {
  const entries = Object.entries(values);
  if (!style.tty) return entries.map(([key, value]) => `${key}: ${value}`).join('\n');
  const table = new Table();
  table.push(...entries.map(([key, value]) => ({ [key]: status(style, value) })));
  return table.toString();
}

export function renderFind(found: readonly FoundBooking[], style: OutputStyle): string {
  if (style.json) return JSON.stringify({ bookings: found }, null, 2);
  if (found.length === 0) return 'No booking found.';
  return rows(
    style,
    ['booking', 'call', 'payment', 'call time (UTC)', 'booked at'],
    found.map((booking) => [
      booking.bookingId,
      status(style, booking.callStatus),
      status(style, booking.paymentStatus),
      booking.scheduledAt,
      booking.createdAt,
    ]),
  );
}

export function renderShow(view: ShowView, style: OutputStyle): string {
  if (style.json) return JSON.stringify(view, null, 2);
  const parts = [heading(style, `Booking ${view.booking.facts.bookingId ?? ''}`)];
  parts.push(keyValues(style, view.booking.facts));
  parts.push(
    view.booking.personal
      ? `${heading(style, 'Personal data (revealed; recorded in the audit trail)')}\n${keyValues(style, view.booking.personal)}`
      : "The child's details and the parent's contact are hidden: --reveal shows them (and records that you looked).",
  );
  if (view.flaggedCriteria?.length) {
    parts.push(heading(style, 'Call flagged: failed evaluation criteria'));
    parts.push(
      rows(
        style,
        ['criterion', 'rationale'],
        view.flaggedCriteria.map((flag) => [paint(style, 'red', flag.criterion), flag.rationale]),
      ),
    );
  }
  parts.push(heading(style, 'Provider ids'));
  parts.push(
    Object.keys(view.booking.providers).length
      ? keyValues(style, view.booking.providers)
      : 'none yet',
  );
  parts.push(heading(style, 'Emails'));
  parts.push(
    view.emails.length
      ? rows(
          style,
          ['email', 'sent at', 'message id'],
          view.emails.map((email) => [email.template, email.at, email.messageId ?? '']),
        )
      : 'none sent',
  );
  parts.push(heading(style, 'Executions'));
  parts.push(
    view.executions.length
      ? rows(
          style,
          ['name', 'status', 'started', 'stopped', 'error', 'console'],
          view.executions.map((execution) => [
            execution.name,
            status(style, execution.status),
            execution.startedAt,
            execution.stoppedAt ?? '',
            execution.error ?? '',
            execution.consoleUrl ?? '',
          ]),
        )
      : 'none',
  );
  parts.push(heading(style, 'Timeline'));
  parts.push(
    rows(
      style,
      ['at', 'source', 'what', 'execution', 'detail'],
      view.timeline.map((entry) => [
        entry.at,
        entry.source,
        entry.what.includes('Failed') || entry.what.includes('TimedOut')
          ? paint(style, 'red', entry.what)
          : entry.what,
        entry.execution ?? '',
        details(entry.detail),
      ]),
    ),
  );
  return parts.join('\n');
}

export function renderAction(result: ActionResult, style: OutputStyle): string {
  if (style.json) return JSON.stringify(result, null, 2);
  const line = `${paint(style, 'green', result.action)} ${result.bookingId} by ${result.by} (${result.reason})`;
  const outcome = details(result.outcome);
  return outcome ? `${line}\n${outcome}` : line;
}
