import { useTranslation } from 'react-i18next';
import { formatCallTime } from '../../../functions/core/date-format.ts';
import { formatMoney } from '../../../functions/core/money-format.ts';
import { siteLocale } from '../lib/locale.ts';
import type { BookingView } from '../lib/types.ts';

/** Who, when and what was paid: the same few facts on the status and manage pages. */
export function BookingSummary({ booking }: { readonly booking: BookingView }) {
  const { t } = useTranslation('book');
  return (
    <dl className="summary">
      <div>
        <dt>{t('summary.for')}</dt>
        <dd>{booking.child.name ?? t('summary.deleted')}</dd>
      </div>
      <div>
        <dt>{t('summary.when')}</dt>
        <dd data-testid="call-time">
          {booking.schedule.callNow ? t('summary.rightAway') : ''}
          {formatCallTime(booking.schedule.scheduledAt, booking.schedule.timezone, siteLocale())} (
          {booking.schedule.timezone.replaceAll('_', ' ')})
        </dd>
      </div>
      <div>
        <dt>{t('summary.afterHours')}</dt>
        <dd>{booking.schedule.waitForCallingHours ? t('summary.waits') : t('summary.refunded')}</dd>
      </div>
      <div>
        <dt>{t('summary.paid')}</dt>
        <dd>
          {formatMoney(booking.amountCents, booking.currency, siteLocale())}
          {booking.paymentStatus === 'refunded'
            ? t('summary.wasRefunded')
            : booking.paymentStatus === 'pending'
              ? t('summary.notPaid')
              : ''}
        </dd>
      </div>
    </dl>
  );
}
