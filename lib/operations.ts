import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { scheduledFunctions } from '../functions/operations/operation-functions.ts';
import type { Alerts } from './alerts.ts';
import { type FunctionBindings, HouseFunction } from './house-function.ts';

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

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const functions = new Map<string, HouseFunction>();
    for (const definition of scheduledFunctions) {
      const fn = new HouseFunction(this, definition.name, {
        definition,
        bindings: props.bindings,
        logRemovalPolicy: props.logRemovalPolicy,
      });
      functions.set(definition.name, fn);
      new Schedule(this, `${definition.name}Schedule`, {
        description: `Runs ${definition.name} every ${definition.everySeconds / 60} minutes`,
        schedule: ScheduleExpression.rate(Duration.seconds(definition.everySeconds)),
        // A missed run is made good by the next one; an old one is not worth running late.
        target: new LambdaInvoke(fn.function, {
          retryAttempts: 0,
          maxEventAge: Duration.seconds(definition.everySeconds),
        }),
      });
      const alarm = new Alarm(this, `${definition.name}ErrorsAlarm`, {
        alarmDescription: `${definition.name} failed: stuck bookings may not be resolved.`,
        metric: fn.function.metricErrors({ period: Duration.minutes(15) }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      props.alerts.notify(alarm);
    }
    this.functions = functions;
  }
}
