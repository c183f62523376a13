import { useTranslation } from 'react-i18next';
import { formatCallTime } from '../../../functions/core/date-format.ts';
import { formatMoney } from '../../../functions/core/money-format.ts';
import { siteLocale } from '../lib/locale.ts';
import type { BookingView } from '../lib/types.ts';
import { viewChildNames } from '../lib/view-children.ts';

/** Who, when and what was paid: the same few facts on the status and manage pages. */
export function BookingSummary({ booking }: { readonly booking: BookingView }) {
  const { t } = useTranslation('status');
  const when = formatCallTime(
    booking.schedule.scheduledAt,
    booking.schedule.timezone,
    siteLocale(),
  );
  const zone = booking.schedule.timezone.replaceAll('_', ' ');
  return (
    <dl className="summary">
      <div>
        <dt>{t('summary.for')}</dt>
        <dd>{viewChildNames(booking, siteLocale()) ?? t('summary.detailsDeleted')}</dd>
      </div>
      <div>
        <dt>{t('summary.when')}</dt>
        <dd data-testid="call-time">
          {booking.schedule.callNow
            ? t('summary.rightAwayAt', { when, zone })
            : t('summary.at', { when, zone })}
        </dd>
      </div>
      <div>
        <dt>{t('summary.afterHours')}</dt>
        <dd>
          {booking.schedule.waitForCallingHours
            ? t('summary.afterHoursWait')
            : t('summary.afterHoursRefund')}
        </dd>
      </div>
      <div>
        <dt>{t('summary.paid')}</dt>
        <dd>
          {t(
            booking.paymentStatus === 'refunded'
              ? 'summary.amountRefunded'
              : booking.paymentStatus === 'pending'
                ? 'summary.amountNotPaid'
                : 'summary.amount',
            { amount: formatMoney(booking.amountCents, booking.currency, siteLocale()) },
          )}
        </dd>
      </div>
    </dl>
  );
}
