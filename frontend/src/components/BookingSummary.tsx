import { formatCallTime } from '../../../functions/core/date-format.ts';
import { formatMoney } from '../../../functions/core/money-format.ts';
import { siteLocale } from '../lib/locale.ts';
import type { BookingView } from '../lib/types.ts';

/** Who, when and what was paid: the same few facts on the status and manage pages. */
export function BookingSummary({ booking }: { readonly booking: BookingView }) {
  return (
    <dl className="summary">
      <div>
        <dt>For</dt>
        <dd>{booking.child.name ?? '(details deleted)'}</dd>
      </div>
      <div>
        <dt>When</dt>
        <dd data-testid="call-time">
          {booking.schedule.callNow ? 'Right away — ' : ''}
          {formatCallTime(booking.schedule.scheduledAt, booking.schedule.timezone, siteLocale())} (
          {booking.schedule.timezone.replaceAll('_', ' ')})
        </dd>
      </div>
      <div>
        <dt>After calling hours</dt>
        <dd>
          {booking.schedule.waitForCallingHours
            ? 'If Santa cannot get through before calling hours end, he tries again when they open next.'
            : 'If Santa cannot get through before calling hours end, the call is cancelled and refunded.'}
        </dd>
      </div>
      <div>
        <dt>Paid</dt>
        <dd>
          {formatMoney(booking.amountCents, booking.currency, siteLocale())}
          {booking.paymentStatus === 'refunded'
            ? ' — refunded'
            : booking.paymentStatus === 'pending'
              ? ' — not paid yet'
              : ''}
        </dd>
      </div>
    </dl>
  );
}
