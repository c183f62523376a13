import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CallSantaStack } from '../../lib/callsanta-stack.ts';
import { flatten, logicalId, statementsOfRole, synthesize } from './synth.ts';

describe('booking schedules', () => {
  let template: Template;
  let stack: CallSantaStack;

  beforeAll(() => {
    ({ template, stack } = synthesize());
  }, 60_000);

  it('live in their own schedule group', () => {
    template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', {
      Name: 'CallSanta-dev-bookings',
    });
  });

  it('use a role that may only start this state machine and report to its dead-letter queue', () => {
    // Arrange
    const stateMachineName = template.toJSON().Resources[
      logicalId(stack.bookingWorkflow.stateMachine)
    ].Properties.StateMachineName as string;
    const role = logicalId(stack.scheduling.schedulerRole);
    const queue = logicalId(stack.scheduling.deadLetterQueue);

    // Act
    const statements = statementsOfRole(template, role);

    // Assert
    expect(
      statements.map((statement) => ({
        effect: statement.Effect,
        actions: statement.Action,
        resources: statement.Resource.map(flatten),
      })),
    ).toEqual([
      {
        effect: 'Allow',
        actions: ['states:StartExecution'],
        resources: [
          `arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:stateMachine:${stateMachineName}`,
        ],
      },
      { effect: 'Allow', actions: ['sqs:SendMessage'], resources: [`<${queue}.Arn>`] },
    ]);
    expect(template.toJSON().Resources[role].Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('use a role only Scheduler can assume, and only for this account and group', () => {
    const role = template.toJSON().Resources[logicalId(stack.scheduling.schedulerRole)];

    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: {
          StringEquals: {
            'aws:SourceAccount': { Ref: 'AWS::AccountId' },
            'aws:SourceArn': { 'Fn::GetAtt': [logicalId(stack.scheduling.scheduleGroup), 'Arn'] },
          },
        },
      },
    ]);
  });

  it('send undeliverable firings to an encrypted, TLS-only queue with an alarm on it', () => {
    const queue = logicalId(stack.scheduling.deadLetterQueue);

    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queue }],
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Deny',
            Action: 'sqs:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }],
    });
  });
});
