import { describe, expect, it } from 'vitest';
import {
  type CallCalendarEvent,
  callCalendarFile,
  callEventSequence,
  callEventUid,
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

/** Unfolds (RFC 5545 §3.1: CRLF and one space or tab) and splits into logical lines. */
const unfolded = (file: string) => file.replace(/\r\n[ \t]/g, '').split('\r\n');
const property = (file: string, name: string) =>
  unfolded(file).find((line) => line.startsWith(`${name}:`) || line.startsWith(`${name};`));
const properties = (file: string, name: string) =>
  unfolded(file).filter((line) => line.startsWith(`${name}:`) || line.startsWith(`${name};`));
const physicalLines = (file: string) => file.split('\r\n').slice(0, -1);
const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

describe('the call as a calendar file', () => {
  it('is one VEVENT in a VCALENDAR: PUBLISH, CONFIRMED, UTC start, the call length, PRODID', () => {
    // Act
    const file = callCalendarFile(event());
    const lines = unfolded(file);

    // Assess
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-2)).toBe('END:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(property(file, 'PRODID')).toBe('PRODID:-//CallSanta//Call from Santa//EN');
    expect(property(file, 'METHOD')).toBe('METHOD:PUBLISH');
    expect(property(file, 'UID')).toBe('UID:booking-B1@callsanta');
    expect(property(file, 'SEQUENCE')).toBe('SEQUENCE:0');
    expect(property(file, 'DTSTART')).toBe('DTSTART:20261224T183000Z');
    expect(property(file, 'DTSTAMP')).toBe('DTSTAMP:20261201T090000Z');
    expect(property(file, 'DURATION')).toBe('DURATION:PT5M');
    expect(property(file, 'SUMMARY')).toBe('SUMMARY:Call from Santa');
    expect(property(file, 'STATUS')).toBe('STATUS:CONFIRMED');
    expect(property(file, 'TRANSP')).toBe('TRANSP:OPAQUE');
  });

  it.each([
    ['Z', '2026-12-24T18:30:00.000Z', 'DTSTART:20261224T183000Z'],
    ['-08:00', '2026-12-24T10:30:00-08:00', 'DTSTART:20261224T183000Z'],
    ['+05:30', '2026-12-25T00:15:00+05:30', 'DTSTART:20261224T184500Z'],
    ['+05:30, across a year end', '2027-01-01T02:00:00+05:30', 'DTSTART:20261231T203000Z'],
    ['+14:00', '2026-12-25T08:30:00+14:00', 'DTSTART:20261224T183000Z'],
  ])('a start given at offset %s is written as the same instant in UTC', (_, startUtc, line) => {
    expect(property(callCalendarFile(event({ startUtc })), 'DTSTART')).toBe(line);
  });

  it.each([
    ['booked', { method: 'PUBLISH', sequence: 0 }, 'METHOD:PUBLISH', 'STATUS:CONFIRMED', true],
    ['moved twice', { method: 'PUBLISH', sequence: 2 }, 'METHOD:PUBLISH', 'STATUS:CONFIRMED', true],
    ['cancelled', { method: 'CANCEL', sequence: 1 }, 'METHOD:CANCEL', 'STATUS:CANCELLED', false],
    [
      'moved, then cancelled',
      { method: 'CANCEL', sequence: 3 },
      'METHOD:CANCEL',
      'STATUS:CANCELLED',
      false,
    ],
  ] as const)(
    '%s: the same UID, its SEQUENCE, %s, %s, alarm %s',
    (_, overrides, method, status, alarm) => {
      // Act
      const file = callCalendarFile(event(overrides));

      // Assess
      expect(property(file, 'UID')).toBe(`UID:${callEventUid('B1')}`);
      expect(property(file, 'SEQUENCE')).toBe(`SEQUENCE:${overrides.sequence}`);
      expect(property(file, 'METHOD')).toBe(method);
      expect(property(file, 'STATUS')).toBe(status);
      expect(file.includes('BEGIN:VALARM')).toBe(alarm);
      if (alarm) expect(property(file, 'TRIGGER')).toBe('TRIGGER:-PT10M');
      expect(property(file, 'SUMMARY')).toBe(
        alarm ? 'SUMMARY:Call from Santa' : 'SUMMARY:Cancelled: Call from Santa',
      );
    },
  );

  it('keeps the UID across bookings only for the same booking', () => {
    expect(property(callCalendarFile(event({ bookingId: 'B2' })), 'UID')).toBe(
      'UID:booking-B2@callsanta',
    );
  });

  it.each([
    ['a comma', 'Ana, Jr', 'Ana\\, Jr'],
    ['a semicolon', 'Ana; Jr', 'Ana\\; Jr'],
    ['a backslash', 'An\\a', 'An\\\\a'],
    ['a line feed', 'Ana\nJr', 'Ana\\nJr'],
    ['a CRLF', 'Ana\r\nJr', 'Ana\\nJr'],
    ['all of them', 'A,b;c\\d\ne', 'A\\,b\\;c\\\\d\\ne'],
  ])('a name with %s is escaped in the description and the alarm', (_, name, escaped) => {
    // Act
    const file = callCalendarFile(event({ childFirstName: name }));
    const [description, alarm] = properties(file, 'DESCRIPTION');

    // Assess
    expect(description).toContain(`Santa will call ${escaped} on the number you gave.`);
    expect(alarm).toBe(`DESCRIPTION:Santa calls ${escaped} in 10 minutes`);
    expect(property(file, 'SUMMARY')).toBe('SUMMARY:Call from Santa');
  });

  it('holds the first name and no phone number or link', () => {
    const file = callCalendarFile(event({ childFirstName: 'Ana' }));

    expect(file).not.toMatch(/\+\d|https?:|token/);
  });

  it('names the organizer only when given one', () => {
    expect(property(callCalendarFile(event()), 'ORGANIZER')).toBeUndefined();
    expect(
      property(callCalendarFile(event({ organizerEmail: 'santa@callsanta.example' })), 'ORGANIZER'),
    ).toMatch(/^ORGANIZER;CN="?CallSanta"?:mailto:santa@callsanta\.example$/i);
  });

  it.each([[{ sequence: -1 }], [{ sequence: 1.5 }], [{ durationMinutes: 0 }]])(
    'refuses %j',
    (overrides) => {
      expect(() => callCalendarFile(event(overrides))).toThrow(RangeError);
    },
  );

  it('refuses a start that is not a date-time', () => {
    expect(() => callCalendarFile(event({ startUtc: 'tomorrow' }))).toThrow(/DTSTART/);
  });
});

describe('lines: CRLF, folded at 75 octets, no character split', () => {
  it.each([
    ['English', 'Emma'],
    ['a long ASCII name', 'Maximilian'.repeat(12)],
    ['accented', 'Éléonore-Françoise'.repeat(5)],
    ['Persian with ZWNJ', 'علی‌رضا '.repeat(12)],
    ['Sinhala', 'සඳුනිලා '.repeat(10)],
    ['emoji', '🎅🧑🏽‍🎄'.repeat(15)],
    ['escapes beside multi-byte letters', 'é,é;é\\é\né'.repeat(10)],
  ])('%s', (_, childFirstName) => {
    // Act
    for (const method of ['PUBLISH', 'CANCEL'] as const) {
      const file = callCalendarFile(event({ childFirstName, method }));
      const physical = physicalLines(file);

      // Assess: CRLF only, and the file ends with one.
      expect(file.endsWith('\r\n')).toBe(true);
      expect(file.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      for (const line of physical) {
        const octets = utf8.encode(line);
        expect(octets.length).toBeLessThanOrEqual(75);
        // Each physical line is whole UTF-8 on its own: no character cut across a fold.
        expect(() => strictUtf8.decode(octets)).not.toThrow();
        expect(line).not.toMatch(/[\uD800-\uDBFF]$|^[ \t]?[\uDC00-\uDFFF]/);
      }
      // Unfolding gives the name back whole.
      const description = property(file, 'DESCRIPTION') ?? '';
      const escaped = childFirstName
        .replace(/\\/g, '\\\\')
        .replace(/;/g, '\\;')
        .replace(/,/g, '\\,')
        .replace(/\n/g, '\\n');
      expect(description).toContain(escaped);
    }
  });
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
