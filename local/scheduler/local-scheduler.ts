import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { AwsServiceError } from '../aws-errors.ts';
import { readJsonFile, writeJsonFile } from '../json-file.ts';
import { realInstantFor, type TimeCompression } from '../time-compression.ts';
import { atExpressionInstant } from './schedule-expression.ts';

export interface ScheduleTarget {
  readonly Arn: string;
  readonly RoleArn: string;
  readonly Input?: string;
  readonly RetryPolicy?: { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number };
  readonly DeadLetterConfig?: { Arn?: string };
}

export interface Schedule {
  readonly Name: string;
  readonly GroupName: string;
  readonly ScheduleExpression: string;
  readonly ScheduleExpressionTimezone?: string;
  readonly Target: ScheduleTarget;
  readonly FlexibleTimeWindow: { Mode: 'OFF' | 'FLEXIBLE'; MaximumWindowInMinutes?: number };
  readonly State: 'ENABLED' | 'DISABLED';
  readonly ActionAfterCompletion: 'NONE' | 'DELETE';
  readonly Description?: string;
  readonly CreationDate: number;
  readonly LastModificationDate: number;
  /** The instant the at() expression names (epoch ms). */
  readonly fireAt: number;
  /** Set once a schedule kept after completion (ActionAfterCompletion NONE) has fired. */
  readonly completedAt?: number;
}

export type ScheduleInput = Omit<
  Schedule,
  'CreationDate' | 'LastModificationDate' | 'fireAt' | 'completedAt'
>;

interface PersistedState {
  groups: string[];
  schedules: Schedule[];
}

const universalStartExecution = 'arn:aws:scheduler:::aws-sdk:sfn:startExecution';
/** Scheduler retries for up to 185 attempts in AWS; locally a few quick tries show the path. */
const localMaxRetries = 5;

/**
 * EventBridge Scheduler's one-time schedules, kept in one JSON file under the data folder and
 * re-armed at start; a schedule whose time passed while the local cloud was down fires at once.
 * Firing calls the target through the real AWS SDK, as the service's universal target does.
 */
export class LocalScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly sfn = new SFNClient({});
  private state: PersistedState = { groups: ['default'], schedules: [] };
  private writes: Promise<void> = Promise.resolve();
  private persistQueued = false;
  private closed = false;

  private constructor(
    private readonly directory: string,
    private readonly region: string,
    private readonly accountId: string,
    private readonly time: TimeCompression,
  ) {}

  private get timeScale(): number {
    return this.time.scale;
  }

  static async create(options: {
    directory: string;
    region: string;
    accountId: string;
    timeScale: number;
    /** CALLSANTA_TIME_ANCHOR (epoch ms): `at()` instants map around it (`time-compression.ts`). */
    timeAnchorMs?: number;
    groups: readonly string[];
  }): Promise<LocalScheduler> {
    const scheduler = new LocalScheduler(options.directory, options.region, options.accountId, {
      scale: options.timeScale,
      ...(options.timeAnchorMs === undefined ? {} : { anchorMs: options.timeAnchorMs }),
    });
    const saved = (await readJsonFile(scheduler.file).catch(() => undefined)) as
      | PersistedState
      | undefined;
    if (saved) scheduler.state = saved;
    for (const group of options.groups) scheduler.createGroup(group, { ifMissing: true });
    for (const schedule of scheduler.state.schedules) scheduler.arm(schedule);
    scheduler.persist();
    return scheduler;
  }

  private get file(): string {
    return join(this.directory, 'schedules.json');
  }

  arn(group: string, name: string): string {
    return `arn:aws:scheduler:${this.region}:${this.accountId}:schedule/${group}/${name}`;
  }

  groupArn(group: string): string {
    return `arn:aws:scheduler:${this.region}:${this.accountId}:schedule-group/${group}`;
  }

  createGroup(name: string, options: { ifMissing?: boolean } = {}): void {
    if (this.state.groups.includes(name)) {
      if (options.ifMissing) return;
      throw new AwsServiceError('ConflictException', `Schedule group ${name} already exists.`, 409);
    }
    this.state.groups.push(name);
    this.persist();
  }

  hasGroup(name: string): boolean {
    return this.state.groups.includes(name);
  }

  create(input: ScheduleInput): Schedule {
    this.assertGroup(input.GroupName);
    if (this.find(input.GroupName, input.Name)) {
      throw new AwsServiceError('ConflictException', `Schedule ${input.Name} already exists.`, 409);
    }
    const now = Date.now();
    const schedule = this.complete(input, now, now);
    this.state.schedules.push(schedule);
    this.arm(schedule);
    this.persist();
    return schedule;
  }

  update(input: ScheduleInput): Schedule {
    const existing = this.get(input.GroupName, input.Name);
    const schedule = this.complete(input, existing.CreationDate, Date.now());
    this.replace(existing, schedule);
    this.arm(schedule);
    this.persist();
    return schedule;
  }

  get(group: string, name: string): Schedule {
    this.assertGroup(group);
    const schedule = this.find(group, name);
    if (!schedule) {
      throw new AwsServiceError(
        'ResourceNotFoundException',
        `Schedule ${name} does not exist.`,
        404,
      );
    }
    return schedule;
  }

  delete(group: string, name: string): void {
    const schedule = this.get(group, name);
    this.replace(schedule, undefined);
    this.persist();
  }

  list(filter: { group?: string; namePrefix?: string; state?: string }): Schedule[] {
    return this.state.schedules.filter(
      (schedule) =>
        (filter.group === undefined || schedule.GroupName === filter.group) &&
        (filter.namePrefix === undefined || schedule.Name.startsWith(filter.namePrefix)) &&
        (filter.state === undefined || schedule.State === filter.state),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.sfn.destroy();
    await this.writes;
  }

  private complete(input: ScheduleInput, created: number, modified: number): Schedule {
    let fireAt: number;
    try {
      fireAt = atExpressionInstant(
        input.ScheduleExpression,
        input.ScheduleExpressionTimezone,
      ).getTime();
    } catch (error) {
      throw new AwsServiceError('ValidationException', (error as Error).message);
    }
    return { ...input, CreationDate: created, LastModificationDate: modified, fireAt };
  }

  private find(group: string, name: string): Schedule | undefined {
    return this.state.schedules.find((s) => s.GroupName === group && s.Name === name);
  }

  private assertGroup(group: string): void {
    if (!this.hasGroup(group)) {
      throw new AwsServiceError(
        'ResourceNotFoundException',
        `Schedule group ${group} does not exist.`,
        404,
      );
    }
  }

  private replace(current: Schedule, next: Schedule | undefined): void {
    this.disarm(current);
    this.state.schedules = this.state.schedules.filter((s) => s !== current);
    if (next) this.state.schedules.push(next);
  }

  private key(schedule: Pick<Schedule, 'GroupName' | 'Name'>): string {
    return `${schedule.GroupName}/${schedule.Name}`;
  }

  private arm(schedule: Schedule): void {
    this.disarm(schedule);
    if (schedule.State !== 'ENABLED' || schedule.completedAt !== undefined) return;
    const now = Date.now();
    const delay = realInstantFor(schedule.fireAt, now, this.time) - now;
    // Node timers overflow past ~24.8 days: re-arm in steps until the time comes.
    const step = Math.min(delay, 2 ** 31 - 1);
    const timer = setTimeout(() => {
      this.timers.delete(this.key(schedule));
      if (step < delay) this.arm(schedule);
      else void this.fire(schedule);
    }, step);
    this.timers.set(this.key(schedule), timer);
  }

  private disarm(schedule: Pick<Schedule, 'GroupName' | 'Name'>): void {
    const key = this.key(schedule);
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  private async fire(schedule: Schedule): Promise<void> {
    const maxRetries = Math.min(
      schedule.Target.RetryPolicy?.MaximumRetryAttempts ?? 185,
      localMaxRetries,
    );
    let lastError: unknown;
    for (let attempt = 0; attempt <= maxRetries && !this.closed; attempt++) {
      try {
        await this.invokeTarget(schedule.Target);
        lastError = undefined;
        break;
      } catch (error) {
        lastError = error;
        await new Promise((resolve) => setTimeout(resolve, (2 ** attempt * 1000) / this.timeScale));
      }
    }
    if (this.closed) return;
    if (lastError !== undefined) await this.deadLetter(schedule, lastError);
    // The schedule may have been updated or deleted while its target was being called.
    if (this.find(schedule.GroupName, schedule.Name) !== schedule) return;
    this.replace(
      schedule,
      schedule.ActionAfterCompletion === 'DELETE'
        ? undefined
        : { ...schedule, completedAt: Date.now() },
    );
    this.persist();
  }

  private async invokeTarget(target: ScheduleTarget): Promise<void> {
    if (target.Arn === universalStartExecution) {
      const request = JSON.parse(target.Input ?? '{}') as {
        StateMachineArn: string;
        Name?: string;
        Input?: string;
      };
      await this.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: request.StateMachineArn,
          name: request.Name,
          input: request.Input,
        }),
      );
      return;
    }
    if (target.Arn.includes(':states:') && target.Arn.includes(':stateMachine:')) {
      await this.sfn.send(
        new StartExecutionCommand({ stateMachineArn: target.Arn, input: target.Input }),
      );
      return;
    }
    throw new Error(`The local scheduler cannot invoke target ${target.Arn}.`);
  }

  private async deadLetter(schedule: Schedule, error: unknown): Promise<void> {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    console.error(`[scheduler] ${this.key(schedule)} could not invoke its target: ${reason}`);
    await appendFile(
      join(this.directory, 'dead-letters.jsonl'),
      `${JSON.stringify({ schedule: this.key(schedule), deadLetterArn: schedule.Target.DeadLetterConfig?.Arn, reason, at: new Date().toISOString() })}\n`,
    ).catch(() => undefined);
  }

  /**
   * Saves the schedules; saves asked for while a write runs share the one write after it,
   * which serialises the state as it begins — a burst of bookings costs two writes, not one
   * per schedule.
   */
  private persist(): void {
    if (this.persistQueued) return;
    this.persistQueued = true;
    this.writes = this.writes
      .then(() => {
        this.persistQueued = false;
        return writeJsonFile(this.file, this.state);
      })
      .catch((error: unknown) => console.error('[scheduler] could not save schedules', error));
  }
}
