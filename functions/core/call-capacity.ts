/**
 * Admission control for Santa's phone lines (Christmas Eve): at most `concurrentCalls` calls
 * at once (the ElevenLabs plan) and at most `startsPerSecond` call starts per second (Twilio's
 * CPS), as pure state transitions over the capacity item.
 */

export interface CapacityLimits {
  readonly concurrentCalls: number;
  readonly startsPerSecond: number;
  /** How long a lease lives if its workflow never releases it (a crash, a lost execution). */
  readonly leaseSeconds: number;
}

export interface CapacityState {
  /** Lease holder (booking id) → expiry, epoch ms. */
  readonly leases: Readonly<Record<string, number>>;
  /** Call starts left in the bucket, refilled at `startsPerSecond`. */
  readonly tokens: number;
  readonly refilledAt: number;
}

export type AcquireOutcome =
  | { readonly granted: true; readonly state: CapacityState }
  | { readonly granted: false; readonly reason: 'lines_busy' | 'rate_limited' };

export function emptyCapacity(limits: CapacityLimits, now: number): CapacityState {
  return { leases: {}, tokens: limits.startsPerSecond, refilledAt: now };
}

/** Takes a line and a start for `holder`; a holder that already has a line keeps it. */
export function acquire(
  state: CapacityState,
  holder: string,
  limits: CapacityLimits,
  now: number,
): AcquireOutcome {
  const leases = Object.fromEntries(
    Object.entries(state.leases).filter(([, expiresAt]) => expiresAt > now),
  );
  const tokens = Math.min(
    limits.startsPerSecond,
    state.tokens + ((now - state.refilledAt) / 1000) * limits.startsPerSecond,
  );
  const renewed = { ...leases, [holder]: now + limits.leaseSeconds * 1000 };
  if (holder in leases) {
    // A retried acquire after a crash: same line, no second start counted.
    return { granted: true, state: { leases: renewed, tokens, refilledAt: now } };
  }
  if (Object.keys(leases).length >= limits.concurrentCalls) {
    return { granted: false, reason: 'lines_busy' };
  }
  if (tokens < 1) return { granted: false, reason: 'rate_limited' };
  return { granted: true, state: { leases: renewed, tokens: tokens - 1, refilledAt: now } };
}

/** Gives the holder's line back; releasing twice, or a lease that expired, is fine. */
export function release(state: CapacityState, holder: string, now: number): CapacityState {
  const leases = Object.fromEntries(
    Object.entries(state.leases).filter(([id, expiresAt]) => id !== holder && expiresAt > now),
  );
  return { ...state, leases };
}
