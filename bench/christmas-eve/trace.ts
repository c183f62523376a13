import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { DateTime } from 'luxon';
import { hashSeed, normalSample, seededRandom } from '../../local/elevenlabs/seeded-random.ts';

/** One zone of the trace and the share of parents in it. */
export interface TraceZone {
  readonly timezone: string;
  /** Share of all parents, 0–1 (the shares are normalised). */
  readonly share: number;
  /** Area codes the zone's parents' numbers get. */
  readonly areaCodes: readonly string[];
}

/** US zones with roughly their share of the population. */
export const usZones: readonly TraceZone[] = [
  { timezone: 'America/New_York', share: 0.47, areaCodes: ['212', '718', '917', '617'] },
  { timezone: 'America/Chicago', share: 0.29, areaCodes: ['312', '773', '214', '713'] },
  { timezone: 'America/Denver', share: 0.07, areaCodes: ['303', '720', '801'] },
  { timezone: 'America/Los_Angeles', share: 0.17, areaCodes: ['213', '310', '415', '206'] },
];

export interface TraceSettings {
  readonly parents: number;
  readonly seed: string;
  readonly zones: readonly TraceZone[];
  /** The local day wanted, `YYYY-MM-DD` (Christmas Eve). */
  readonly day: string;
  /** Wanted local times lie in [from, to), `HH:mm`. */
  readonly from: string;
  readonly to: string;
  /** Demand peaks here (local, `HH:mm`), normal with `spreadMinutes` σ, cut to [from, to). */
  readonly peak: string;
  readonly spreadMinutes: number;
  /** Wishes are whole multiples of this many minutes (parents think in round times). */
  readonly roundToMinutes: number;
  /** Calling hours end on the callee's clock, `HH:mm`: the latest a call may start. */
  readonly callingHoursEnd: string;
}

export const christmasEve: Omit<TraceSettings, 'parents' | 'seed'> = {
  zones: usZones,
  day: '2026-12-24',
  from: '17:00',
  to: '20:00',
  peak: '18:00',
  spreadMinutes: 40,
  roundToMinutes: 5,
  callingHoursEnd: '21:00',
};

/** One parent of the trace. Instants are epoch ms on the real Christmas Eve (not shifted). */
export interface TraceParent {
  readonly id: string;
  readonly timezone: string;
  /** The wanted local time, `HH:mm`. */
  readonly wantedLocal: string;
  readonly wantedAt: number;
  /** Calling hours end that evening on the callee's clock. */
  readonly callingHoursEndAt: number;
  /** A valid US number (libphonenumber's full metadata), unique in the trace, E.164. */
  readonly phoneNumber: string;
  readonly childName: string;
  readonly childAge: number;
}

const childNames = ['Emma', 'Liam', 'Olivia', 'Noah', 'Ava', 'Mia', 'Lucas', 'Zoe'];

/**
 * A seeded Christmas Eve demand trace: `parents` parents in `zones` (by share), each wanting
 * one local time in [from, to) drawn from a normal around `peak`, rounded to `roundToMinutes`.
 * The same settings always give the same trace. Throws if the zones have no share.
 */
export function christmasEveTrace(settings: TraceSettings): TraceParent[] {
  const random = seededRandom(hashSeed(`trace|${settings.seed}`));
  const totalShare = settings.zones.reduce((sum, z) => sum + z.share, 0);
  if (!(totalShare > 0)) throw new Error('The trace needs at least one zone with a share.');
  const from = minutesOf(settings.from);
  const to = minutesOf(settings.to);
  const peak = minutesOf(settings.peak);
  const numbers = new Set<string>();
  return Array.from({ length: settings.parents }, (_, index) => {
    const zone = pickZone(settings.zones, random() * totalShare);
    let wanted: number;
    do {
      const raw = peak + settings.spreadMinutes * normalSample(random);
      wanted = Math.round(raw / settings.roundToMinutes) * settings.roundToMinutes;
    } while (wanted < from || wanted >= to);
    const local = (minutes: number) =>
      DateTime.fromISO(settings.day, { zone: zone.timezone }).plus({ minutes });
    return {
      id: `p${String(index).padStart(5, '0')}`,
      timezone: zone.timezone,
      wantedLocal: local(wanted).toFormat('HH:mm'),
      wantedAt: local(wanted).toMillis(),
      callingHoursEndAt: local(minutesOf(settings.callingHoursEnd)).toMillis(),
      phoneNumber: uniqueNumber(zone, random, numbers),
      childName: childNames[Math.floor(random() * childNames.length)] ?? 'Emma',
      childAge: 3 + Math.floor(random() * 8),
    };
  });
}

function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

function pickZone(zones: readonly TraceZone[], at: number): TraceZone {
  let left = at;
  for (const zone of zones) {
    left -= zone.share;
    if (left < 0) return zone;
  }
  return zones[zones.length - 1] as TraceZone;
}

/** A valid US number of one of the zone's area codes, never 555 (the emulator's test range). */
function uniqueNumber(zone: TraceZone, random: () => number, taken: Set<string>): string {
  for (;;) {
    const area = zone.areaCodes[Math.floor(random() * zone.areaCodes.length)] ?? '212';
    const exchange = 200 + Math.floor(random() * 800);
    const line = String(Math.floor(random() * 10_000)).padStart(4, '0');
    const number = `+1${area}${exchange}${line}`;
    if (exchange === 555 || exchange % 100 === 11 || taken.has(number)) continue;
    if (!isValidPhoneNumber(number)) continue;
    taken.add(number);
    return number;
  }
}
