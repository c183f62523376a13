import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { scheduledFunctions } from '../../functions/operations/operation-functions.ts';
import type { CallSantaStack } from '../../lib/callsanta-stack.ts';
import { allowing, flatten, grantsOf, logicalId, synthesize } from './synth.ts';

describe('the reconciler', () => {
  let template: Template;
  let stack: CallSantaStack;

  beforeAll(() => {
    ({ template, stack } = synthesize());
  }, 60_000);

  it('runs every five minutes on an EventBridge Scheduler schedule that invokes it', () => {
    const fn = stack.operations.functions.get('ReconcileBookings');
    expect(fn).toBeDefined();
    const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule')) as {
      Properties: { ScheduleExpression: string; Target: { Arn: unknown; RoleArn: unknown } };
    }[];
    const mine = schedules.filter(
      (schedule) =>
        flatten(schedule.Properties.Target.Arn) === `<${logicalId(fn?.function ?? stack)}.Arn>`,
    );

    expect(mine).toHaveLength(1);
    expect(mine[0]?.Properties.ScheduleExpression).toBe('rate(5 minutes)');
  });

  it('may read how executions stand and start recovery runs, of the booking workflow only', () => {
    const fn = stack.operations.functions.get('ReconcileBookings');
    if (!fn) throw new Error('no reconciler');
    const grants = grantsOf(template, fn);

    const describe = allowing(grants, 'states:DescribeExecution').flatMap((s) =>
      s.Resource.map(flatten),
    );
    const start = allowing(grants, 'states:StartExecution').flatMap((s) => s.Resource.map(flatten));

    expect(describe).toHaveLength(1);
    expect(describe[0]).toMatch(/:execution:CallSanta-dev-booking:\*$/);
    expect(start.every((arn) => arn.endsWith(':stateMachine:CallSanta-dev-booking'))).toBe(true);
    expect(allowing(grants, 'states:SendTaskSuccess')).toEqual([]);
  });

  it('raises an alarm to the alarm topic when a run errors, and when a run lands in the dead-letter queue', () => {
    // One per scheduled function, and the dead-letter queue's.
    expect(stack.operations.alarms).toHaveLength(scheduledFunctions.length + 1);
  });
});
