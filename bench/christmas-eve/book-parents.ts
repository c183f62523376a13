import { DateTime } from 'luxon';
import { availabilitySchema, type BookableTime } from '../../functions/schemas/api/availability.ts';
import {
  type CreatedBooking,
  createdBookingSchema,
} from '../../functions/schemas/api/create-booking.ts';
import { errorBodySchema } from '../../functions/schemas/api/error-body.ts';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { payWithCard, postJson, validBooking } from '../../test/integration/support/booking-api.ts';
import type { TraceParent } from './trace.ts';

/** A parent of the trace, wanting the instant `wantedAt` (epoch ms, already shifted). */
export interface Wish {
  readonly parent: TraceParent;
  readonly wantedAt: number;
}

export type BookingResult =
  | {
      readonly kind: 'sold';
      /** True when it came from a 409's `nearestFreeTimes` rather than the first look. */
      readonly alternative: boolean;
      readonly bookedAt: number;
      readonly booking: CreatedBooking;
      /** Real epoch ms when the card payment was confirmed. */
      readonly paidAt: number;
    }
  | { readonly kind: 'gave-up'; readonly why: 'nothing-near' | 'full-after-409' }
  | { readonly kind: 'error'; readonly message: string };

/** How far from the wish a parent accepts another instant. */
const acceptableMs = 30 * 60_000;
/** A parent tries at most this many instants before giving up. */
const maxTries = 3;

/**
 * Books one parent as the site does: `GET /api/availability` for the local day(s) around the
 * wish, the offered instant nearest to it (within ±30 min, else they give up), `POST
 * /api/calls`, and on a 409 the nearest of its `nearestFreeTimes` within ±30 min of the wish;
 * then the card payment confirmed with the publishable key (Stripe.js's call), which makes the
 * Stripe emulator post the payment webhook. Never throws: an unexpected answer is an `error`.
 */
export async function bookParent(cloud: RunningLocalCloud, wish: Wish): Promise<BookingResult> {
  try {
    let offered = await offeredNear(cloud, wish);
    for (let attempt = 0; attempt < maxTries; attempt++) {
      const choice = nearest(offered, wish.wantedAt);
      if (!choice)
        return { kind: 'gave-up', why: attempt === 0 ? 'nothing-near' : 'full-after-409' };
      const { status, body } = await postJson(
        cloud,
        '/api/calls',
        validBooking({
          childName: wish.parent.childName,
          childAge: wish.parent.childAge,
          phoneNumber: wish.parent.phoneNumber,
          timezone: wish.parent.timezone,
          scheduledAt: choice.startsAt,
          parentEmail: `${wish.parent.id}@example.com`,
        }),
      );
      if (status === 201) {
        const booking = createdBookingSchema.parse(body);
        await payWithCard(cloud, booking);
        return {
          kind: 'sold',
          alternative: attempt > 0,
          bookedAt: Date.parse(choice.startsAt),
          booking,
          paidAt: Date.now(),
        };
      }
      if (status !== 409) return { kind: 'error', message: `POST /api/calls ${status}` };
      offered = errorBodySchema.parse(body).error.nearestFreeTimes ?? [];
    }
    return { kind: 'gave-up', why: 'full-after-409' };
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

/** The instants offered on the callee's local days that lie within ±30 min of the wish. */
async function offeredNear(cloud: RunningLocalCloud, wish: Wish): Promise<BookableTime[]> {
  const zone = wish.parent.timezone;
  const days = new Set(
    [wish.wantedAt - acceptableMs, wish.wantedAt + acceptableMs].map(
      (at) => DateTime.fromMillis(at, { zone }).toISODate() as string,
    ),
  );
  const offered: BookableTime[] = [];
  for (const date of days) {
    const query = new URLSearchParams({ date, timezone: zone });
    const response = await fetch(`${cloud.apiUrl}/api/availability?${query}`);
    if (response.status !== 200) throw new Error(`GET /api/availability ${response.status}`);
    offered.push(...availabilitySchema.parse(await response.json()).times);
  }
  return offered;
}

/** The instant with places nearest to `wantedAt` within ±30 min (earlier wins a tie). */
function nearest(times: readonly BookableTime[], wantedAt: number): BookableTime | undefined {
  return times
    .filter((t) => t.placesLeft > 0 && Math.abs(Date.parse(t.startsAt) - wantedAt) <= acceptableMs)
    .sort(
      (a, b) =>
        Math.abs(Date.parse(a.startsAt) - wantedAt) - Math.abs(Date.parse(b.startsAt) - wantedAt) ||
        Date.parse(a.startsAt) - Date.parse(b.startsAt),
    )[0];
}

/** Runs `work` over `items` with at most `concurrency` at a time; results in item order. */
export async function inPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) {
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
