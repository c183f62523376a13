import {
  DescribeExecutionCommand,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  RedriveExecutionCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { requireEnv } from '../../functions/config/env.ts';
import { envNames } from '../../functions/resources.ts';
import type { ExecutionView } from './render.ts';
import type { ExecutionHistory, HistoryEntry } from './timeline.ts';

/** Built when first used: after the stage's environment is in place (endpoint, region). */
let client: SFNClient | undefined;
const sfn = () => {
  client ??= new SFNClient({});
  return client;
};

/** The ARN of the booking workflow's execution with this name. */
export function executionArnFor(executionName: string): string {
  const machine = requireEnv(envNames.stateMachineArn);
  return `${machine.replace(':stateMachine:', ':execution:')}:${executionName}`;
}

/**
 * The names a booking's executions may have: every name the booking and its audit trail record
 * (`executionName`, recovery and video runs), and the first run of each schedule version
 * (`booking-<id>-v<n>`, `core/workflow-start.ts`). Asked for by name, so no listing of every
 * execution of the state machine is needed on a busy night.
 */
export function candidateExecutionNames(
  booking: {
    readonly bookingId: string;
    readonly version: number;
    readonly executionName?: string | undefined;
  },
  audit: readonly { readonly detail?: Readonly<Record<string, string>> | undefined }[],
): string[] {
  const names = [
    ...Array.from(
      { length: booking.version },
      (_, index) => `booking-${booking.bookingId}-v${index + 1}`,
    ),
    ...(booking.executionName ? [booking.executionName] : []),
    ...audit.flatMap((event) =>
      [event.detail?.executionName].filter((name): name is string => Boolean(name)),
    ),
  ];
  return [...new Set(names)];
}

/** History event types that tell the story (states entered, left, failed; the run's end). */
function storyEvent(event: HistoryEvent): HistoryEntry | undefined {
  const at = event.timestamp ? new Date(event.timestamp).toISOString() : '';
  const type = event.type ?? 'Unknown';
  const failure =
    event.taskFailedEventDetails ??
    event.executionFailedEventDetails ??
    event.taskTimedOutEventDetails ??
    event.executionAbortedEventDetails ??
    event.executionTimedOutEventDetails;
  const state = event.stateEnteredEventDetails?.name ?? event.stateExitedEventDetails?.name;
  if (!state && !failure && !type.startsWith('Execution')) return undefined;
  // Only names, errors and causes: state inputs and outputs carry the child's details.
  return {
    at,
    type,
    ...(state ? { state } : {}),
    ...(failure?.error ? { error: failure.error } : {}),
    ...(failure?.cause ? { cause: failure.cause.slice(0, 300) } : {}),
  };
}

export interface BookingExecution {
  readonly view: ExecutionView;
  readonly history: ExecutionHistory;
}

/** The named executions that exist, each with its state history, oldest first. */
export async function bookingExecutions(
  names: readonly string[],
  consoleUrl?: (executionArn: string) => string,
): Promise<BookingExecution[]> {
  const found = await Promise.all(names.map((name) => describe(name, consoleUrl)));
  return found
    .filter((execution): execution is BookingExecution => execution !== undefined)
    .sort((a, b) => Date.parse(a.view.startedAt) - Date.parse(b.view.startedAt));
}

async function describe(
  name: string,
  consoleUrl?: (executionArn: string) => string,
): Promise<BookingExecution | undefined> {
  const executionArn = executionArnFor(name);
  try {
    const execution = await sfn().send(new DescribeExecutionCommand({ executionArn }));
    const events: HistoryEntry[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn().send(
        new GetExecutionHistoryCommand({
          executionArn,
          nextToken,
          maxResults: 1000,
          includeExecutionData: false,
        }),
      );
      for (const event of page.events ?? []) {
        const entry = storyEvent(event);
        if (entry) events.push(entry);
      }
      nextToken = page.nextToken;
    } while (nextToken);
    return {
      view: {
        name,
        executionArn,
        status: execution.status ?? 'UNKNOWN',
        startedAt: execution.startDate?.toISOString() ?? '',
        ...(execution.stopDate ? { stoppedAt: execution.stopDate.toISOString() } : {}),
        ...(execution.error ? { error: execution.error } : {}),
        ...(consoleUrl ? { consoleUrl: consoleUrl(executionArn) } : {}),
      },
      history: { name, events },
    };
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) return undefined;
    throw error;
  }
}

/**
 * Asks Step Functions to redrive a failed execution from its failed state. False when the
 * engine has no RedriveExecution (the local engine) or refuses this execution (not failed, too
 * old, or its failure not redrivable); the caller then starts a recovery run instead.
 */
export async function redriveExecution(executionArn: string): Promise<boolean> {
  try {
    await sfn().send(
      new RedriveExecutionCommand({ executionArn, clientToken: executionArn.slice(-64) }),
    );
    return true;
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (
      ['UnknownOperationException', 'ExecutionNotRedrivable', 'ValidationException'].includes(name)
    ) {
      return false;
    }
    throw error;
  }
}
