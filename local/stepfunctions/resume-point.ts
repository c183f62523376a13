import type { HistoryEventRecord } from './execution-store.ts';

/** What the top level of a definition says about one state, enough to find its successor. */
export interface TopLevelState {
  readonly Type: string;
  readonly Next?: string;
  readonly End?: boolean;
}

/** Facts about a state that was running when the engine stopped. */
export interface EnteredState {
  /** When its StateEntered event happened, epoch ms: a Wait's sleep counts from here. */
  readonly at: number;
  /** True when its task's Lambda returned (TaskSubmitted) and no later task event followed. */
  readonly submitted: boolean;
}

/**
 * Where an execution interrupted by a stop or a crash carries on:
 * - `beginning`: nothing ran yet; start from `StartAt` with the execution's input;
 * - `state`: run the machine from `stateName` with `input`; `entered` is set when that state
 *   was already running (its StateEntered is in the history and must not be repeated);
 * - `succeeded`: the last state was terminal and exited; only the ending was not recorded.
 */
export type ResumePoint =
  | { readonly kind: 'beginning' }
  | {
      readonly kind: 'state';
      readonly stateName: string;
      readonly input: unknown;
      readonly entered: EnteredState | undefined;
    }
  | { readonly kind: 'succeeded'; readonly output: unknown };

const taskEventTypes = new Set([
  'TaskScheduled',
  'TaskSubmitted',
  'TaskSucceeded',
  'TaskFailed',
  'TaskTimedOut',
]);

interface OpenState {
  readonly input: unknown;
  readonly at: number;
  submitted: boolean;
}

/**
 * Reads an execution's persisted history (a prefix of what happened: each save writes the
 * whole record) and finds the top-level state to resume at. A state inside a Parallel or Map
 * branch resumes by running its enclosing top-level state again (at-least-once, as AWS
 * retries may also do).
 */
export function findResumePoint(
  events: readonly HistoryEventRecord[],
  topLevel: Readonly<Record<string, TopLevelState>>,
): ResumePoint {
  const open = new Map<string, OpenState>();
  const enteredInputs = new Map<string, unknown>();
  let lastEntered: string | undefined;
  let lastExited: { name: string; output: unknown } | undefined;
  for (const event of events) {
    const name = typeof event.details?.name === 'string' ? event.details.name : undefined;
    if (event.type.endsWith('StateEntered') && name) {
      const input = parseJson(event.details?.input);
      open.set(name, { input, at: event.timestamp, submitted: false });
      enteredInputs.set(name, input);
      lastEntered = name;
    } else if (event.type.endsWith('StateExited') && name) {
      open.delete(name);
      if (name in topLevel) lastExited = { name, output: parseJson(event.details?.output) };
    } else if (taskEventTypes.has(event.type)) {
      const state = open.get(event.stateName ?? lastEntered ?? '');
      if (state) state.submitted = event.type === 'TaskSubmitted';
    }
  }
  const running = [...open.keys()].find((name) => name in topLevel);
  if (running) {
    const state = open.get(running) as OpenState;
    return {
      kind: 'state',
      stateName: running,
      input: state.input,
      entered: { at: state.at, submitted: state.submitted },
    };
  }
  if (!lastExited) return { kind: 'beginning' };
  // Stopped between one state's exit and the next one's entry.
  const exited = topLevel[lastExited.name];
  if (exited?.Type === 'Choice') {
    // A Choice is a pure function of its input: deciding again gives the same branch.
    return {
      kind: 'state',
      stateName: lastExited.name,
      input: enteredInputs.get(lastExited.name) ?? null,
      entered: undefined,
    };
  }
  if (exited?.Next) {
    return { kind: 'state', stateName: exited.Next, input: lastExited.output, entered: undefined };
  }
  if (exited?.End || exited?.Type === 'Succeed') {
    return { kind: 'succeeded', output: lastExited.output };
  }
  return { kind: 'beginning' };
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
