import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { metricNames, metricsNamespace } from '../../functions/shared/metrics.ts';
import type { CallSantaStack } from '../../lib/callsanta-stack.ts';
import { alarmThresholds } from '../../lib/monitoring.ts';
import { logicalId, synthesize } from './synth.ts';

type Resource = { Type: string; Properties: Record<string, unknown> };
type AlarmProperties = {
  Namespace?: string;
  MetricName?: string;
  Dimensions?: { Name: string; Value: unknown }[];
  Statistic?: string;
  ExtendedStatistic?: string;
  Period?: number;
  Threshold: number;
  EvaluationPeriods: number;
  ComparisonOperator: string;
  TreatMissingData?: string;
  AlarmActions: unknown[];
  AlarmDescription: string;
};

describe('monitoring', () => {
  let template: Template;
  let stack: CallSantaStack;
  let resources: Record<string, Resource>;

  beforeAll(() => {
    ({ template, stack } = synthesize());
    resources = template.toJSON().Resources;
  }, 60_000);

  const alarmOf = (alarm: { node: unknown }) =>
    resources[logicalId(alarm as never)]?.Properties as unknown as AlarmProperties;
  const topicAction = () => [{ Ref: logicalId(stack.alerts.topic) }];
  const appDimensions = [
    { Name: 'service', Value: 'callsanta' },
    { Name: 'stage', Value: 'dev' },
  ];

  it.each([
    [
      'signature failures',
      () => stack.monitoring.signatureFailuresAlarm,
      metricNames.signatureFailures,
      'Sum',
      300,
      alarmThresholds.signatureFailures,
      1,
    ],
    [
      'capacity waits growing',
      () => stack.monitoring.capacityWaitsAlarm,
      metricNames.capacityWaits,
      'Sum',
      300,
      alarmThresholds.capacityWaits,
      3,
    ],
    [
      'reconciler fixes',
      () => stack.monitoring.reconcilerFixesAlarm,
      metricNames.reconcilerFixes,
      'Sum',
      900,
      0,
      1,
    ],
    [
      'calls flagged by a failed evaluation criterion',
      () => stack.monitoring.callsFlaggedAlarm,
      metricNames.callsFlagged,
      'Sum',
      900,
      0,
      1,
    ],
  ] as const)(
    'alarms on %s from the app’s metrics, to the topic',
    (_, alarm, metric, statistic, period, threshold, periods) => {
      // Act
      const properties = alarmOf(alarm());

      // Assert
      expect(properties).toMatchObject({
        Namespace: metricsNamespace,
        MetricName: metric,
        Dimensions: expect.arrayContaining(appDimensions),
        Statistic: statistic,
        Period: period,
        Threshold: threshold,
        EvaluationPeriods: periods,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: topicAction(),
      });
      expect(properties.Dimensions).toHaveLength(2);
    },
  );

  it('alarms when the p99 lateness of call starts passes its threshold', () => {
    expect(alarmOf(stack.monitoring.callStartLatenessAlarm)).toMatchObject({
      Namespace: metricsNamespace,
      MetricName: metricNames.callStartLatenessSeconds,
      ExtendedStatistic: 'p99',
      Period: 900,
      Threshold: alarmThresholds.callStartLatenessP99Seconds,
      AlarmActions: topicAction(),
    });
  });

  it('alarms on the API’s 5xx answers', () => {
    expect(alarmOf(stack.monitoring.apiServerErrorsAlarm)).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Dimensions: [{ Name: 'ApiId', Value: { Ref: logicalId(stack.api.httpApi) } }],
      Statistic: 'Sum',
      Threshold: alarmThresholds.apiServerErrors,
      AlarmActions: topicAction(),
    });
  });

  it('keeps the alarms on failed workflow executions and on the Scheduler dead-letter queue', () => {
    expect(alarmOf(stack.bookingWorkflow.failedExecutionsAlarm)).toMatchObject({
      Namespace: 'AWS/States',
      MetricName: 'ExecutionsFailed',
      Threshold: 1,
      AlarmActions: topicAction(),
    });
    expect(alarmOf(stack.scheduling.undeliveredSchedulesAlarm)).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      AlarmActions: topicAction(),
    });
  });

  it('points every alarm of its own at the runbook', () => {
    for (const alarm of stack.monitoring.alarms) {
      expect(alarmOf(alarm).AlarmDescription).toMatch(/docs\/observability\.md#\w+alarm/);
    }
  });

  it('sets the stage dimension the functions emit under on every function', () => {
    const functions = Object.values(resources).filter(
      (resource) => resource.Type === 'AWS::Lambda::Function',
    );
    const ours = functions.filter(
      (fn) =>
        (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)
          ?.Variables?.POWERTOOLS_SERVICE_NAME === 'callsanta',
    );

    expect(ours.length).toBeGreaterThan(10);
    for (const fn of ours) {
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(
        (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables
          .CALLSANTA_STAGE,
      ).toBe('dev');
    }
  });

  it('has one dashboard, named for the stage, with every metric and alarm', () => {
    // Arrange
    const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));

    // Act
    const dashboard = (dashboards as Resource[])[0] as Resource;
    // The body is a Fn::Join of JSON text and references: joined, references as their JSON.
    const parts = (dashboard.Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] })[
      'Fn::Join'
    ][1];
    const body = parts
      .map((part) => (typeof part === 'string' ? part : JSON.stringify(part)))
      .join('');

    // Assert
    expect(dashboards).toHaveLength(1);
    expect(dashboard.Properties.DashboardName).toBe('CallSanta-dev');
    for (const name of Object.values(metricNames)) expect(body, name).toContain(`"${name}"`);
    expect(body).toContain('ExecutionsFailed');
    // Failed calls by their outcome dimension, whatever outcomes occur.
    expect(body).toContain('SEARCH(');
    expect(body).toContain('{CallSanta,outcome,service,stage}');
    expect(body).toContain('5xx');
    expect(body).toContain('ApproximateNumberOfMessagesVisible');
    for (const alarm of [
      ...stack.monitoring.alarms,
      stack.bookingWorkflow.failedExecutionsAlarm,
      stack.scheduling.undeliveredSchedulesAlarm,
    ]) {
      expect(body).toContain(logicalId(alarm));
    }
    expect(template.findOutputs('DashboardName').DashboardName).toBeDefined();
  });
});
