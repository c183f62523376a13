import type { PlacedCallRecord } from '../../local/elevenlabs/faults-client.ts';
import { simulatedInstantFor, type TimeCompression } from '../../local/time-compression.ts';
import type { CallStart } from './figures.ts';

/** `booking-<id>-a<n>`, the dial marker our place-call step sends with every call. */
const markerPattern = /^booking-(.+)-a(\d+)$/;

/**
 * The local cloud's call starts, from the ElevenLabs emulator's log: each call placed
 * (request arrival, real clock) and when its line was freed, mapped to simulated time around
 * the anchor. A booking's attempts are numbered 0, 1, … in the order they were placed (the
 * marker's own number may skip one that never reached the provider). Calls without our
 * marker are left out.
 */
export function startsFromCallLog(
  calls: readonly PlacedCallRecord[],
  time: TimeCompression,
): CallStart[] {
  const byBooking = new Map<string, PlacedCallRecord[]>();
  for (const call of calls) {
    const match = markerPattern.exec(call.dialMarker ?? '');
    if (!match?.[1]) continue;
    byBooking.set(match[1], [...(byBooking.get(match[1]) ?? []), call]);
  }
  return [...byBooking].flatMap(([bookingId, placed]) =>
    placed
      .sort((a, b) => Date.parse(a.placedAt) - Date.parse(b.placedAt))
      .map((call, attempt) => ({
        bookingId,
        attempt,
        at: simulatedInstantFor(Date.parse(call.placedAt), time),
        endsAt: call.endedAt ? simulatedInstantFor(Date.parse(call.endedAt), time) : undefined,
      })),
  );
}

/** Real ms by which each first call started after its booked instant's mapped real time. */
export function realLatenessMs(
  starts: readonly CallStart[],
  bookedAt: ReadonlyMap<string, number>,
  time: TimeCompression,
): number[] {
  return starts.flatMap((s) => {
    const booked = bookedAt.get(s.bookingId);
    return s.attempt !== 0 || booked === undefined ? [] : [(s.at - booked) / time.scale];
  });
}
