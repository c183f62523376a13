import { describe, expect, it } from 'vitest';
import {
  type CallCalendarEvent,
  callCalendarFile,
  callEventSequence,
  callEventUid,
  escapeText,
  foldLine,
  icsUtc,
} from '../../functions/core/calendar-file.ts';

const event = (overrides: Partial<CallCalendarEvent> = {}): CallCalendarEvent => ({
  bookingId: 'B1',
  startUtc: '2026-12-24T18:30:00.000Z',
  durationMinutes: 5,
  sequence: 0,
  method: 'PUBLISH',
  childFirstName: 'Emma',
  stampUtc: '2026-12-01T09:00:00Z',
  ...overrides,
});

/** Unfolds (RFC 5545 §3.1) and splits into logical lines. */
const unfolded = (file: string) => file.replace(/\r\n /g, '').split('\r\n');
const property = (file: string, name: string) =>
  unfolded(file).find((line) => line.startsWith(`${name}:`) || line.startsWith(`${name};`));
const octets = (text: string) => new TextEncoder().encode(text).length;

describe('UTC date-times', () => {
  it.each([
    ['2026-12-24T18:30:00.000Z', '20261224T183000Z'],
    ['2026-12-24T18:30:00Z', '20261224T183000Z'],
    // An instant given with an offset is written as the same instant in UTC.
    ['2026-12-24T10:30:00-08:00', '20261224T183000Z'],
    ['2026-12-25T00:15:00+05:30', '20261224T184500Z'],
  ])('%s is written %s', (instant, written) => {
    expect(icsUtc(instant)).toBe(written);
  });

  it('refuses what is not a date-time', () => {
    expect(() => icsUtc('tomorrow')).toThrow(RangeError);
  });
});

describe('TEXT escaping', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b', 'a\\, b'],
    ['a; b', 'a\\; b'],
    ['back\\slash', 'back\\\\slash'],
    ['two\nlines', 'two\\nlines'],
    ['crlf\r\nline', 'crlf\\nline'],
    ['Gal·la', 'Gal·la'],
  ])('%j is escaped %j', (text, escaped) => {
    expect(escapeText(text)).toBe(escaped);
  });
});

describe('folding at 75 octets', () => {
  it.each([
    ['short', 'SUMMARY:Call from Santa'],
    ['exactly 75', `DESCRIPTION:${'x'.repeat(63)}`],
    ['76 ASCII', `DESCRIPTION:${'x'.repeat(64)}`],
    ['long ASCII', `DESCRIPTION:${'y'.repeat(300)}`],
    ['two-octet letters', `DESCRIPTION:${'é'.repeat(120)}`],
    ['Persian with ZWNJ', `DESCRIPTION:${'علی‌رضا '.repeat(20)}`],
    ['four-octet emoji', `DESCRIPTION:${'🎅'.repeat(40)}`],
  ])('%s: every physical line ≤ 75 octets, and unfolding gives the line back', (_, line) => {
    const folded = foldLine(line);
    const physical = folded.split('\r\n');

    for (const piece of physical) expect(octets(piece)).toBeLessThanOrEqual(75);
    for (const piece of physical.slice(1)) expect(piece.startsWith(' ')).toBe(true);
    // No character was cut in half: the pieces are valid text on their own.
    for (const piece of physical) expect(piece).not.toMatch(/\uFFFD/);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(physical.length > 1).toBe(octets(line) > 75);
  });
});

describe('the call as a calendar file', () => {
  it('is one VEVENT in a VCALENDAR with CRLF line ends, PUBLISH, UTC start and the call length', () => {
    const file = callCalendarFile(event());
    const lines = unfolded(file);

    expect(file.endsWith('\r\n')).toBe(true);
    expect(file.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-2)).toBe('END:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(property(file, 'METHOD')).toBe('METHOD:PUBLISH');
    expect(property(file, 'UID')).toBe('UID:booking-B1@callsanta');
    expect(property(file, 'DTSTART')).toBe('DTSTART:20261224T183000Z');
    expect(property(file, 'DTSTAMP')).toBe('DTSTAMP:20261201T090000Z');
    expect(property(file, 'DURATION')).toBe('DURATION:PT5M');
    expect(property(file, 'SUMMARY')).toBe('SUMMARY:Call from Santa');
    expect(property(file, 'STATUS')).toBe('STATUS:CONFIRMED');
  });

  it('keeps the UID and raises SEQUENCE when the call is moved', () => {
    const booked = callCalendarFile(event());
    const moved = callCalendarFile(
      event({ startUtc: '2026-12-23T17:00:00Z', sequence: 1, stampUtc: '2026-12-02T09:00:00Z' }),
    );

    expect(property(moved, 'UID')).toBe(property(booked, 'UID'));
    expect(property(booked, 'SEQUENCE')).toBe('SEQUENCE:0');
    expect(property(moved, 'SEQUENCE')).toBe('SEQUENCE:1');
    expect(property(moved, 'DTSTART')).toBe('DTSTART:20261223T170000Z');
  });

  it('says CANCEL with STATUS:CANCELLED for the same UID, and no alarm', () => {
    const file = callCalendarFile(event({ method: 'CANCEL', sequence: 2 }));

    expect(property(file, 'METHOD')).toBe('METHOD:CANCEL');
    expect(property(file, 'STATUS')).toBe('STATUS:CANCELLED');
    expect(property(file, 'UID')).toBe(`UID:${callEventUid('B1')}`);
    expect(property(file, 'SEQUENCE')).toBe('SEQUENCE:2');
    expect(file).not.toContain('BEGIN:VALARM');
  });

  it('holds the first name, escaped, and no phone number or link', () => {
    const file = callCalendarFile(event({ childFirstName: 'Ana, Jr; \\x' }));

    expect(property(file, 'DESCRIPTION')).toContain('Santa will call Ana\\, Jr\\; \\\\x on');
    expect(property(file, 'SUMMARY')).not.toContain('Ana');
    expect(file).not.toMatch(/\+\d|https?:|token/);
  });

  it('names the organizer only when given one', () => {
    expect(property(callCalendarFile(event()), 'ORGANIZER')).toBeUndefined();
    expect(
      property(callCalendarFile(event({ organizerEmail: 'santa@callsanta.example' })), 'ORGANIZER'),
    ).toBe('ORGANIZER;CN=CallSanta:mailto:santa@callsanta.example');
  });

  it.each([[{ sequence: -1 }], [{ sequence: 1.5 }], [{ durationMinutes: 0 }]])(
    'refuses %j',
    (overrides) => {
      expect(() => callCalendarFile(event(overrides))).toThrow(RangeError);
    },
  );
});

describe('the event revision from the booking history', () => {
  it.each([
    [[], false, 0],
    [[{ type: 'booking_created' }, { type: 'payment_succeeded' }], false, 0],
    [[{ type: 'booking_rescheduled' }], false, 1],
    [[{ type: 'booking_rescheduled' }, { type: 'booking_rescheduled' }], false, 2],
    [[{ type: 'booking_rescheduled' }, { type: 'booking_cancelled' }], true, 2],
    [[{ type: 'booking_cancelled' }], true, 1],
  ])('%j, cancelled %s → %i', (events, cancelled, sequence) => {
    expect(callEventSequence(events, cancelled)).toBe(sequence);
  });
});
