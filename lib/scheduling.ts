import { Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Alerts } from './alerts.ts';
import { acknowledge } from './nag.ts';

export interface SchedulingProps {
  readonly scheduleGroupName: string;
  /** The one state machine schedules may start. */
  readonly bookingWorkflowArn: string;
  /** Removing the group deletes every pending booking schedule with it. */
  readonly removalPolicy: RemovalPolicy;
  /** Where the undelivered-schedules alarm notifies. */
  readonly alerts: Alerts;
}

/**
 * One EventBridge Scheduler entry per booking lives in this group. Handlers create the entries
 * at run time; this construct owns what they point at: the role Scheduler assumes to start the
 * booking workflow, and the dead-letter queue for firings that could not start it.
 */
export class Scheduling extends Construct {
  readonly scheduleGroup: ScheduleGroup;
  readonly schedulerRole: Role;
  readonly deadLetterQueue: Queue;
  /** A booking schedule fired but could not start the workflow. */
  readonly undeliveredSchedulesAlarm: Alarm;

  constructor(scope: Construct, id: string, props: SchedulingProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.scheduleGroup = new ScheduleGroup(this, 'Group', {
      scheduleGroupName: props.scheduleGroupName,
      removalPolicy: props.removalPolicy,
    });

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      this.deadLetterQueue.node.defaultChild ?? this.deadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter queue of the booking schedules; nothing consumes ' +
        'it automatically, so a further dead-letter queue behind it would never receive anything.',
    );

    this.schedulerRole = new Role(this, 'SchedulerRole', {
      description: 'Assumed by EventBridge Scheduler to start booking workflow executions',
      // Only schedules of this account's booking group may use the role (confused deputy).
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': stack.account,
            'aws:SourceArn': this.scheduleGroup.scheduleGroupArn,
          },
        },
      }),
    });
    this.schedulerRole.addToPolicy(
      new PolicyStatement({
        actions: ['states:StartExecution'],
        resources: [props.bookingWorkflowArn],
      }),
    );
    this.schedulerRole.addToPolicy(
      new PolicyStatement({
        actions: ['sqs:SendMessage'],
        resources: [this.deadLetterQueue.queueArn],
      }),
    );

    // A message here is a booked call that did not start: someone has to look at it today.
    this.undeliveredSchedulesAlarm = new Alarm(this, 'UndeliveredSchedulesAlarm', {
      alarmDescription: 'A booking schedule fired but could not start the booking workflow.',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    props.alerts.notify(this.undeliveredSchedulesAlarm);
  }
}
