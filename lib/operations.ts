import { Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { scheduledFunctions } from '../functions/operations/operation-functions.ts';
import type { Alerts } from './alerts.ts';
import { deadLetterAlarm, deadLetterQueue } from './dead-letter-queue.ts';
import { type FunctionBindings, HouseFunction } from './house-function.ts';
import { acknowledge, wildcardResourceFinding } from './nag.ts';

export interface OperationsProps {
  readonly bindings: FunctionBindings;
  readonly logRemovalPolicy: RemovalPolicy;
  readonly alerts: Alerts;
}

/**
 * Functions that run on a timer — the reconciler that finds stuck bookings and resolves them —
 * each on an EventBridge Scheduler `rate()` schedule (in the default group: the booking group
 * holds one schedule per booking), with an alarm when a run errors.
 */
export class Operations extends Construct {
  readonly functions: ReadonlyMap<string, HouseFunction>;
  /** One per scheduled function: a run that errored. */
  readonly alarms: readonly Alarm[];
  /**
   * Where a scheduled run goes that could not be delivered (Scheduler's DLQ) or that failed in
   * the function (its asynchronous invocation's on-failure destination): kept 14 days, with
   * the run's event and error, for ops to read.
   */
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const functions = new Map<string, HouseFunction>();
    const alarms: Alarm[] = [];
    this.deadLetterQueue = deadLetterQueue(this, 'DeadLetterQueue', 'the scheduled runs');
    for (const definition of scheduledFunctions) {
      const fn = new HouseFunction(this, definition.name, {
        definition,
        bindings: props.bindings,
        logRemovalPolicy: props.logRemovalPolicy,
      });
      functions.set(definition.name, fn);
      // Scheduler's own role for this target, so its grant is acknowledged where it lives.
      const role = new Role(this, `${definition.name}SchedulerRole`, {
        assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
          conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
        }),
        description: `EventBridge Scheduler runs ${definition.name}`,
      });
      new Schedule(this, `${definition.name}Schedule`, {
        description: `Runs ${definition.name} every ${definition.everySeconds / 60} minutes`,
        schedule: ScheduleExpression.rate(Duration.seconds(definition.everySeconds)),
        // A missed run is made good by the next one; an old one is not worth running late.
        target: new LambdaInvoke(fn.function, {
          role,
          retryAttempts: 0,
          maxEventAge: Duration.seconds(definition.everySeconds),
          deadLetterQueue: this.deadLetterQueue,
        }),
      });
      // Scheduler invokes the function asynchronously: a run that fails is not retried (the
      // next run redoes its work, and two would overlap) and its event and error go to the DLQ.
      fn.function.configureAsyncInvoke({
        retryAttempts: 0,
        maxEventAge: Duration.seconds(definition.everySeconds),
        onFailure: new SqsDestination(this.deadLetterQueue),
      });
      // The scheduler's role may invoke this one function; ":*" is its versions and aliases.
      acknowledge(
        role,
        wildcardResourceFinding(this, `${fn.function.functionArn}:*`),
        'EventBridge Scheduler invokes this one function; the target construct also grants its ' +
          'versions and aliases (the ARN followed by :*), which this stack never publishes.',
      );
      const alarm = new Alarm(this, `${definition.name}ErrorsAlarm`, {
        alarmDescription: `${definition.name} failed: stuck bookings may not be resolved.`,
        metric: fn.function.metricErrors({ period: Duration.minutes(15) }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      props.alerts.notify(alarm);
      alarms.push(alarm);
    }
    // A run that failed or was never delivered: its event and error wait here.
    const deadLetters = deadLetterAlarm(
      this,
      'DeadLettersAlarm',
      this.deadLetterQueue,
      'A scheduled run (the reconciler) failed or could not be delivered: its event and error are in the operations dead-letter queue.',
    );
    props.alerts.notify(deadLetters);
    alarms.push(deadLetters);
    this.functions = functions;
    this.alarms = alarms;
  }
}
