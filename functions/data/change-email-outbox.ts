import { $remove, UpdateItemCommand } from 'dynamodb-toolbox';
import { BookingEntity } from './entities.ts';

const conditionFailed = (error: unknown) =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

/**
 * Takes over a booking's owed change email whose send died (its lease ran out, see
 * `changeEmailStep`): renews the lease to `now`, only if nobody renewed or settled it since the
 * caller read `seenOwedAt` — so of two requests or reconcilers that find it left behind, one
 * sends it.
 *
 * @returns false when another took it over, or it was sent or replaced meanwhile
 */
export async function takeOverChangeEmail(
  bookingId: string,
  seenOwedAt: string | undefined,
  now: Date,
): Promise<boolean> {
  try {
    await BookingEntity.build(UpdateItemCommand)
      .item({ bookingId, changeEmailOwedAt: now.toISOString() })
      .options({
        condition: {
          and: [
            { attr: 'changeEmailOwed', exists: true },
            seenOwedAt === undefined
              ? { attr: 'changeEmailOwedAt', exists: false }
              : { attr: 'changeEmailOwedAt', eq: seenOwedAt },
          ],
        },
      })
      .send();
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
}

/**
 * Removes a booking's owed change email once it is sent (or no longer to be sent) — only the
 * item recorded or taken over at `owedAt`: one a later change recorded meanwhile stays owed.
 * Idempotent: removing it twice, or after it was replaced, changes nothing.
 */
export async function settleChangeEmail(
  bookingId: string,
  owedAt: string | undefined,
): Promise<void> {
  try {
    await BookingEntity.build(UpdateItemCommand)
      .item({
        bookingId,
        changeEmailOwed: $remove(),
        changeEmailOwedAt: $remove(),
        movedEmailOwedFrom: $remove(),
      })
      .options({
        condition: {
          and: [
            { attr: 'changeEmailOwed', exists: true },
            owedAt === undefined
              ? { attr: 'changeEmailOwedAt', exists: false }
              : { attr: 'changeEmailOwedAt', eq: owedAt },
          ],
        },
      })
      .send();
  } catch (error) {
    if (!conditionFailed(error)) throw error;
  }
}
