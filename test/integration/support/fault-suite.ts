import { GetExecutionHistoryCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import Stripe from 'stripe';
import { expect } from 'vitest';
import { callingWindowAt } from '../../../functions/core/calling-hours.ts';
import type { RunningLocalCloud } from '../../../local/cloud.ts';
import {
  type LocalCloudConfig,
  loadLocalCloudConfig,
  localArns,
  localUrl,
} from '../../../local/config.ts';
import {
  elevenLabsFaults,
  type PlacedCallRecord,
} from '../../../local/elevenlabs/faults-client.ts';
import {
  bookingWhere,
  type CreatedBooking,
  createBooking,
  getBooking,
  outbox,
  payWithCard,
} from './booking-api.ts';
import { startTestCloud } from './local-cloud.ts';

/**
 * The fault suite's ledger and its one final-state check: whatever a scenario broke, every
 * booking it made must end true — a final status, paid only when completed and refunded
 * otherwise, completed only when the child was really reached, each email at most once and
 * the right one exactly once, one ring per attempt and none outside calling hours.
 */

/** The final statuses a paid booking may end in. */
export const finalStatuses = ['completed', 'no_answer', 'failed', 'cancelled'] as const;
export type FinalStatus = (typeof finalStatuses)[number];

/** The email templates, told apart in the outbox by their subject lines. */
export type TemplateName =
  | 'bookingConfirmation'
  | 'callReminder'
  | 'callTranscript'
  | 'callNotCompleted';

/** Which template a subject line belongs to (see functions/email/templates/*.tsx). */
export function templateOfSubject(subject: string): TemplateName | 'unknown' {
  if (subject.startsWith('Santa will call ')) return 'bookingConfirmation';
  if (/^Santa calls .* in an hour$/.test(subject)) return 'callReminder';
  if (subject.includes("'s call with Santa: ")) return 'callTranscript';
  if (subject.startsWith('Santa could not reach ') || subject.includes('could not be completed')) {
    return 'callNotCompleted';
  }
  return 'unknown';
}

/** Calling hours as `HH:MM` (end may be 24:00), as the cloud's CALLING_HOURS_* were set. */
export interface SuiteHours {
  readonly start: string;
  readonly end: string;
}

const minuteOf = (clock: string) => {
  const [hours, minutes] = clock.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};

/** One booking the suite made, and what the test knows of the phone it rings. */
export interface SuiteBooking {
  readonly scenario: string;
  readonly booking: CreatedBooking;
  readonly parentEmail: string;
  readonly phoneNumber: string;
  readonly timezone: string;
  /** Whether a person can answer this number (false for busy, no-answer, voicemail numbers). */
  readonly reachable: boolean;
}

/** What the final-state check found for one booking, for the summary table. */
export interface CheckedBooking {
  readonly callStatus: FinalStatus;
  readonly emails: number;
  readonly callsPlaced: number;
  readonly doubleRings: number;
  readonly outOfHoursCalls: number;
}

/** The API, emulators and settings a suite talks to: an in-process cloud or a spawned one. */
export interface SuiteCloud {
  readonly cloud: RunningLocalCloud;
  readonly hours: SuiteHours;
}

/**
 * A fault-suite test waits for bookings to end (up to 150 s on the slowest paths): it needs
 * longer than the project's 60 s, or a stalled wait is cut off before its report is printed.
 */
export const suiteTestTimeoutMs = 200_000;

/** Hours that let Santa ring the emulator's Californian test numbers at any hour of the run. */
export const allDayHours: SuiteHours = { start: '00:00', end: '24:00' };

/**
 * The in-process cloud most fault-suite files use: a minute of booking time a second,
 * one-minute calls, retries after a (scaled) minute, calling hours all day.
 */
export function startSuiteCloud(): Promise<RunningLocalCloud> {
  return startTestCloud({
    timeScale: 60,
    env: {
      CALL_RETRY_WAIT_SECONDS: '60',
      EXPECTED_CALL_MINUTES: '1',
      CALLING_HOURS_START: allDayHours.start,
      CALLING_HOURS_END: allDayHours.end,
    },
  });
}

/** A RunningLocalCloud for a cloud another process runs (`bin/local.ts`) on `basePort`. */
export function cloudAt(basePort: number, dataDir: string, timeScale: number): RunningLocalCloud {
  const config: LocalCloudConfig = loadLocalCloudConfig({
    CALLSANTA_PORT: String(basePort),
    CALLSANTA_DATA_DIR: dataDir,
    CALLSANTA_TIME_SCALE: String(timeScale),
  });
  return {
    config,
    apiUrl: `http://127.0.0.1:${basePort}`,
    stop: async () => {},
  };
}

/**
 * The bookings of one test file and the scenarios they belong to; `summary()` prints the
 * counts table at the end of the file.
 */
export class FaultSuite {
  readonly bookings: SuiteBooking[] = [];
  private readonly scenarios = new Set<string>();
  private readonly checked = new Map<string, CheckedBooking>();
  private next = 1;

  constructor(
    readonly name: string,
    private readonly target: () => SuiteCloud,
  ) {}

  get cloud(): RunningLocalCloud {
    return this.target().cloud;
  }

  /** Books "call now" through the API with an address of its own; does not pay. */
  async book(
    scenario: string,
    phoneNumber: string,
    options: { reachable?: boolean; timezone?: string; extra?: Record<string, unknown> } = {},
  ): Promise<SuiteBooking> {
    this.scenarios.add(scenario);
    const parentEmail = `fault-${this.name}-${this.next++}@example.com`;
    const timezone = options.timezone ?? 'America/Los_Angeles';
    const booking = await createBooking(this.cloud, {
      scheduledAt: undefined,
      callNow: true,
      timezone,
      phoneNumber,
      parentEmail,
      ...options.extra,
    });
    const made: SuiteBooking = {
      scenario,
      booking,
      parentEmail,
      phoneNumber,
      timezone,
      reachable: options.reachable ?? true,
    };
    this.bookings.push(made);
    return made;
  }

  /** Books "call now" and pays with a card that succeeds. */
  async bookAndPay(
    scenario: string,
    phoneNumber: string,
    options: { reachable?: boolean; timezone?: string; extra?: Record<string, unknown> } = {},
  ): Promise<SuiteBooking> {
    const made = await this.book(scenario, phoneNumber, options);
    await payWithCard(this.cloud, made.booking);
    return made;
  }

  /** Waits for the booking to reach a final status with the parent told about it. */
  async ended(made: SuiteBooking, timeoutMs = 60_000): Promise<Record<string, unknown>> {
    return this.watched(
      made,
      bookingWhere(
        this.cloud,
        made.booking,
        `booking ${made.booking.callId} (${made.scenario}) to end and the parent to be told`,
        (body) =>
          (finalStatuses as readonly string[]).includes(body.callStatus as string) &&
          (body.timeline as { type: string; detail?: { template?: string } }[]).some(
            (event) =>
              event.type === 'email_sent' &&
              ['callTranscript', 'callNotCompleted'].includes(event.detail?.template ?? ''),
          ) &&
          body.followUp === null,
        timeoutMs,
      ),
    );
  }

  /** `waiting`, with the booking's report printed when it fails (a timeout, mostly). */
  async watched<T>(made: SuiteBooking, waiting: Promise<T>): Promise<T> {
    try {
      return await waiting;
    } catch (error) {
      console.error(await bookingReport(this.cloud, made).catch((cause: unknown) => String(cause)));
      throw error;
    }
  }

  /**
   * The final-state check for `bookings` (default: every booking of the suite): asserts each
   * ends true and records the counts for the summary.
   */
  async expectTrueEndings(bookings: readonly SuiteBooking[] = this.bookings): Promise<void> {
    const { cloud, hours } = this.target();
    const emails = await outbox(cloud);
    const calls = await elevenLabsFaults(cloud.config.elevenLabs.baseUrl).placedCalls();
    for (const made of bookings) {
      const { body } = await getBooking(cloud, made.booking.callId, made.booking.accessToken);
      const where = `${made.scenario} (${made.booking.callId})`;
      const status = body.callStatus as FinalStatus;
      expect(finalStatuses, `${where}: final status`).toContain(status);

      // Paid only when completed; refunded otherwise, in full and once.
      expect(body.paymentStatus, `${where}: payment`).toBe(
        status === 'completed' ? 'paid' : 'refunded',
      );
      const refunded = await amountRefunded(cloud, made.booking.paymentIntentId);
      expect(refunded, `${where}: refunded at Stripe`).toBe(
        status === 'completed' ? 0 : made.booking.amountCents,
      );

      // One ring per attempt, never two for one dial marker.
      const mine = calls.filter((call) =>
        call.dialMarker?.startsWith(`booking-${made.booking.callId}-a`),
      );
      const byMarker = countBy(mine.map((call) => call.dialMarker ?? ''));
      const doubleRings = [...byMarker.values()].filter((count) => count > 1).length;
      expect(doubleRings, `${where}: calls placed twice for one attempt`).toBe(0);
      const unmarked = calls.filter(
        (call) => call.toNumber === made.phoneNumber && call.dialMarker === null,
      );
      expect(unmarked, `${where}: calls to this number without a dial marker`).toEqual([]);
      expect(mine.length, `${where}: calls placed vs attempts`).toBe(body.attempts);
      const placedEvents = (body.timeline as { type: string }[]).filter(
        (event) => event.type === 'call_placed',
      );
      expect(placedEvents.length, `${where}: call_placed events vs calls`).toBe(mine.length);
      const completedEvents = (body.timeline as { type: string }[]).filter(
        (event) => event.type === 'call_completed',
      );
      expect(completedEvents.length, `${where}: call_completed events`).toBe(
        status === 'completed' ? 1 : 0,
      );

      // Completed only when a person answered: never a voicemail, never an unreachable number.
      if (status === 'completed') {
        expect(made.reachable, `${where}: completed a number nobody can answer`).toBe(true);
        const last = mine.at(-1);
        expect(last?.status, `${where}: the completed call's conversation`).toBe('done');
        expect(last?.callResult ?? 'answered', `${where}: call result`).toBe('answered');
      }

      // Calling hours, on the callee's clock, at the instant each call was placed.
      const rules = {
        callingHoursStartMinute: minuteOf(hours.start),
        callingHoursEndMinute: minuteOf(hours.end),
      };
      const outOfHours = mine.filter(
        (call) => !callingWindowAt(new Date(call.placedAt), made.timezone, rules).open,
      );
      expect(
        outOfHours.map((call) => call.placedAt),
        `${where}: calls out of hours`,
      ).toEqual([]);

      // Each template at most once; the right ending exactly once, the wrong one never.
      const sent = countBy(
        emails
          .filter((email) => email.to.includes(made.parentEmail))
          .map((email) => templateOfSubject(email.subject)),
      );
      for (const [template, count] of sent) {
        expect(count, `${where}: ${template} emails`).toBeLessThanOrEqual(1);
      }
      expect(sent.get('unknown') ?? 0, `${where}: unknown emails`).toBe(0);
      expect(sent.get('bookingConfirmation') ?? 0, `${where}: confirmation`).toBe(1);
      if (status === 'completed') {
        expect(sent.get('callTranscript') ?? 0, `${where}: transcript email`).toBe(1);
        expect(sent.get('callNotCompleted') ?? 0, `${where}: not-completed email`).toBe(0);
      } else if (status !== 'cancelled') {
        expect(sent.get('callNotCompleted') ?? 0, `${where}: not-completed email`).toBe(1);
        expect(sent.get('callTranscript') ?? 0, `${where}: transcript email`).toBe(0);
      }

      this.checked.set(made.booking.callId, {
        callStatus: status,
        emails: [...sent.values()].reduce((sum, count) => sum + count, 0),
        callsPlaced: mine.length,
        doubleRings,
        outOfHoursCalls: outOfHours.length,
      });
    }
  }

  /** Prints the file's counts: scenarios, bookings, final states, emails, calls, faults seen. */
  summary(): void {
    const checked = [...this.checked.values()];
    const states = countBy(checked.map((entry) => entry.callStatus));
    const sum = (pick: (entry: CheckedBooking) => number) =>
      checked.reduce((total, entry) => total + pick(entry), 0);
    const rows: [string, string | number][] = [
      ['scenarios', this.scenarios.size],
      ['bookings', this.bookings.length],
      ['bookings checked', checked.length],
      ['final states', [...states].map(([state, count]) => `${state} ${count}`).join(', ')],
      ['emails', sum((entry) => entry.emails)],
      ['calls placed', sum((entry) => entry.callsPlaced)],
      ['double rings', sum((entry) => entry.doubleRings)],
      ['out-of-hours calls', sum((entry) => entry.outOfHoursCalls)],
    ];
    const width = Math.max(...rows.map(([label]) => label.length));
    console.log(
      [
        `fault suite: ${this.name}`,
        ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
      ].join('\n'),
    );
  }
}

function countBy<T>(values: readonly T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** What Stripe says was given back on the booking's payment, in minor units. */
async function amountRefunded(cloud: RunningLocalCloud, paymentIntentId: string): Promise<number> {
  const stripe = new Stripe(cloud.config.stripeKeys.secret, {
    host: '127.0.0.1',
    port: cloud.config.ports.stripe,
    protocol: 'http',
  });
  const intent = await stripe.paymentIntents.retrieve(paymentIntentId, {
    expand: ['latest_charge'],
  });
  const charge = intent.latest_charge as Stripe.Charge | null;
  return charge?.amount_refunded ?? 0;
}

/** The calls the emulator placed for one booking, oldest first. */
export async function callsOf(
  cloud: RunningLocalCloud,
  made: SuiteBooking,
): Promise<PlacedCallRecord[]> {
  return (await elevenLabsFaults(cloud.config.elevenLabs.baseUrl).placedCalls()).filter((call) =>
    call.dialMarker?.startsWith(`booking-${made.booking.callId}-a`),
  );
}

/**
 * What to look at when a booking did not end as expected: its status, timeline and, for each
 * run the Step Functions stand-in holds for it, the states entered and the errors met.
 */
export async function bookingReport(cloud: RunningLocalCloud, made: SuiteBooking): Promise<string> {
  const { body } = await getBooking(cloud, made.booking.callId, made.booking.accessToken);
  const sfn = new SFNClient({
    endpoint: localUrl(cloud.config.ports.stepFunctions),
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const { executions = [] } = await sfn.send(
    new ListExecutionsCommand({ stateMachineArn: localArns.stateMachine, maxResults: 100 }),
  );
  const runs = [];
  for (const execution of executions.filter((run) =>
    run.name?.startsWith(`booking-${made.booking.callId}`),
  )) {
    const { events = [] } = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn: execution.executionArn, maxResults: 1000 }),
    );
    runs.push({
      name: execution.name,
      status: execution.status,
      steps: events.flatMap((event) => {
        if (event.stateEnteredEventDetails?.name) return [event.stateEnteredEventDetails.name];
        const failed = event.taskFailedEventDetails ?? event.executionFailedEventDetails;
        return failed
          ? [`  ! ${event.type} ${failed.error}: ${failed.cause ?? ''}`.slice(0, 300)]
          : [];
      }),
    });
  }
  sfn.destroy();
  return JSON.stringify(
    {
      callStatus: body.callStatus,
      paymentStatus: body.paymentStatus,
      followUp: body.followUp,
      endReason: body.endReason,
      attempts: body.attempts,
      timeline: (body.timeline as { type: string; at: string; detail?: unknown }[]).map(
        (event) => `${event.at} ${event.type} ${event.detail ? JSON.stringify(event.detail) : ''}`,
      ),
      runs,
    },
    null,
    2,
  );
}
