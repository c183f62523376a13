import { formatMoney } from '../core/money-format.ts';
import { logger } from '../shared/logger.ts';

/** Optional: a Discord webhook for the team's "new paid booking" channel. Unset means off. */
export const discordWebhookEnv = 'DISCORD_WEBHOOK_URL';

// A slow Discord must not hold a Stripe webhook past its own timeout.
const timeoutMs = 3000;

export interface PaidBookingNotice {
  readonly bookingId: string;
  readonly childName: string;
  readonly parentEmail: string;
  readonly phoneNumber: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly callAtUtc: string;
  readonly affiliateSlug?: string;
}

export type NotifyResult = 'sent' | 'skipped' | 'failed';

/** "E***": enough to tell bookings apart in a channel, not enough to name a child. */
export function maskName(name: string): string {
  const first = [...name.trim()][0];
  return first ? `${first}***` : '***';
}

/** "p***@e***.com": the first letter of the mailbox and the domain, and the top-level domain. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 0) return '***';
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${maskName(email.slice(0, at))}@${maskName(dot > 0 ? domain.slice(0, dot) : domain)}${tld}`;
}

/** "***42": the last two digits only. */
export function maskPhone(phone: string): string {
  return `***${phone.replace(/\D/g, '').slice(-2)}`;
}

// Names are typed by parents: their first letter could be Discord markdown.
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_~|>#[\]()-]/g, '\\$&');
}

/** The Discord webhook body: masked personal data, and no pings whatever the text says. */
function paidBookingMessage(notice: PaidBookingNotice): Record<string, unknown> {
  const fields = [
    { name: 'Booking', value: escapeMarkdown(notice.bookingId), inline: false },
    { name: 'Child', value: escapeMarkdown(maskName(notice.childName)), inline: true },
    { name: 'Parent', value: escapeMarkdown(maskEmail(notice.parentEmail)), inline: true },
    { name: 'Phone', value: escapeMarkdown(maskPhone(notice.phoneNumber)), inline: true },
    {
      name: 'Amount',
      value: formatMoney(notice.amountCents, notice.currency, 'en-US'),
      inline: true,
    },
    { name: 'Call at (UTC)', value: notice.callAtUtc, inline: true },
    ...(notice.affiliateSlug
      ? [{ name: 'Affiliate', value: escapeMarkdown(notice.affiliateSlug), inline: true }]
      : []),
  ];
  return {
    username: 'CallSanta',
    embeds: [{ title: '🎅 New paid booking', color: 0xb91c1c, fields }],
    allowed_mentions: { parse: [] },
  };
}

/**
 * Tells the team's Discord channel about a paid booking, when a webhook is configured. Never
 * throws: a notification must not fail or retry a payment. The webhook URL is a secret and the
 * booking is personal, so neither is logged.
 */
export async function notifyPaidBooking(
  notice: PaidBookingNotice,
  env: NodeJS.ProcessEnv = process.env,
): Promise<NotifyResult> {
  const url = env[discordWebhookEnv]?.trim();
  if (!url) return 'skipped';
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(paidBookingMessage(notice)),
      signal: AbortSignal.timeout(timeoutMs),
    });
    // Discord's body is of no use to us; releasing it frees the connection.
    await response.body?.cancel();
    if (!response.ok) {
      logger.warn('discord notification rejected', {
        bookingId: notice.bookingId,
        status: response.status,
      });
      return 'failed';
    }
    return 'sent';
  } catch (error) {
    logger.warn('discord notification failed', {
      bookingId: notice.bookingId,
      error: error instanceof Error ? error.name : 'unknown',
    });
    return 'failed';
  }
}
