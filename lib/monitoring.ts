import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import {
  type MetricName,
  metricNames,
  metricsNamespace,
  metricsService,
} from '../functions/shared/metrics.ts';
import type { Alerts } from './alerts.ts';

export interface MonitoringProps {
  /** The `stage` dimension the functions emit their metrics under (`CALLSANTA_STAGE`). */
  readonly stage: string;
  readonly alerts: Alerts;
  readonly httpApi: IHttpApi;
  readonly bookingWorkflow: IStateMachine;
  /** Scheduler's dead-letter queue: a booking's firing that could not start its run. */
  readonly scheduleDeadLetterQueue: IQueue;
  /** Alarms made elsewhere (workflow, scheduling, operations, video), shown on the dashboard. */
  readonly otherAlarms: readonly Alarm[];
}

/**
 * The thresholds of the alarms on the application's own metrics (docs/observability.md says
 * what to do when each fires). A `CapacityWaits` count is one run of the line-queue step that
 * found no free line: growing sums over 15 minutes mean the lines do not keep up with due calls.
 */
export const alarmThresholds = {
  /** API answers 5xx in 5 minutes. */
  apiServerErrors: 5,
  /** Webhook deliveries refused for their signature in 5 minutes (a wrong secret, or an attack). */
  signatureFailures: 5,
  /** Line-queue runs without a line per 5 minutes, three periods in a row. */
  capacityWaits: 30,
  /** Seconds: p99 of how late first dials started, over 15 minutes. */
  callStartLatenessP99Seconds: 300,
  /** Bookings the reconciler had to fix in 15 minutes: any means a path lost an event. */
  reconcilerFixes: 0,
  /** Calls flagged by a failed evaluation criterion in 15 minutes: any means a person looks. */
  callsFlagged: 0,
} as const;

/**
 * Alarms on the application's metrics (namespace `CallSanta`, dimensions service and stage) and
 * the API's 5xx, all to the one alarm topic, and one dashboard with every metric and alarm of
 * the stage.
 */
export class Monitoring extends Construct {
  readonly apiServerErrorsAlarm: Alarm;
  readonly signatureFailuresAlarm: Alarm;
  readonly capacityWaitsAlarm: Alarm;
  readonly callStartLatenessAlarm: Alarm;
  readonly reconcilerFixesAlarm: Alarm;
  readonly callsFlaggedAlarm: Alarm;
  readonly alarms: readonly Alarm[];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const app = (name: MetricName, statistic = 'Sum', period = Duration.minutes(5)) =>
      new Metric({
        namespace: metricsNamespace,
        metricName: name,
        dimensionsMap: { service: metricsService, stage: props.stage },
        statistic,
        period,
      });
    const alarm = (
      alarmId: string,
      description: string,
      metric: IMetric,
      threshold: number,
      evaluationPeriods = 1,
    ) => {
      const made = new Alarm(this, alarmId, {
        alarmDescription: `${description} See docs/observability.md#${alarmId.toLowerCase()}.`,
        metric,
        threshold,
        evaluationPeriods,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      props.alerts.notify(made);
      return made;
    };

    const apiServerErrors = props.httpApi.metricServerError({
      period: Duration.minutes(5),
      statistic: 'Sum',
    });
    this.apiServerErrorsAlarm = alarm(
      'ApiServerErrorsAlarm',
      `More than ${alarmThresholds.apiServerErrors} API answers were 5xx in 5 minutes.`,
      apiServerErrors,
      alarmThresholds.apiServerErrors,
    );
    this.signatureFailuresAlarm = alarm(
      'SignatureFailuresAlarm',
      `More than ${alarmThresholds.signatureFailures} webhook deliveries were refused for their signature in 5 minutes.`,
      app(metricNames.signatureFailures),
      alarmThresholds.signatureFailures,
    );
    this.capacityWaitsAlarm = alarm(
      'CapacityWaitsAlarm',
      `Due calls waited for a line more than ${alarmThresholds.capacityWaits} times per 5 minutes, 15 minutes running.`,
      app(metricNames.capacityWaits),
      alarmThresholds.capacityWaits,
      3,
    );
    this.callStartLatenessAlarm = alarm(
      'CallStartLatenessAlarm',
      `1 % of calls started more than ${alarmThresholds.callStartLatenessP99Seconds} s after their booked time (15 minutes).`,
      app(metricNames.callStartLatenessSeconds, 'p99', Duration.minutes(15)),
      alarmThresholds.callStartLatenessP99Seconds,
    );
    this.reconcilerFixesAlarm = alarm(
      'ReconcilerFixesAlarm',
      'The reconciler had to fix a stuck booking: a webhook, schedule or step was lost.',
      app(metricNames.reconcilerFixes, 'Sum', Duration.minutes(15)),
      alarmThresholds.reconcilerFixes,
    );
    this.callsFlaggedAlarm = alarm(
      'CallsFlaggedAlarm',
      "A call failed one of Santa's evaluation criteria (character, personal details, budget, AI disclosure) in 15 minutes.",
      app(metricNames.callsFlagged, 'Sum', Duration.minutes(15)),
      alarmThresholds.callsFlagged,
    );
    this.alarms = [
      this.apiServerErrorsAlarm,
      this.signatureFailuresAlarm,
      this.capacityWaitsAlarm,
      this.callStartLatenessAlarm,
      this.reconcilerFixesAlarm,
      this.callsFlaggedAlarm,
    ];

    const graph = (title: string, left: IMetric[]) =>
      new GraphWidget({ title, left, width: 8, height: 6 });
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `CallSanta-${props.stage}`,
      defaultInterval: Duration.hours(3),
    });
    this.dashboard.addWidgets(
      new AlarmStatusWidget({
        title: 'Alarms',
        alarms: [...this.alarms, ...props.otherAlarms],
        width: 24,
        height: 4,
      }),
    );
    this.dashboard.addWidgets(
      graph('Bookings', [app(metricNames.bookingsCreated), app(metricNames.bookingsPaid)]),
      graph('Calls', [
        app(metricNames.callsPlaced),
        app(metricNames.callsCompleted),
        app(metricNames.callsFailed),
      ]),
      graph('Videos', [
        app(metricNames.rendersStarted),
        app(metricNames.rendersCompleted),
        app(metricNames.rendersFailed),
      ]),
    );
    this.dashboard.addWidgets(
      graph('Call start lateness (s)', [
        app(metricNames.callStartLatenessSeconds, 'p50'),
        app(metricNames.callStartLatenessSeconds, 'p99'),
        app(metricNames.callStartLatenessSeconds, 'Maximum'),
      ]),
      graph('Line queue: waits for a line', [app(metricNames.capacityWaits)]),
      graph('Failed calls by outcome', [
        new MathExpression({
          expression: `SEARCH('{${metricsNamespace},outcome,service,stage} MetricName="${metricNames.callsFailed}" stage="${props.stage}"', 'Sum', 300)`,
          usingMetrics: {},
          label: 'outcome',
          period: Duration.minutes(5),
        }),
      ]),
      graph('Workflow executions', [
        props.bookingWorkflow.metricStarted({ period: Duration.minutes(5) }),
        props.bookingWorkflow.metricSucceeded({ period: Duration.minutes(5) }),
        props.bookingWorkflow.metricFailed({ period: Duration.minutes(5) }),
        props.bookingWorkflow.metricTimedOut({ period: Duration.minutes(5) }),
      ]),
    );
    this.dashboard.addWidgets(
      graph('API errors', [
        apiServerErrors,
        props.httpApi.metricClientError({ period: Duration.minutes(5), statistic: 'Sum' }),
      ]),
      graph('Webhook signature failures', [app(metricNames.signatureFailures)]),
      graph('Calls flagged for support', [app(metricNames.callsFlagged)]),
      graph('Reconciler fixes and undelivered schedules', [
        app(metricNames.reconcilerFixes),
        props.scheduleDeadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: 'Maximum',
        }),
      ]),
    );
  }
}
