/**
 * The call as a calendar file (iCalendar, RFC 5545; methods from iTIP, RFC 5546): attached to the
 * confirmation and "moved" emails, and downloaded from the status page, so every copy of one
 * booking is the same event. Pure, and free of Node APIs, so the site builds the very same file.
 *
 * The well-kept npm `ics` package (3.12.0) does the same; it is not a dependency of this repo
 * yet, and one event with five properties is small enough to write correctly here.
 *
 * Privacy: the file travels by email and sits in the parent's calendar, which may be synced or
 * shared with family, so it holds the child's first name (in DESCRIPTION only; the title is
 * "Call from Santa") and nothing else about them: no phone number, no surname, no age, and no
 * link carrying the booking's access token.
 */

/** What one calendar file says about a call. */
export interface CallCalendarEvent {
  /** The booking's id: the event's UID is made from it, so it is stable across reschedules. */
  readonly bookingId: string;
  /** When Santa calls, ISO 8601 with offset (written in UTC). */
  readonly startUtc: string;
  /** How long the call may last, minutes (the agent's hard cap). */
  readonly durationMinutes: number;
  /**
   * The event's revision (RFC 5545 §3.8.7.4): 0 as booked, one more after each reschedule, and
   * one more again for the cancellation, so a calendar replaces an older copy with a newer one.
   */
  readonly sequence: number;
  /** PUBLISH for "add this event"; CANCEL (with STATUS:CANCELLED) when the call is cancelled. */
  readonly method: 'PUBLISH' | 'CANCEL';
  /** The child's first name, said in the description only. */
  readonly childFirstName: string;
  /** When the file was made (DTSTAMP), ISO 8601. */
  readonly stampUtc: string;
  /** Who sends it, e.g. `santa@callsanta.example` (ORGANIZER, required by iTIP); optional. */
  readonly organizerEmail?: string | undefined;
}

/** The call's title as calendars show it. */
export const callSummary = 'Call from Santa';

/** The file's MIME type and a file name for it. */
export const calendarContentType = 'text/calendar; charset=utf-8';
export const calendarFileName = 'call-from-santa.ics';

/** `<bookingId>@callsanta`: the same in every file for the booking (RFC 5545 §3.8.4.7). */
export function callEventUid(bookingId: string): string {
  return `booking-${bookingId}@callsanta`;
}

/** "20261224T183000Z": a UTC date-time in RFC 5545's form (§3.3.5, form #2). */
export function icsUtc(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date-time: ${instant}`);
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * Folds one content line at 75 octets (RFC 5545 §3.1): CRLF and a space before each further
 * piece, never splitting a UTF-8 character (or a UTF-16 surrogate pair) across pieces.
 */
export function foldLine(line: string): string {
  const pieces: string[] = [];
  let piece = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The first piece holds 75 octets; later ones 74, after their leading space.
    const limit = pieces.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      pieces.push(piece);
      piece = '';
      octets = 0;
    }
    piece += char;
    octets += size;
  }
  pieces.push(piece);
  return pieces.join('\r\n ');
}

/** The whole file: CRLF line ends, every line folded, ending with CRLF. */
export function callCalendarFile(event: CallCalendarEvent): string {
  if (!Number.isInteger(event.sequence) || event.sequence < 0) {
    throw new RangeError('SEQUENCE is a whole number from 0.');
  }
  if (!Number.isInteger(event.durationMinutes) || event.durationMinutes <= 0) {
    throw new RangeError('The call lasts a whole number of minutes, more than 0.');
  }
  const cancelled = event.method === 'CANCEL';
  const description = cancelled
    ? `This call from Santa to ${event.childFirstName} was cancelled.`
    : `Santa will call ${event.childFirstName} on the number you gave. Please be with ${event.childFirstName} when the phone rings. To move or cancel the call, use the link in your CallSanta email.`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//CallSanta//Call from Santa//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${event.method}`,
    'BEGIN:VEVENT',
    `UID:${callEventUid(event.bookingId)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${icsUtc(event.stampUtc)}`,
    `DTSTART:${icsUtc(event.startUtc)}`,
    `DURATION:PT${event.durationMinutes}M`,
    `SUMMARY:${escapeText(cancelled ? `Cancelled: ${callSummary}` : callSummary)}`,
    `DESCRIPTION:${escapeText(description)}`,
    ...(event.organizerEmail ? [`ORGANIZER;CN=CallSanta:mailto:${event.organizerEmail}`] : []),
    `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    ...(cancelled
      ? []
      : [
          'BEGIN:VALARM',
          'ACTION:DISPLAY',
          `DESCRIPTION:${escapeText(`Santa calls ${event.childFirstName} in 10 minutes`)}`,
          'TRIGGER:-PT10M',
          'END:VALARM',
        ]),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

/**
 * The revision of a booking's event from its history: one per `booking_rescheduled`, plus one
 * when it is cancelled. The site (from the view's timeline) and the emails (from the audit
 * trail) count the same events, so their files agree.
 */
export function callEventSequence(
  events: readonly { readonly type: string }[],
  cancelled: boolean,
): number {
  const moves = events.filter((event) => event.type === 'booking_rescheduled').length;
  return moves + (cancelled ? 1 : 0);
}
