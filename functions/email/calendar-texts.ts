import type { CalendarTexts } from '../core/calendar-file.ts';
import { bookingChildren, type ChildrenSource } from '../core/children.ts';
import { firstName } from '../core/format.ts';
import { languageOf } from '../core/languages.ts';
import { bookingFormattingLocale } from '../core/locale.ts';
import { namesPhrase } from './email-fields.ts';
import { emailTranslator } from './i18n.ts';

/**
 * The calendar file's words (core/calendar-file.ts) in the booking's language, naming every
 * child: "Santa will call Emma and Leo …", "Papá Noel llamará a Emma y Leo …". The file travels
 * with the confirmation, "moved" and "cancelled" emails, so it speaks as they do.
 */
export async function calendarTexts(
  booking: ChildrenSource & {
    readonly language?: string | undefined;
    readonly locale?: string | undefined;
  },
): Promise<CalendarTexts> {
  const t = await emailTranslator(languageOf(booking.language).code);
  const names = namesPhrase({
    childNames: bookingChildren(booking).map((child) => firstName(child.name)),
    locale: bookingFormattingLocale(booking),
  });
  return {
    summary: t('calendar.summary'),
    cancelledSummary: t('calendar.cancelledSummary'),
    description: t('calendar.description', { names }),
    cancelledDescription: t('calendar.cancelledDescription', { names }),
    alarm: t('calendar.alarm', { names }),
  };
}
