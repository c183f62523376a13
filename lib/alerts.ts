import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlertsProps {
  /** Subscribed by email when set (the address confirms the subscription once). */
  readonly email?: string;
}

const cloudWatch = new ServicePrincipal('cloudwatch.amazonaws.com');

/**
 * Where alarms go: one SNS topic, encrypted with its own customer managed key and reachable
 * over TLS only. CloudWatch cannot publish to a topic encrypted with the AWS managed key
 * alias/aws/sns (its key policy cannot grant CloudWatch), hence the key of our own.
 */
export class Alerts extends Construct {
  readonly topic: Topic;
  readonly key: Key;

  constructor(scope: Construct, id: string, props: AlertsProps = {}) {
    super(scope, id);

    this.key = new Key(this, 'Key', {
      description: 'CallSanta alarm topic encryption',
      enableKeyRotation: true,
      // Alarm notifications are transient: nothing stays encrypted under this key once the
      // topic is gone, so it goes with the stack (after the shortest waiting period).
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    // What CloudWatch alarms need to publish to an encrypted topic.
    this.key.addToResourcePolicy(
      new PolicyStatement({
        principals: [cloudWatch],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );

    this.topic = new Topic(this, 'Topic', {
      displayName: 'CallSanta alarms',
      masterKey: this.key,
      enforceSSL: true,
    });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
  }

  /** Sends the alarm's state changes to ALARM to the topic, and lets exactly it publish there. */
  notify(alarm: Alarm): void {
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [cloudWatch],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          ArnEquals: { 'aws:SourceArn': alarm.alarmArn },
          StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
        },
      }),
    );
  }
}
