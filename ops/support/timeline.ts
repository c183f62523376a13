/**
 * A booking's story side by side: its audit trail, its workflow executions' state histories and
 * its emails, merged in time order. Pure; no personal data enters (the audit trail holds none,
 * state inputs and outputs are never read, emails are kinds and times).
 */

export type TimelineSource = 'audit' | 'workflow' | 'email';

export interface TimelineEntry {
  /** ISO 8601 instant. */
  readonly at: string;
  readonly source: TimelineSource;
  /** An audit event type, a history event type (`TaskStateEntered`), an email's template. */
  readonly what: string;
  /** The execution's name, for workflow entries. */
  readonly execution?: string;
  readonly detail: Readonly<Record<string, string>>;
}

export interface AuditEntry {
  readonly at: string;
  readonly type: string;
  readonly detail?: Readonly<Record<string, string>> | undefined;
}

export interface HistoryEntry {
  readonly at: string;
  readonly type: string;
  readonly state?: string | undefined;
  readonly error?: string | undefined;
  readonly cause?: string | undefined;
}

export interface ExecutionHistory {
  readonly name: string;
  readonly events: readonly HistoryEntry[];
}

export interface EmailEntry {
  readonly template: string;
  readonly at: string;
  readonly messageId?: string | undefined;
  /** True when an `email_sent` audit event records it (the timeline shows that event). */
  readonly inAuditTrail: boolean;
}

const sourceOrder: Readonly<Record<TimelineSource, number>> = { audit: 0, email: 1, workflow: 2 };

/**
 * Merges the three into one list, oldest first; entries at the same instant keep audit before
 * email before workflow, and within one source their given order (the sort is stable).
 */
export function mergeTimeline(parts: {
  readonly audit: readonly AuditEntry[];
  readonly executions: readonly ExecutionHistory[];
  readonly emails: readonly EmailEntry[];
}): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...parts.audit.map(
      (event): TimelineEntry => ({
        at: event.at,
        source: 'audit',
        what: event.type,
        detail: { ...(event.detail ?? {}) },
      }),
    ),
    // An email the audit trail records is already there as its `email_sent` event.
    ...parts.emails
      .filter((email) => !email.inAuditTrail)
      .map(
        (email): TimelineEntry => ({
          at: email.at,
          source: 'email' as const,
          what: email.template,
          detail: email.messageId ? { messageId: email.messageId } : {},
        }),
      ),
    ...parts.executions.flatMap((execution) =>
      execution.events.map(
        (event): TimelineEntry => ({
          at: event.at,
          source: 'workflow' as const,
          what: event.type,
          execution: execution.name,
          detail: {
            ...(event.state ? { state: event.state } : {}),
            ...(event.error ? { error: event.error } : {}),
            ...(event.cause ? { cause: event.cause } : {}),
          },
        }),
      ),
    ),
  ];
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort(
      (a, b) =>
        Date.parse(a.entry.at) - Date.parse(b.entry.at) ||
        sourceOrder[a.entry.source] - sourceOrder[b.entry.source] ||
        a.index - b.index,
    )
    .map(({ entry }) => entry);
}

/** Booking fields that record when an email was claimed and sent, by template. */
export const emailSentFields = {
  confirmationEmailSentAt: 'bookingConfirmation',
  reminderSentAt: 'callReminder',
  transcriptEmailSentAt: 'callTranscript',
  notCompletedEmailSentAt: 'callNotCompleted',
  videoReadyEmailSentAt: 'videoReady',
  videoNotMadeEmailSentAt: 'videoNotMade',
} as const;

/**
 * The booking's emails: every `email_sent` audit event (with its SES message id; resends
 * included), and an email the booking records as claimed whose event is missing (a send that
 * may have failed, or predates the event) at its claim time.
 */
export function bookingEmailList(
  booking: Partial<Record<keyof typeof emailSentFields, string>>,
  audit: readonly AuditEntry[],
): EmailEntry[] {
  const sent = audit
    .filter((event) => event.type === 'email_sent' && event.detail?.template)
    .map((event) => ({
      template: event.detail?.template ?? '',
      at: event.at,
      ...(event.detail?.messageId ? { messageId: event.detail.messageId } : {}),
      inAuditTrail: true,
    }));
  const claimedOnly = Object.entries(emailSentFields)
    .filter(
      ([field, template]) =>
        booking[field as keyof typeof emailSentFields] &&
        !sent.some((email) => email.template === template),
    )
    .map(([field, template]) => ({
      template,
      at: booking[field as keyof typeof emailSentFields] ?? '',
      inAuditTrail: false,
    }));
  return [...sent, ...claimedOnly].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
