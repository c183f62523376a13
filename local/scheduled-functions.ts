import type { ScheduledFunction } from '../functions/operations/operation-functions.ts';
import type { LocalLambdaRuntime } from './lambda-runtime.ts';

/** How often a scheduled function runs locally, in ms: its period ÷ the time scale, ≥ 250 ms. */
export function scheduledPeriodMs(definition: ScheduledFunction, timeScale: number): number {
  return Math.max(250, (definition.everySeconds * 1000) / timeScale);
}

/**
 * Runs the scheduled functions (the reconciler) on the local cloud, as EventBridge Scheduler's
 * `rate()` schedules do in AWS: every `everySeconds`, divided by the time scale. A run never
 * overlaps the previous one; a failed run is reported in one line and the next one goes on.
 */
export function startScheduledFunctions(
  functions: readonly ScheduledFunction[],
  lambda: LocalLambdaRuntime,
  timeScale: number,
  log: (line: string) => void,
): { stop(): Promise<void> } {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  for (const definition of functions) {
    let busy = false;
    const periodMs = scheduledPeriodMs(definition, timeScale);
    timers.push(
      setInterval(() => {
        if (busy) return;
        busy = true;
        const run = lambda
          .invoke(definition, {})
          .catch((error: unknown) =>
            log(
              `${definition.name} failed: ${error instanceof Error ? error.message : String(error)}`,
            ),
          )
          .finally(() => {
            busy = false;
            running.delete(run);
          });
        running.add(run);
      }, periodMs),
    );
  }
  return {
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await Promise.allSettled([...running]);
    },
  };
}
