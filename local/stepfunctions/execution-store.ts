import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readJsonFile, writeJsonFile } from '../json-file.ts';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface HistoryEventRecord {
  readonly timestamp: number;
  readonly type: string;
  /** AWS names each event's details field after the event, e.g. `taskSucceededEventDetails`. */
  readonly detailsKey?: string;
  readonly details?: Record<string, unknown>;
  /**
   * The state a task event (TaskScheduled, TaskSubmitted, …) belongs to. Not part of AWS's
   * history shape: kept so a restart can tell which state's Lambda already ran.
   */
  readonly stateName?: string;
}

export interface ExecutionRecord {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: string;
  status: ExecutionStatus;
  readonly startDate: number;
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
  readonly events: HistoryEventRecord[];
}

/**
 * Executions kept in memory and mirrored to one JSON file each under the data folder, so they
 * survive a restart. Writes to one execution's file are serialised.
 */
export class ExecutionStore {
  private readonly records = new Map<string, ExecutionRecord>();
  private readonly writes = new Map<string, Promise<void>>();

  constructor(private readonly directory: string) {}

  async load(): Promise<ExecutionRecord[]> {
    const files = await readdir(this.directory).catch(() => [] as string[]);
    for (const file of files.filter((name) => name.endsWith('.json'))) {
      const record = (await readJsonFile(join(this.directory, file))) as ExecutionRecord;
      this.records.set(record.executionArn, record);
    }
    return [...this.records.values()];
  }

  get(executionArn: string): ExecutionRecord | undefined {
    return this.records.get(executionArn);
  }

  all(): ExecutionRecord[] {
    return [...this.records.values()];
  }

  add(record: ExecutionRecord): void {
    this.records.set(record.executionArn, record);
    this.save(record);
  }

  /** Persists the record's current state after the caller changed it. */
  save(record: ExecutionRecord): void {
    const path = join(this.directory, `${encodeURIComponent(record.name)}.json`);
    const previous = this.writes.get(record.executionArn) ?? Promise.resolve();
    const next = previous
      .then(() => writeJsonFile(path, record))
      .catch((error: unknown) => console.error('[stepfunctions] could not save execution', error));
    this.writes.set(record.executionArn, next);
  }

  /** Resolves when every pending write has reached the disk. */
  async flush(): Promise<void> {
    await Promise.all(this.writes.values());
  }
}
