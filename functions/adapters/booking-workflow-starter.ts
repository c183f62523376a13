import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import {
  DescribeExecutionCommand,
  ExecutionDoesNotExist,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { requireEnv } from '../config/env.ts';
import { traced } from '../config/tracing.ts';
import type { ExecutionState } from '../core/reconcile.ts';
import { atExpression, scheduleNameFor, type WorkflowStart } from '../core/workflow-start.ts';
import { envNames } from '../resources.ts';

const scheduler = traced(new SchedulerClient({}));
const sfn = traced(new SFNClient({}));

/** Starts the booking's workflow now. Idempotent: the same name and input return the same run. */
export async function startWorkflowNow(start: WorkflowStart): Promise<void> {
  await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: requireEnv(envNames.stateMachineArn),
      name: start.executionName,
      input: JSON.stringify(start.input),
    }),
  );
}

function scheduleRequest(bookingId: string, start: WorkflowStart) {
  const deadLetterArn = process.env[envNames.scheduleDeadLetterQueueArn];
  return {
    Name: scheduleNameFor(bookingId),
    GroupName: requireEnv(envNames.scheduleGroup),
    ScheduleExpression: atExpression(start.startAt),
    ScheduleExpressionTimezone: 'UTC',
    FlexibleTimeWindow: { Mode: 'OFF' as const },
    ActionAfterCompletion: 'DELETE' as const,
    Target: {
      // The universal target, because only it lets us name the execution after the booking.
      Arn: 'arn:aws:scheduler:::aws-sdk:sfn:startExecution',
      RoleArn: requireEnv(envNames.schedulerRoleArn),
      Input: JSON.stringify({
        StateMachineArn: requireEnv(envNames.stateMachineArn),
        Name: start.executionName,
        Input: JSON.stringify(start.input),
      }),
      RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 3600 },
      ...(deadLetterArn ? { DeadLetterConfig: { Arn: deadLetterArn } } : {}),
    },
  };
}

/**
 * Puts the booking's one schedule in place: created, or updated when it already exists (a
 * retried webhook or a reschedule), so there is never a second one.
 */
export async function upsertBookingSchedule(
  bookingId: string,
  start: WorkflowStart,
): Promise<void> {
  const request = scheduleRequest(bookingId, start);
  try {
    await scheduler.send(new CreateScheduleCommand(request));
  } catch (error) {
    if (!(error instanceof ConflictException)) throw error;
    await scheduler.send(new UpdateScheduleCommand(request));
  }
}

/** Removes the booking's schedule; one that already fired or was removed is fine. */
export async function deleteBookingSchedule(bookingId: string): Promise<void> {
  try {
    await scheduler.send(
      new DeleteScheduleCommand({
        Name: scheduleNameFor(bookingId),
        GroupName: requireEnv(envNames.scheduleGroup),
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
}

/** The ARN of the booking workflow's execution with this name. */
function executionArnFor(executionName: string): string {
  const machine = requireEnv(envNames.stateMachineArn);
  return `${machine.replace(':stateMachine:', ':execution:')}:${executionName}`;
}

/**
 * How the named execution stands, as Step Functions reports it; `NONE` when there is no such
 * execution (its schedule has not fired yet, or never did).
 */
export async function executionState(executionName: string): Promise<ExecutionState> {
  try {
    const { status } = await sfn.send(
      new DescribeExecutionCommand({ executionArn: executionArnFor(executionName) }),
    );
    // PENDING_REDRIVE is a failed execution being redriven: it will run.
    return status === 'PENDING_REDRIVE' ? 'RUNNING' : ((status ?? 'NONE') as ExecutionState);
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) return 'NONE';
    throw error;
  }
}
