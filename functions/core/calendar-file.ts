/**
 * The call as a calendar file (iCalendar, RFC 5545; methods from iTIP, RFC 5546): attached to the
 * confirmation and "moved" emails, and downloaded from the status page, so every copy of one
 * booking is the same event. Pure, and free of Node APIs, so the site builds the very same file
 * (lazily: the status page imports this module only when the parent asks for the file).
 *
 * The npm `ics` package writes the file: dates, TEXT escaping, structure. Two things it does not
 * do as RFC 5545 asks, so they are done here: it folds at 75 *characters* where the limit is 75
 * octets (a Persian or emoji name made lines of up to ~300 octets), so its output is unfolded
 * and folded again by octets; and it does not escape the alarm's DESCRIPTION, so that text is
 * escaped before it is handed over.
 *
 * Privacy: the file travels by email and sits in the parent's calendar, which may be synced or
 * shared with family, so it holds the child's first name (in DESCRIPTION only; the title is
 * "Call from Santa") and nothing else about them: no phone number, no surname, no age, and no
 * link carrying the booking's access token.
 */

import { createEvent, type EventAttributes } from 'ics';

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
  /**
   * The words, in the booking's language (the emails pass them from namespace `email`, key
   * `calendar`); English naming `childFirstName` when absent. This module stays free of i18n.
   */
  readonly texts?: CalendarTexts | undefined;
}

/** What the file says in words: its title, its description and its alarm, as booked and cancelled. */
export interface CalendarTexts {
  /** SUMMARY as booked or moved, e.g. "Call from Santa". */
  readonly summary: string;
  /** SUMMARY once cancelled, e.g. "Cancelled: Call from Santa". */
  readonly cancelledSummary: string;
  /** DESCRIPTION as booked or moved: who Santa calls, and where to move or cancel it. */
  readonly description: string;
  /** DESCRIPTION once cancelled. */
  readonly cancelledDescription: string;
  /** The alarm's DESCRIPTION, ten minutes before. */
  readonly alarm: string;
}

/** The call's title as calendars show it. */
export const callSummary = 'Call from Santa';

/** The file's MIME type and a file name for it. */
export const calendarContentType = 'text/calendar; charset=utf-8';
export const calendarFileName = 'call-from-santa.ics';

/** The English words, naming the child (or children, as one phrase) in the description only. */
export function englishCalendarTexts(childFirstName: string): CalendarTexts {
  return {
    summary: callSummary,
    cancelledSummary: `Cancelled: ${callSummary}`,
    description: `Santa will call ${childFirstName} on the number you gave. Please be with ${childFirstName} when the phone rings. To move or cancel the call, use the link in your CallSanta email.`,
    cancelledDescription: `This call from Santa to ${childFirstName} was cancelled.`,
    alarm: `Santa calls ${childFirstName} in 10 minutes`,
  };
}

/** `<bookingId>@callsanta`: the same in every file for the booking (RFC 5545 §3.8.4.7). */
export function callEventUid(bookingId: string): string {
  return `booking-${bookingId}@callsanta`;
}

/** The product that wrote the file (PRODID, RFC 5545 §3.7.3). */
const productId = '-//CallSanta//Call from Santa//EN';

/** Milliseconds since the epoch of an ISO 8601 instant; a bad one is our bug, so it throws. */
function instant(text: string, what: string): number {
  const time = new Date(text).getTime();
  if (Number.isNaN(time)) throw new RangeError(`${what} is not a date-time: ${text}`);
  return time;
}

/**
 * TEXT escaping (RFC 5545 §3.3.11) for the alarm's DESCRIPTION, the one text `ics` writes as
 * given (it escapes SUMMARY and the event's DESCRIPTION itself).
 */
function escapedText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * Unfolds `ics`'s output (its folds are CRLF and a tab) and folds every line again at 75 octets
 * (RFC 5545 §3.1): CRLF and a space before each further piece, never splitting a UTF-8
 * character (or a UTF-16 surrogate pair) across pieces.
 */
function foldedByOctets(file: string): string {
  const lines = file.replace(/\r\n[ \t]/g, '').split('\r\n');
  if (lines.at(-1) === '') lines.pop();
  const folded = lines.map((line) => {
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
  });
  return `${folded.join('\r\n')}\r\n`;
}

/** The whole file: CRLF line ends, every line folded at 75 octets, ending with CRLF. */
export function callCalendarFile(event: CallCalendarEvent): string {
  if (!Number.isInteger(event.sequence) || event.sequence < 0) {
    throw new RangeError('SEQUENCE is a whole number from 0.');
  }
  if (!Number.isInteger(event.durationMinutes) || event.durationMinutes <= 0) {
    throw new RangeError('The call lasts a whole number of minutes, more than 0.');
  }
  const cancelled = event.method === 'CANCEL';
  const texts = event.texts ?? englishCalendarTexts(event.childFirstName);
  // `ics` reads DTSTAMP from `timestamp` (its schema and README have it; its typings miss it).
  const attributes: EventAttributes & { readonly timestamp: number } = {
    productId,
    method: event.method,
    uid: callEventUid(event.bookingId),
    sequence: event.sequence,
    timestamp: instant(event.stampUtc, 'DTSTAMP'),
    start: instant(event.startUtc, 'DTSTART'),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: event.durationMinutes },
    title: cancelled ? texts.cancelledSummary : texts.summary,
    description: cancelled ? texts.cancelledDescription : texts.description,
    ...(event.organizerEmail
      ? { organizer: { name: 'CallSanta', email: event.organizerEmail } }
      : {}),
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    transp: 'OPAQUE',
    ...(cancelled
      ? {}
      : {
          alarms: [
            {
              action: 'display',
              description: escapedText(texts.alarm),
              trigger: { minutes: 10, before: true },
            },
          ],
        }),
  };
  const { error, value } = createEvent(attributes);
  // Every input is ours and checked above, so a refusal is a bug here, not bad input.
  if (error || !value) {
    throw new Error(`The calendar file for booking ${event.bookingId} could not be written`, {
      cause: error ?? undefined,
    });
  }
  return foldedByOctets(value);
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
