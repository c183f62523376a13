/**
 * Preloaded into a spawned local cloud (`NODE_OPTIONS=--import <this file>`) to run it at
 * another wall-clock instant: `Date.now()` and `new Date()` read the real clock plus
 * `FAULT_SUITE_CLOCK_OFFSET_MS`. Timers are untouched, so durations stay real; every part of
 * the cloud (handlers, engine, Scheduler, emulators) reads the same shifted clock. Used to put
 * the callee's calling hours a minute from closing, whatever the hour of the test run.
 */
import { ServerResponse } from 'node:http';

const offsetMs = Number(process.env.FAULT_SUITE_CLOCK_OFFSET_MS ?? '0');

if (Number.isFinite(offsetMs) && offsetMs !== 0) {
  const RealDate = Date;
  const now = () => RealDate.now() + offsetMs;
  globalThis.Date = new Proxy(RealDate, {
    construct(target, args: unknown[], newTarget) {
      return Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget);
    },
    apply() {
      return new RealDate(now()).toString();
    },
    get(target, property, receiver) {
      if (property === 'now') return now;
      return Reflect.get(target, property, receiver);
    },
  });
  // Node's own Date header reads the real clock; the AWS SDK sets its clock by that header, and
  // the stand-ins would then see every signed request as hours skewed.
  const writeHead = ServerResponse.prototype.writeHead;
  ServerResponse.prototype.writeHead = function shiftedWriteHead(
    this: ServerResponse,
    ...args: unknown[]
  ) {
    if (!this.headersSent && !this.hasHeader('date')) {
      this.setHeader('date', new Date().toUTCString());
    }
    return (writeHead as (...rest: unknown[]) => ServerResponse).apply(this, args);
  } as typeof writeHead;
}
