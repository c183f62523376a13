import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { firstName } from '../../../functions/core/format.ts';
import { santaMaxCallSeconds } from '../../../functions/core/santa-limits.ts';
import type { BookingView } from '../lib/types.ts';

/**
 * The calendar file module (`functions/core/calendar-file.ts`, with the `ics` library and its
 * `yup`), loaded only when the parent asks for the file, so it is not in the status page's
 * first load.
 */
const calendarFile = () => import('../../../functions/core/calendar-file.ts');

/**
 * The call's calendar file, built here from the booking view by the same pure function the
 * emails' attachment comes from (`functions/core/calendar-file.ts`): same UID, and SEQUENCE
 * counted from the same history (the view's timeline), so a calendar treats the download and
 * the emailed file as one event. Nothing leaves the browser; no token is in the file.
 */
export async function calendarFileOf(
  booking: BookingView,
  now = new Date(),
): Promise<{ readonly name: string; readonly text: string }> {
  const { calendarFileName, callCalendarFile, callEventSequence } = await calendarFile();
  const text = callCalendarFile({
    bookingId: booking.callId,
    startUtc: booking.schedule.scheduledAt,
    durationMinutes: Math.ceil(santaMaxCallSeconds / 60),
    sequence: callEventSequence(booking.timeline, false),
    method: 'PUBLISH',
    // Erased: no name at all.
    childFirstName: booking.child.name ? firstName(booking.child.name) : 'your child',
    stampUtc: now.toISOString(),
  });
  return { name: calendarFileName, text };
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
  const { t } = useTranslation('status');
  const [failed, setFailed] = useState(false);
  const download = async () => {
    setFailed(false);
    try {
      const file = await calendarFileOf(booking);
      const blob = new Blob([file.text], { type: 'text/calendar;charset=utf-8' });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = file.name;
      document.body.append(link);
      link.click();
      link.remove();
      // After the click has handed the file over.
      window.setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (error) {
      // Most likely the module failed to load (offline, or a new release replaced it).
      console.error('The calendar file could not be made', error);
      setFailed(true);
    }
  };
  return (
    <>
      <button type="button" className="button button-secondary" onClick={download}>
        {t('calendar.add')}
      </button>
      {failed ? (
        <p className="notice notice-warning" role="alert">
          {t('calendar.failed')}
        </p>
      ) : null}
    </>
  );
}
