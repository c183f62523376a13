import { describe, expect, it } from 'vitest';
import { bookingEmailList, mergeTimeline } from '../../../ops/support/timeline.ts';

describe('the support timeline', () => {
  it('merges audit events, email claims and execution states in time order', () => {
    // Arrange
    const audit = [
      { at: '2026-12-24T10:00:00.000Z', type: 'booking_created' },
      { at: '2026-12-24T10:05:00.000Z', type: 'call_placed', detail: { attempt: '1' } },
    ];
    const executions = [
      {
        name: 'booking-X-v2',
        events: [
          { at: '2026-12-24T10:04:00.000Z', type: 'ExecutionStarted' },
          { at: '2026-12-24T10:05:00.000Z', type: 'TaskStateEntered', state: 'Place the call' },
          {
            at: '2026-12-24T10:06:00.000Z',
            type: 'TaskFailed',
            state: 'Place the call',
            error: 'Boom',
          },
        ],
      },
    ];
    const emails = [
      { template: 'callReminder', at: '2026-12-24T10:01:00.000Z', inAuditTrail: false },
    ];

    // Act
    const timeline = mergeTimeline({ audit, executions, emails });

    // Assert
    expect(timeline.map((entry) => `${entry.source}:${entry.what}`)).toEqual([
      'audit:booking_created',
      'email:callReminder',
      'workflow:ExecutionStarted',
      'audit:call_placed',
      'workflow:TaskStateEntered',
      'workflow:TaskFailed',
    ]);
    expect(timeline[4]).toEqual({
      at: '2026-12-24T10:05:00.000Z',
      source: 'workflow',
      what: 'TaskStateEntered',
      execution: 'booking-X-v2',
      detail: { state: 'Place the call' },
    });
    expect(timeline[5]?.detail).toEqual({ state: 'Place the call', error: 'Boom' });
  });

  it('keeps the given order of entries at the same instant within a source', () => {
    // Arrange
    const at = '2026-12-24T10:00:00.000Z';
    const audit = ['a', 'b', 'c'].map((type) => ({ at, type }));

    // Act
    const timeline = mergeTimeline({ audit, executions: [], emails: [] });

    // Assert
    expect(timeline.map((entry) => entry.what)).toEqual(['a', 'b', 'c']);
  });

  it('shows an email the audit trail records once, as its email_sent event', () => {
    // Arrange
    const audit = [
      {
        at: '2026-12-24T10:00:01.000Z',
        type: 'email_sent',
        detail: { template: 'bookingConfirmation', messageId: 'm-1' },
      },
    ];
    const booking = {
      confirmationEmailSentAt: '2026-12-24T10:00:00.000Z',
      reminderSentAt: '2026-12-24T09:00:00.000Z',
    };

    // Act
    const emails = bookingEmailList(booking, audit);
    const timeline = mergeTimeline({ audit, executions: [], emails });

    // Assert
    expect(emails).toEqual([
      { template: 'callReminder', at: '2026-12-24T09:00:00.000Z', inAuditTrail: false },
      {
        template: 'bookingConfirmation',
        at: '2026-12-24T10:00:01.000Z',
        messageId: 'm-1',
        inAuditTrail: true,
      },
    ]);
    expect(timeline.map((entry) => `${entry.source}:${entry.what}`)).toEqual([
      'email:callReminder',
      'audit:email_sent',
    ]);
  });
});
