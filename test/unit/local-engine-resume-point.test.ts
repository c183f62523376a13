import { expect, it } from 'vitest';
import type { HistoryEventRecord } from '../../local/stepfunctions/execution-store.ts';
import { findResumePoint, type ResumePoint } from '../../local/stepfunctions/resume-point.ts';

const topLevel = {
  Check: { Type: 'Task', Next: 'Decide' },
  Decide: { Type: 'Choice' },
  Nap: { Type: 'Wait', Next: 'Call' },
  Call: { Type: 'Task', Next: 'Fan out' },
  'Fan out': { Type: 'Parallel', End: true },
};

let clock = 1000;
const at = () => (clock += 10);
const entered = (name: string, input: unknown, timestamp = at()): HistoryEventRecord => ({
  timestamp,
  type: 'TaskStateEntered',
  detailsKey: 'stateEnteredEventDetails',
  details: { name, input: JSON.stringify(input) },
});
const exited = (name: string, output: unknown): HistoryEventRecord => ({
  timestamp: at(),
  type: 'TaskStateExited',
  detailsKey: 'stateExitedEventDetails',
  details: { name, output: JSON.stringify(output) },
});
const task = (type: string, stateName?: string): HistoryEventRecord => ({
  timestamp: at(),
  type,
  ...(stateName ? { stateName } : {}),
});
const started: HistoryEventRecord = { timestamp: 1000, type: 'ExecutionStarted' };

it.each<[string, HistoryEventRecord[], ResumePoint]>([
  ['nothing ran yet', [started], { kind: 'beginning' }],
  [
    'a Wait was sleeping',
    [
      started,
      entered('Check', { a: 1 }),
      exited('Check', { a: 2 }),
      entered('Nap', { a: 3 }, 5000),
    ],
    { kind: 'state', stateName: 'Nap', input: { a: 3 }, entered: { at: 5000, submitted: false } },
  ],
  [
    'a callback task’s Lambda had returned',
    [
      started,
      entered('Call', { a: 1 }, 7000),
      task('TaskScheduled', 'Call'),
      task('TaskSubmitted', 'Call'),
    ],
    { kind: 'state', stateName: 'Call', input: { a: 1 }, entered: { at: 7000, submitted: true } },
  ],
  [
    'a task was mid-invoke (older history without state names)',
    [started, entered('Call', { a: 1 }, 7000), task('TaskScheduled')],
    { kind: 'state', stateName: 'Call', input: { a: 1 }, entered: { at: 7000, submitted: false } },
  ],
  [
    'a callback task failed and was being retried',
    [
      started,
      entered('Call', { a: 1 }, 7000),
      task('TaskSubmitted', 'Call'),
      task('TaskFailed', 'Call'),
      task('TaskScheduled', 'Call'),
    ],
    { kind: 'state', stateName: 'Call', input: { a: 1 }, entered: { at: 7000, submitted: false } },
  ],
  [
    'a state inside a Parallel branch: the Parallel runs again',
    [started, entered('Fan out', { a: 1 }, 9000), entered('Branch step', { b: 1 })],
    {
      kind: 'state',
      stateName: 'Fan out',
      input: { a: 1 },
      entered: { at: 9000, submitted: false },
    },
  ],
  [
    'between a Task’s exit and the next entry',
    [started, entered('Nap', { a: 1 }), exited('Nap', { a: 2 })],
    { kind: 'state', stateName: 'Call', input: { a: 2 }, entered: undefined },
  ],
  [
    'between a Choice’s exit and the next entry: it decides again',
    [
      started,
      entered('Check', { a: 1 }),
      exited('Check', { a: 2 }),
      entered('Decide', { a: 2 }),
      exited('Decide', { a: 2 }),
    ],
    { kind: 'state', stateName: 'Decide', input: { a: 2 }, entered: undefined },
  ],
  [
    'the last state ended the machine',
    [started, entered('Fan out', { a: 1 }), exited('Fan out', { done: true })],
    { kind: 'succeeded', output: { done: true } },
  ],
])('resumes where %s', (_, events, expected) => {
  expect(findResumePoint(events, topLevel)).toEqual(expected);
});
