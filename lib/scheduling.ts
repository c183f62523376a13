import { type RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Alerts } from './alerts.ts';
import { deadLetterAlarm, deadLetterQueue } from './dead-letter-queue.ts';

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

    this.deadLetterQueue = deadLetterQueue(this, 'DeadLetterQueue', 'the booking schedules');

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
    this.undeliveredSchedulesAlarm = deadLetterAlarm(
      this,
      'UndeliveredSchedulesAlarm',
      this.deadLetterQueue,
      'A booking schedule fired but could not start the booking workflow.',
    );
    props.alerts.notify(this.undeliveredSchedulesAlarm);
  }
}
