import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@aws-lambda-powertools/logger';
import type {
  ConstructorOptions,
  LogItemExtraInput,
  LogItemMessage,
} from '@aws-lambda-powertools/logger/types';
import type { Context } from 'aws-lambda';

/**
 * Powertools' Logger whose children report the container's cold start: a new child would
 * otherwise say `cold_start: true` on every invocation (each instance starts cold).
 */
class HouseLogger extends Logger {
  protected override createLogger(options?: ConstructorOptions): HouseLogger {
    return new HouseLogger(options);
  }

  /** A child for one invocation, cold only on the container's first invocation. */
  invocationChild(): HouseLogger {
    const child = this.createChild() as HouseLogger;
    child.coldStart = this.getColdStart();
    return child;
  }
}

/**
 * The container's logger, used outside any invocation (module load). Log ids only: names,
 * phone numbers, emails, transcripts and tokens of children and parents never go to logs.
 */
const containerLogger = new HouseLogger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'callsanta',
});

/**
 * The logger of the invocation running now. In AWS one container runs one invocation at a
 * time, but the local cloud runs every handler in one process, concurrently: a single logger
 * given each invocation's context would stamp one function's name (and booking) on another's
 * lines. A child logger per invocation, found through the async context, cannot.
 */
const invocationLoggers = new AsyncLocalStorage<Logger>();

function current(): Logger {
  return invocationLoggers.getStore() ?? containerLogger;
}

/**
 * What handlers log with: the current invocation's logger. Each line carries `function_name`,
 * `function_request_id`, `cold_start` and, once known, `correlation_id` (the booking id).
 */
export const logger = {
  debug: (input: LogItemMessage, ...extra: LogItemExtraInput): void =>
    current().debug(input, ...extra),
  info: (input: LogItemMessage, ...extra: LogItemExtraInput): void =>
    current().info(input, ...extra),
  warn: (input: LogItemMessage, ...extra: LogItemExtraInput): void =>
    current().warn(input, ...extra),
  error: (input: LogItemMessage, ...extra: LogItemExtraInput): void =>
    current().error(input, ...extra),
  /** Keys added to every later line of this invocation. */
  appendKeys: (keys: Parameters<Logger['appendKeys']>[0]): void => current().appendKeys(keys),
};

/**
 * Runs `work` with a logger of its own, carrying the Lambda context (the function's own name)
 * and, when given, the booking id as correlation id.
 */
export function withInvocationLogger<T>(
  context: Context | undefined,
  bookingId: string | undefined,
  work: () => Promise<T>,
): Promise<T> {
  const child = containerLogger.invocationChild();
  if (context) child.addContext(context);
  if (bookingId) child.setCorrelationId(bookingId);
  return invocationLoggers.run(child, work);
}

/**
 * Names the booking this invocation is about once the handler knows it (a new booking's id,
 * a webhook's metadata): every later line carries it as `correlation_id`.
 */
export function setBookingCorrelation(bookingId: string): void {
  current().setCorrelationId(bookingId);
}
