import { DateTime } from 'luxon';
import type { SantaCallVariables } from '../agent/dynamic-variables.ts';
import { formatWholeMoney } from '../core/money-format.ts';
import type { Booking } from '../data/bookings.ts';

/** What Santa is told about the child, from the booking (never the parent's contact details). */
export function santaCallVariables(booking: Booking, now: Date): SantaCallVariables {
  return {
    child_name: booking.childName,
    child_age: booking.childAge,
    child_gender:
      booking.childGender && booking.childGender !== 'prefer_not_to_say' ? booking.childGender : '',
    child_info_text: booking.childInfoText ?? '',
    child_info_voice_transcript: booking.voiceNoteTranscript ?? '',
    // Santa speaks English: "50 British pounds", "5,000 Japanese yen", in the booking's currency.
    gift_budget: formatWholeMoney(booking.giftBudget, booking.currency, 'en-US', 'name'),
    call_local_time: DateTime.fromJSDate(now, { zone: booking.timezone }).toFormat(
      'cccc d LLLL, h:mm a',
    ),
  };
}
