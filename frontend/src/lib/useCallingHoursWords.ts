import { useTranslation } from 'react-i18next';
import type { CallingHoursWords } from './calling-hours-text.ts';
import { siteLanguage } from './i18n.ts';

/** The calling hours' words in the site's language (common namespace `callingHours`). */
export function useCallingHoursWords(): CallingHoursWords {
  const { t } = useTranslation('common');
  return {
    language: siteLanguage(),
    anyHour: t('callingHours.anyHour'),
    between: (start, end) => t('callingHours.between', { start, end }),
    noon: t('callingHours.noon'),
    midnight: t('callingHours.midnight'),
  };
}
