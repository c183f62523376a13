/**
 * Admission to one bookable instant under a burst (Christmas Eve: hundreds of parents asking
 * for 18:00 at once). Three facts about the table are kept in the function's memory:
 *
 * - Places at one instant are taken one request at a time (a queue per instant, in this
 *   container), so a burst sends the table one transaction per place plus one, not one per
 *   parent: a transaction that loses its condition costs as much as one that wins.
 * - "Instant X was full" is remembered for `fullForMs`; parents asking for X meanwhile are
 *   answered 409 without a write. A place given back within that time is offered to the next
 *   parent after it (the answer was true when the table last said so).
 * - The free times near X are read once for everyone refused at X in that time.
 *
 * In AWS a container serves one request at a time, so this saves reads for the requests a
 * warm container takes back to back; DynamoDB's conditional write stays what guarantees that
 * two parents never both get the last place.
 */

const fullForMs = 2_000;

const lanes = new Map<string, Promise<unknown>>();
const fullUntil = new Map<string, number>();
const nearby = new Map<string, { until: number; value: Promise<unknown> }>();

/** Runs `work` after every earlier `work` for the same instant has settled. */
export function oneAtATime<T>(instant: string, work: () => Promise<T>): Promise<T> {
  const previous = lanes.get(instant) ?? Promise.resolve();
  const next = previous.then(work, work);
  const settled = next.then(
    () => undefined,
    () => undefined,
  );
  lanes.set(instant, settled);
  void settled.then(() => {
    if (lanes.get(instant) === settled) lanes.delete(instant);
  });
  return next;
}

/** Whether the table said `instant` was full less than `fullForMs` ago. */
export function knownFull(instant: string, now = Date.now()): boolean {
  const until = fullUntil.get(instant);
  if (until === undefined) return false;
  if (until > now) return true;
  fullUntil.delete(instant);
  return false;
}

export function rememberFull(instant: string, now = Date.now()): void {
  fullUntil.set(instant, now + fullForMs);
}

/** `read()` once for all callers asking about `key` within `fullForMs` of each other. */
export function sharedRead<T>(key: string, read: () => Promise<T>, now = Date.now()): Promise<T> {
  const cached = nearby.get(key);
  if (cached && cached.until > now) return cached.value as Promise<T>;
  const value = read();
  nearby.set(key, { until: now + fullForMs, value });
  // A failed read is not remembered.
  value.catch(() => nearby.delete(key));
  for (const [other, entry] of nearby) if (entry.until <= now) nearby.delete(other);
  return value;
}

const pending = new Map<string, Promise<unknown>>();

/** One `read()` for every caller asking about `key` while it is under way; none remembered. */
export function sameRead<T>(key: string, read: () => Promise<T>): Promise<T> {
  const running = pending.get(key);
  if (running) return running as Promise<T>;
  const value = read().finally(() => pending.delete(key));
  pending.set(key, value);
  return value;
}
