/**
 * Who gets Santa's next free line, as pure decisions over the lines' state and the queue of
 * due calls (Christmas Eve). Calls wait in one queue ordered by their due instant; whenever a
 * line may have come free (a call queued, a call ended, a waiting call's check-in) the lines
 * are handed to the first calls in that order — first due, first served — without anyone
 * polling; each call then claims its start second at the dial, paced to the start rate
 * (Twilio's CPS). A queue entry is only ever written once its call is due (the
 * workflow waits for the booked second before queueing), so nothing here can start a call early.
 */

export interface LineState {
  /** Holder (booking id) → when its lease on a line runs out, epoch ms. */
  readonly leases: Readonly<Record<string, number>>;
  /** The start second given to the latest grant, epoch ms: the next start is paced from it. */
  readonly lastStartAt: number;
}

export interface DispatchLimits {
  /** Lines: the plan's concurrent calls. */
  readonly concurrentCalls: number;
  /** Milliseconds between two call starts (1000 / calls per second). */
  readonly startIntervalMs: number;
  /** How long a line is held if its call's workflow never gives it back, seconds. */
  readonly leaseSeconds: number;
  /**
   * The dial waits at most this long for its start second (ms): the place-call step must still
   * have time to dial within its timeout.
   */
  readonly maxPaceMs: number;
}

/** A due call waiting for a line, as the queue lists it (in due order). */
export interface WaitingCall {
  /** The booking whose call it is. */
  readonly holder: string;
  /** ISO instant the call (or this retry) became due: its place in the queue. */
  readonly dueAt: string;
}

export interface LineGrant<Call extends WaitingCall = WaitingCall> {
  readonly call: Call;
  /** Epoch ms of the grant (the dial then claims its paced second). */
  readonly startAt: number;
  /** The holder already had a line (a repeated check-in): no new start was counted. */
  readonly renewed: boolean;
}

export const noLines: LineState = { leases: {}, lastStartAt: 0 };

function liveLeases(state: LineState, now: number): Record<string, number> {
  return Object.fromEntries(Object.entries(state.leases).filter(([, until]) => until > now));
}

/** Lines not held by a live lease. */
export function freeLines(state: LineState, concurrentCalls: number, now: number): number {
  return Math.max(0, concurrentCalls - Object.keys(liveLeases(state, now)).length);
}

/**
 * Hands lines to the waiting calls in the order given (the queue's due order). A holder that
 * already has a line keeps it (a check-in repeated after a crash or a timeout); the others take
 * free lines while there are any. Stops at the first call that cannot have a line: a later-due
 * call never overtakes an earlier one. Starts are paced at the dial (`nextStartSecond`), not
 * here, so the pace holds however long each call takes to reach its dial.
 */
export function handOutLines<Call extends WaitingCall>(
  state: LineState,
  waiting: readonly Call[],
  limits: DispatchLimits,
  now: number,
): { readonly state: LineState; readonly grants: LineGrant<Call>[] } {
  const leases = liveLeases(state, now);
  const leaseUntil = now + limits.leaseSeconds * 1000;
  const grants: LineGrant<Call>[] = [];
  let blocked = false;
  for (const call of waiting) {
    if (call.holder in leases) {
      leases[call.holder] = leaseUntil;
      grants.push({ call, startAt: now, renewed: true });
      continue;
    }
    if (blocked) continue;
    if (Object.keys(leases).length >= limits.concurrentCalls) {
      // First due, first served: nobody behind this call gets a new line before it does.
      blocked = true;
      continue;
    }
    leases[call.holder] = leaseUntil;
    grants.push({ call, startAt: now, renewed: false });
  }
  return { state: { ...state, leases }, grants };
}

/**
 * Paced starts are this much further apart than the rate allows, so the few milliseconds
 * between our dial and the provider's count never put two starts in one of its seconds.
 */
export const paceMargin = 1.05;

/**
 * The second the next call may dial: one paced interval after the last start, never before
 * `now`. Claimed at the dial itself (a version-checked write of `lastStartAt`), so the start
 * rate holds at the provider whatever each call's way to its dial cost.
 */
export function nextStartSecond(
  state: LineState,
  limits: Pick<DispatchLimits, 'startIntervalMs'>,
  now: number,
): { readonly state: LineState; readonly startAt: number } {
  const startAt = Math.max(now, state.lastStartAt + limits.startIntervalMs * paceMargin);
  return { state: { ...state, lastStartAt: startAt }, startAt };
}

/**
 * Keeps the holder's line while its call is still live (a call that runs long, a provider that
 * has not reported yet): its lease runs `leaseSeconds` from now. A lease that already ran out
 * is not taken again — its line may be another call's by now.
 *
 * @returns the new state, or undefined when the holder has no live lease
 */
export function keepLine(
  state: LineState,
  holder: string,
  limits: Pick<DispatchLimits, 'leaseSeconds'>,
  now: number,
): LineState | undefined {
  const leases = liveLeases(state, now);
  if (!(holder in leases)) return undefined;
  leases[holder] = now + limits.leaseSeconds * 1000;
  return { ...state, leases };
}

/** Gives the holder's line back; a line already given back, or expired, is fine. */
export function giveLineBack(state: LineState, holder: string, now: number): LineState {
  const leases = liveLeases(state, now);
  delete leases[holder];
  return { ...state, leases };
}

/**
 * Where a call attempt stands in the queue: the first attempt at its booked instant (a run
 * resumed late after a crash keeps its place), a retry — and a "call now", whose booking time
 * may be long before its payment — at the moment it came due. Never later than `now`: locally,
 * where waits are time-scaled, a booked instant can still be ahead on the wall clock.
 */
export function queueInstant(
  booking: { readonly attempts: number; readonly scheduledAt: string; readonly callNow: boolean },
  now: Date,
): string {
  if (
    booking.attempts === 0 &&
    !booking.callNow &&
    Date.parse(booking.scheduledAt) < now.getTime()
  ) {
    return new Date(booking.scheduledAt).toISOString();
  }
  return now.toISOString();
}
