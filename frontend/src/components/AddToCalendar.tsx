import {
  calendarFileName,
  callCalendarFile,
  callEventSequence,
} from '../../../functions/core/calendar-file.ts';
import { firstName } from '../../../functions/core/format.ts';
import { santaMaxCallSeconds } from '../../../functions/core/santa-limits.ts';
import type { BookingView } from '../lib/types.ts';

/**
 * The call's calendar file, built here from the booking view by the same pure function the
 * emails' attachment comes from (`functions/core/calendar-file.ts`): same UID, and SEQUENCE
 * counted from the same history (the view's timeline), so a calendar treats the download and
 * the emailed file as one event. Nothing leaves the browser; no token is in the file.
 */
export function calendarFileOf(booking: BookingView, now = new Date()): string {
  return callCalendarFile({
    bookingId: booking.callId,
    startUtc: booking.schedule.scheduledAt,
    durationMinutes: Math.ceil(santaMaxCallSeconds / 60),
    sequence: callEventSequence(booking.timeline, false),
    method: 'PUBLISH',
    // Erased: no name at all.
    childFirstName: booking.child.name ? firstName(booking.child.name) : 'your child',
    stampUtc: now.toISOString(),
  });
}

/** Whether the call is still ahead at a set time, so a calendar entry makes sense. */
export function calendarWorthy(booking: BookingView): boolean {
  return (
    booking.paymentStatus === 'paid' &&
    booking.callStatus === 'scheduled' &&
    !booking.schedule.callNow
  );
}

/** "Add to calendar": downloads the call's .ics (any calendar app opens it). */
export function AddToCalendar({ booking }: { readonly booking: BookingView }) {
  const download = () => {
    const blob = new Blob([calendarFileOf(booking)], { type: 'text/calendar;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = calendarFileName;
    document.body.append(link);
    link.click();
    link.remove();
    // After the click has handed the file over.
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <button type="button" className="button button-secondary" onClick={download}>
      Add to calendar
    </button>
  );
}
