import { GetItemCommand, PutItemCommand } from 'dynamodb-toolbox';
import {
  type AcquireOutcome,
  acquire,
  type CapacityLimits,
  type CapacityState,
  emptyCapacity,
  release,
} from '../core/call-capacity.ts';
import { CallCapacityEntity } from './entities.ts';

const pool = 'calls';
const maxRaces = 10;

async function readCapacity(limits: CapacityLimits, now: number) {
  const { Item } = await CallCapacityEntity.build(GetItemCommand)
    .key({ pool })
    .options({ consistent: true })
    .send();
  return Item
    ? { version: Item.version, state: Item as CapacityState }
    : { version: 0, state: emptyCapacity(limits, now) };
}

/** Writes the new state only if nobody else wrote since we read it. */
async function writeCapacity(version: number, state: CapacityState): Promise<boolean> {
  try {
    await CallCapacityEntity.build(PutItemCommand)
      .item({ pool, version: version + 1, ...state, leases: { ...state.leases } })
      .options({
        condition:
          version === 0 ? { attr: 'pool', exists: false } : { attr: 'version', eq: version },
      })
      .send();
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** Read, decide with the pure rules, write with a version check; re-read when raced. */
async function update<T>(
  limits: CapacityLimits,
  decide: (state: CapacityState, now: number) => { state?: CapacityState; result: T },
): Promise<T> {
  for (let race = 0; race < maxRaces; race++) {
    const now = Date.now();
    const current = await readCapacity(limits, now);
    const { state, result } = decide(current.state, now);
    if (!state || (await writeCapacity(current.version, state))) return result;
  }
  throw new CapacityContendedError();
}

/**
 * Others wrote the capacity item first every time we tried: a busy moment (Christmas Eve), not
 * a fault. Callers wait and try again; it is never a reason to give a call up.
 */
export class CapacityContendedError extends Error {
  constructor() {
    super(`The call capacity item was changed by others ${maxRaces} times in a row.`);
    this.name = 'CapacityContendedError';
  }
}

export function acquireCallLine(holder: string, limits: CapacityLimits): Promise<AcquireOutcome> {
  return update<AcquireOutcome>(limits, (state, now) => {
    const outcome = acquire(state, holder, limits, now);
    return outcome.granted ? { state: outcome.state, result: outcome } : { result: outcome };
  });
}

export function releaseCallLine(holder: string, limits: CapacityLimits): Promise<void> {
  return update(limits, (state, now) => ({
    state: release(state, holder, now),
    result: undefined,
  }));
}
