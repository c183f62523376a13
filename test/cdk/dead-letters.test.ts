import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { scheduledFunctions } from '../../functions/operations/operation-functions.ts';
import type { CallSantaStack } from '../../lib/callsanta-stack.ts';
import { logicalId, synthesize } from './synth.ts';

type Resources = Record<string, { Properties: Record<string, unknown> }>;

/** Every asynchronous failure path ends in a dead-letter queue, never in silence. */
describe('dead-letter queues', () => {
  let template: Template;
  let stack: CallSantaStack;

  beforeAll(() => {
    ({ template, stack } = synthesize());
  }, 60_000);

  it('take every Scheduler schedule the stack declares that could not be delivered', () => {
    const schedules = template.findResources('AWS::Scheduler::Schedule') as Resources;

    expect(Object.keys(schedules).length).toBeGreaterThan(0);
    for (const [id, schedule] of Object.entries(schedules)) {
      const target = schedule.Properties.Target as { DeadLetterConfig?: { Arn?: unknown } };
      expect(target.DeadLetterConfig?.Arn, id).toEqual({
        'Fn::GetAtt': [logicalId(stack.operations.deadLetterQueue), 'Arn'],
      });
    }
  });

  it('take every failed asynchronous run of a scheduled function, which is not retried', () => {
    const configs = Object.values(
      template.findResources('AWS::Lambda::EventInvokeConfig') as Resources,
    );

    for (const definition of scheduledFunctions) {
      const fn = stack.operations.functions.get(definition.name);
      if (!fn) throw new Error(`No scheduled function ${definition.name}`);
      const config = configs.find(
        (c) =>
          JSON.stringify(c.Properties.FunctionName) ===
          JSON.stringify({ Ref: logicalId(fn.function) }),
      );

      expect(config?.Properties, definition.name).toMatchObject({
        MaximumRetryAttempts: 0,
        DestinationConfig: {
          OnFailure: {
            Destination: { 'Fn::GetAtt': [logicalId(stack.operations.deadLetterQueue), 'Arn'] },
          },
        },
      });
    }
  });

  it('leave no asynchronous invoke config without an on-failure destination', () => {
    for (const [id, config] of Object.entries(
      template.findResources('AWS::Lambda::EventInvokeConfig') as Resources,
    )) {
      expect(config.Properties.DestinationConfig, id).toMatchObject({
        OnFailure: { Destination: expect.anything() },
      });
    }
  });

  it('give every EventBridge rule target one (there are none today; a new one must)', () => {
    for (const [id, rule] of Object.entries(
      template.findResources('AWS::Events::Rule') as Resources,
    )) {
      for (const target of (rule.Properties.Targets ?? []) as { DeadLetterConfig?: unknown }[]) {
        expect(target.DeadLetterConfig, id).toBeDefined();
      }
    }
  });

  it('are encrypted, TLS-only and keep messages 14 days', () => {
    for (const queue of [
      stack.operations.deadLetterQueue,
      stack.scheduling.deadLetterQueue,
      stack.video.renderDeadLetterQueue,
    ]) {
      const { Properties } = template.toJSON().Resources[logicalId(queue)];
      expect(Properties).toMatchObject({
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 1_209_600,
      });
    }
  });

  it('each raise an alarm to the alarm topic as soon as one message waits', () => {
    // Arrange: every queue in the stack is a dead-letter queue; each must be watched.
    const queues = Object.keys(template.findResources('AWS::SQS::Queue'));
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm') as Resources);
    const topic = logicalId(stack.alerts.topic);

    // Act
    const watched = queues.filter((queue) =>
      alarms.some(({ Properties: alarm }) => {
        const dimensions = (alarm.Dimensions ?? []) as { Value?: unknown }[];
        return (
          alarm.MetricName === 'ApproximateNumberOfMessagesVisible' &&
          alarm.Threshold === 1 &&
          dimensions.some((d) => JSON.stringify(d.Value).includes(`"${queue}"`)) &&
          JSON.stringify(alarm.AlarmActions).includes(`"${topic}"`)
        );
      }),
    );

    // Assert
    expect(queues.length).toBeGreaterThanOrEqual(3);
    expect(watched.sort()).toEqual(queues.sort());
  });
});
