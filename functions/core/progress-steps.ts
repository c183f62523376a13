import type { CallStatus, PaymentStatus, VideoStatus } from './booking-status.ts';
import { reminderLeadMs } from './workflow-start.ts';

/**
 * The booking's progress as the status page's steps (paid, scheduled, reminder, calling,
 * completed, recording, video). Pure: one rule for the site, tested as a table.
 *
 * A step is `done` or `current` only from what happened — the booking's events and statuses —
 * never from what comes next in the list: a step that is only due later (the reminder an hour
 * before the call, the call itself) is `upcoming` with its `dueAt`, however near it is.
 */
export type StepState = 'done' | 'current' | 'upcoming';

export interface ProgressStep {
  readonly key: string;
  readonly label: string;
  readonly state: StepState;
  /** When it happened (ISO 8601), for a done step that has an event. */
  readonly at?: string | undefined;
  /** When it is due (ISO 8601), for an upcoming step with a time of its own. */
  readonly dueAt?: string | undefined;
}

export interface ProgressFacts {
  readonly callStatus: CallStatus;
  readonly paymentStatus: PaymentStatus;
  readonly videoStatus: VideoStatus;
  readonly purchaseRecording: boolean;
  readonly callNow: boolean;
  /** The call's instant, ISO 8601. */
  readonly scheduledAt: string;
  /** The audit trail, oldest first (`type`, `at`, `detail`). */
  readonly timeline: readonly {
    readonly type: string;
    readonly at: string;
    readonly detail?: Readonly<Record<string, string>> | undefined;
  }[];
}

const callOrder: readonly CallStatus[] = [
  'pending',
  'scheduled',
  'queued',
  'in_progress',
  'completed',
];

/** The steps of a booking, each done, current (happening now) or upcoming (with its due time). */
export function progressSteps(facts: ProgressFacts): ProgressStep[] {
  const events = facts.timeline;
  const firstAt = (test: (event: ProgressFacts['timeline'][number]) => boolean) =>
    events.find(test)?.at;
  const reached = callOrder.indexOf(facts.callStatus);
  const paidAt = firstAt((e) => e.type === 'payment_succeeded');
  const scheduledAt = firstAt((e) => e.type === 'call_scheduled' || e.type === 'call_started');
  const reminderAt = firstAt(
    (e) => e.type === 'email_sent' && e.detail?.template === 'callReminder',
  );
  const callingAt = firstAt((e) => e.type === 'call_queued' || e.type === 'call_placed');
  const completedAt = firstAt((e) => e.type === 'call_completed');
  const paid = facts.paymentStatus !== 'pending' || !!paidAt;
  const scheduled = !!scheduledAt || reached >= 2;
  const calling = reached === 2 || reached === 3;
  const completed = reached >= 4;
  const state = (done: boolean, happening: boolean): StepState =>
    done ? 'done' : happening ? 'current' : 'upcoming';

  const steps: ProgressStep[] = [
    // Waiting for the payment to be confirmed is happening now.
    { key: 'paid', label: 'Paid', state: state(paid, !paid), at: paidAt },
    {
      key: 'scheduled',
      label: facts.callNow ? 'Call starting now' : 'Scheduled',
      // Paid and not yet in the diary: putting it there is under way.
      state: state(scheduled, paid),
      at: scheduledAt,
    },
  ];
  if (reminderAt || (!facts.callNow && reached <= 1)) {
    steps.push({
      key: 'reminder',
      label: reminderAt ? 'Reminder sent' : 'Reminder email (an hour before)',
      // Sent is the only thing that happens to a reminder: until then it is only due.
      state: reminderAt ? 'done' : 'upcoming',
      at: reminderAt,
      dueAt: reminderAt
        ? undefined
        : new Date(Date.parse(facts.scheduledAt) - reminderLeadMs).toISOString(),
    });
  }
  steps.push(
    {
      key: 'calling',
      label: 'Santa is calling',
      // Queued for a line or ringing: happening now; over once the call is.
      state: state(completed, calling),
      at: callingAt,
      dueAt: calling || completed ? undefined : facts.scheduledAt,
    },
    {
      key: 'completed',
      label: 'Call completed',
      state: completed ? 'done' : 'upcoming',
      at: completedAt,
    },
  );
  if (facts.purchaseRecording) {
    steps.push({
      key: 'recording',
      label: 'Recording ready',
      state: completed ? 'done' : 'upcoming',
      at: completedAt,
    });
    if (facts.videoStatus === 'processing' || facts.videoStatus === 'completed') {
      steps.push(
        {
          key: 'video-rendering',
          label: 'Video being made',
          state: state(facts.videoStatus === 'completed', facts.videoStatus === 'processing'),
        },
        {
          key: 'video-ready',
          label: 'Video ready',
          state: facts.videoStatus === 'completed' ? 'done' : 'upcoming',
        },
      );
    }
  }
  return steps;
}
