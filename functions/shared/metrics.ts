import { AsyncLocalStorage } from 'node:async_hooks';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/** The CloudWatch namespace of every CallSanta metric (the alarms in lib/alerts.ts read it). */
export const metricsNamespace = 'CallSanta';

/** The service dimension of every metric (with `stage`, from `CALLSANTA_STAGE`). */
export const metricsService = 'callsanta';

/** Read by `stageDimension`; CDK sets it to the stage name, the local cloud to `local`. */
export const stageEnv = 'CALLSANTA_STAGE';

/** Every metric the functions emit; docs/observability.md says what each means. */
export const metricNames = {
  bookingsCreated: 'BookingsCreated',
  bookingsPaid: 'BookingsPaid',
  callsPlaced: 'CallsPlaced',
  callsCompleted: 'CallsCompleted',
  callsFailed: 'CallsFailed',
  rendersStarted: 'RendersStarted',
  rendersCompleted: 'RendersCompleted',
  rendersFailed: 'RendersFailed',
  callStartLatenessSeconds: 'CallStartLatenessSeconds',
  signatureFailures: 'SignatureFailures',
  reconcilerFixes: 'ReconcilerFixes',
  capacityWaits: 'CapacityWaits',
  callsFlagged: 'CallsFlagged',
} as const;

export type MetricName = (typeof metricNames)[keyof typeof metricNames];

export function stageDimension(env: NodeJS.ProcessEnv = process.env): string {
  return env[stageEnv] ?? 'unknown';
}

function newMetrics(): Metrics {
  return new Metrics({
    namespace: metricsNamespace,
    serviceName: metricsService,
    defaultDimensions: { stage: stageDimension() },
  });
}

/** One buffer per invocation: the local cloud runs many handlers at once in one process. */
const invocationMetrics = new AsyncLocalStorage<Metrics>();

/**
 * Runs `work` with a metrics buffer of its own and writes what it recorded as one EMF line
 * when it ends (also when it throws: a failure's counts matter most). Nothing is written when
 * nothing was recorded.
 */
export async function withInvocationMetrics<T>(work: () => Promise<T>): Promise<T> {
  const metrics = newMetrics();
  try {
    return await invocationMetrics.run(metrics, work);
  } finally {
    // Only when something was counted: an empty flush writes a warning line instead.
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  }
}

/**
 * Counts `value` of `name` in this invocation (dimensions service and stage). Outside an
 * invocation (a script) it is written at once.
 */
export function countMetric(name: MetricName, value = 1): void {
  record(name, MetricUnit.Count, value);
}

/** Records a duration in seconds (e.g. `CallStartLatenessSeconds`). */
export function recordSeconds(name: MetricName, seconds: number): void {
  record(name, MetricUnit.Seconds, seconds);
}

/**
 * Counts one of `name` with an extra dimension (e.g. `CallsFailed` by `outcome`), written as
 * its own EMF line, besides the count without it that the alarms and dashboard sum.
 */
export function countMetricBy(name: MetricName, dimension: string, value: string): void {
  countMetric(name);
  const single = (invocationMetrics.getStore() ?? newMetrics()).singleMetric();
  single.addDimension(dimension, value);
  single.addMetric(name, MetricUnit.Count, 1);
}

function record(
  name: MetricName,
  unit: (typeof MetricUnit)[keyof typeof MetricUnit],
  value: number,
): void {
  const metrics = invocationMetrics.getStore();
  if (metrics) {
    metrics.addMetric(name, unit, value);
    return;
  }
  const alone = newMetrics();
  alone.addMetric(name, unit, value);
  alone.publishStoredMetrics();
}
