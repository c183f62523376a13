import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CallSantaStack } from '../../lib/callsanta-stack.ts';
import { buildTestApp, flatten, logicalId, synthesize } from './synth.ts';

type PolicyStatement = {
  Effect: string;
  Principal?: unknown;
  Action: string | string[];
  Resource?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
};
type Resource = { Type: string; Properties: Record<string, unknown> };

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

describe('the alarm topic', () => {
  let template: Template;
  let stack: CallSantaStack;
  let resources: Record<string, Resource>;
  let topic: string;

  beforeAll(() => {
    ({ template, stack } = synthesize());
    resources = template.toJSON().Resources;
    topic = logicalId(stack.alerts.topic);
  }, 60_000);

  /** The statements of the topic's access policy. */
  function topicStatements(): PolicyStatement[] {
    const policies = Object.values(resources).filter(
      (resource) =>
        resource.Type === 'AWS::SNS::TopicPolicy' &&
        asArray(resource.Properties.Topics).some((ref) => flatten(ref) === `<${topic}>`),
    );
    const [policy] = policies;
    if (!policy || policies.length > 1)
      throw new Error(`Expected one topic policy, got ${policies.length}`);
    return (policy.Properties.PolicyDocument as { Statement: PolicyStatement[] }).Statement;
  }

  it('is encrypted with its own rotating key, which CloudWatch may use to publish', () => {
    // Arrange
    const key = logicalId(stack.alerts.key);

    // Act
    const topicKey = resources[topic]?.Properties.KmsMasterKeyId;
    const keyProperties = resources[key]?.Properties as {
      EnableKeyRotation: boolean;
      KeyPolicy: { Statement: PolicyStatement[] };
    };
    const forCloudWatch = keyProperties.KeyPolicy.Statement.filter(
      (statement) =>
        JSON.stringify(statement.Principal) ===
        JSON.stringify({ Service: 'cloudwatch.amazonaws.com' }),
    );

    // Assert: not alias/aws/sns, whose key policy CloudWatch alarms cannot use.
    expect(topicKey).toEqual({ 'Fn::GetAtt': [key, 'Arn'] });
    expect(keyProperties.EnableKeyRotation).toBe(true);
    expect(forCloudWatch).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      }),
    ]);
  });

  it('refuses publishing without TLS', () => {
    expect(topicStatements()).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Principal: '*',
        Action: 'sns:Publish',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
  });

  it('lets CloudWatch publish from the stack’s own alarms only', () => {
    // Arrange
    const alarms = [
      stack.bookingWorkflow.failedExecutionsAlarm,
      stack.bookingWorkflow.timedOutExecutionsAlarm,
      stack.scheduling.undeliveredSchedulesAlarm,
      ...stack.operations.alarms,
      ...stack.video.alarms,
      ...stack.monitoring.alarms,
    ].map((alarm) => `<${logicalId(alarm)}.Arn>`);

    // Act
    const allowed = topicStatements().filter((statement) => statement.Effect === 'Allow');

    // Assert
    for (const statement of allowed) {
      expect(statement.Principal).toEqual({ Service: 'cloudwatch.amazonaws.com' });
      expect(asArray(statement.Action)).toEqual(['sns:Publish']);
      expect(statement.Condition?.StringEquals).toEqual({
        'aws:SourceAccount': { Ref: 'AWS::AccountId' },
      });
    }
    expect(
      allowed.flatMap((statement) =>
        asArray(statement.Condition?.ArnEquals?.['aws:SourceArn']).map(flatten),
      ),
    ).toEqual(expect.arrayContaining(alarms));
    expect(allowed).toHaveLength(alarms.length);
  });

  it('receives every alarm of the stack', () => {
    const alarms = Object.entries(resources).filter(
      ([, resource]) => resource.Type === 'AWS::CloudWatch::Alarm',
    );

    expect(alarms.length).toBeGreaterThanOrEqual(3);
    for (const [id, alarm] of alarms) {
      expect(alarm.Properties.AlarmActions, id).toEqual([{ Ref: topic }]);
    }
  });

  it('has no subscription unless an alarm email is set, and is an output', () => {
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    expect(template.findOutputs('AlarmTopicArn').AlarmTopicArn?.Value).toEqual({ Ref: topic });
  });

  it('subscribes the alarm email from context', () => {
    // Arrange
    const withEmail = synthesize({ alarmEmail: 'oncall@callsanta.example' });
    const subscriptions = Object.values(
      withEmail.template.findResources('AWS::SNS::Subscription'),
    ) as Resource[];

    // Act
    const [subscription] = subscriptions;

    // Assert
    expect(subscriptions).toHaveLength(1);
    expect(subscription?.Properties).toEqual({
      Protocol: 'email',
      Endpoint: 'oncall@callsanta.example',
      TopicArn: { Ref: logicalId(withEmail.stack.alerts.topic) },
    });
  });

  it('stops synth on an alarm email that is not an address', () => {
    expect(() => buildTestApp({ context: { alarmEmail: 'on call' } })).toThrow(
      /Context "alarmEmail"/,
    );
  });
});
