import { describe, expect, it } from 'vitest';
import { supportBooking } from '../../../ops/support/booking-summary.ts';
import { flaggedCriteria } from '../../../ops/support/call-flags.ts';
import {
  renderAction,
  renderFind,
  renderShow,
  type ShowView,
} from '../../../ops/support/render.ts';

/** The terminal's escapeChar character, which starts every colour code. */
const escapeChar = String.fromCharCode(27);
const booking = {
  bookingId: '01JF0000000000000000000000',
  version: 2,
  callStatus: 'failed',
  paymentStatus: 'refunded',
  videoStatus: 'not_requested',
  createdAt: '2026-12-24T10:00:00.000Z',
  updatedAt: '2026-12-24T10:30:00.000Z',
  scheduledAt: '2026-12-24T10:15:00.000Z',
  timezone: 'Europe/London',
  callNow: false,
  totalCents: 1999,
  currency: 'gbp',
  attempts: 3,
  purchaseRecording: false,
  childName: 'Emma',
  childAge: 7,
  childInfoText: 'Loves dinosaurs',
  giftBudget: 50,
  parentEmail: 'mum@example.com',
  phoneNumber: '+447700900123',
  paymentIntentId: 'pi_123',
  conversationId: 'conv_9',
};

function view(reveal: boolean): ShowView {
  return {
    booking: supportBooking(booking, reveal),
    emails: [{ template: 'callNotCompleted', at: '2026-12-24T10:31:00.000Z' }],
    executions: [
      {
        name: 'booking-01JF-v2',
        executionArn: 'arn:aws:states:eu-west-1:1:execution:m:booking-01JF-v2',
        status: 'FAILED',
        startedAt: '2026-12-24T10:15:00.000Z',
        error: 'States.Timeout',
      },
    ],
    timeline: [
      {
        at: '2026-12-24T10:15:00.000Z',
        source: 'workflow',
        what: 'TaskFailed',
        execution: 'booking-01JF-v2',
        detail: { state: 'Place the call', error: 'States.Timeout' },
      },
    ],
  };
}

const piped = { json: false, tty: false };
const terminal = { json: false, tty: true };
const script = { json: true, tty: false };

describe('support output', () => {
  it("keeps the child's details and the parent's contact out unless revealed", () => {
    // Act
    const hidden = supportBooking(booking, false);
    const shown = supportBooking(booking, true);

    // Assert
    expect(JSON.stringify(hidden)).not.toMatch(/Emma|dinosaurs|mum@|7700900123/);
    expect(hidden.facts).toMatchObject({ callStatus: 'failed', total: '19.99 GBP' });
    expect(hidden.providers).toEqual({
      'Stripe PaymentIntent': 'pi_123',
      'ElevenLabs conversation': 'conv_9',
    });
    expect(shown.personal).toMatchObject({ childName: 'Emma', parentEmail: 'mum@example.com' });
  });

  it.each([
    ['piped', piped],
    ['a terminal', terminal],
    ['--json', script],
  ])('shows the same facts %s', (_, style) => {
    // Act
    const text = renderShow(view(false), style);

    // Assert
    for (const fact of [
      '01JF0000000000000000000000',
      'pi_123',
      'booking-01JF-v2',
      'Place the call',
    ]) {
      expect(text).toContain(fact);
    }
    expect(text).not.toContain('Emma');
  });

  it('writes plain lines without colour or borders when piped, tables and colour in a terminal', () => {
    // Act
    const plain = renderShow(view(false), piped);
    const coloured = renderShow(view(false), terminal);

    // Assert
    expect(plain).toContain('callStatus: failed');
    expect(plain).toContain('== Timeline');
    expect(plain).toContain('2026-12-24T10:15:00.000Z\tworkflow\tTaskFailed\tbooking-01JF-v2');
    expect(plain).not.toContain(escapeChar);
    expect(plain).not.toContain('┌');
    expect(coloured).toContain(`${escapeChar}[31mFAILED`);
    expect(coloured).toContain('┌');
  });

  it('keeps red for what failed: column headings in a terminal are bold, not red', () => {
    // Act
    const coloured = renderShow(view(false), terminal);
    const found = renderFind(
      [
        {
          bookingId: '01JF0000000000000000000000',
          callStatus: 'completed',
          paymentStatus: 'paid',
          scheduledAt: '2026-12-24T10:00:00.000Z',
          createdAt: '2026-12-20T10:00:00.000Z',
        },
      ],
      terminal,
    );

    // Assert
    for (const text of [coloured, found]) {
      expect(text).not.toMatch(new RegExp(`${escapeChar}\\[31m ?${escapeChar}\\[1m`));
    }
    expect(found).toContain(`${escapeChar}[1mbooking`);
  });

  it('writes JSON that parses back to the view', () => {
    expect(JSON.parse(renderShow(view(true), script))).toEqual(view(true));
  });

  it('answers an empty search in words, and in JSON as an empty list', () => {
    expect(renderFind([], piped)).toBe('No booking found.');
    expect(JSON.parse(renderFind([], script))).toEqual({ bookings: [] });
  });

  it('shows the criteria a flagged call failed, with their rationale, and only those', () => {
    // Arrange
    const flagged: ShowView = {
      ...view(false),
      flaggedCriteria: flaggedCriteria({
        callAnalysis: {
          criteria: [
            {
              id: 'stayed_in_character',
              result: 'failure',
              rationale: 'Santa said he was a program.',
            },
            { id: 'disclosed_ai_voice', result: 'success', rationale: 'Disclosed.' },
            { id: 'no_promise_beyond_budget', result: 'failure' },
          ],
        },
      }),
    };

    // Act
    const plain = renderShow(flagged, piped);

    // Assert
    expect(plain).toContain('== Call flagged: failed evaluation criteria');
    expect(plain).toContain('stayed_in_character\tSanta said he was a program.');
    expect(plain).toContain('no_promise_beyond_budget\t');
    expect(plain).not.toContain('disclosed_ai_voice');
    expect(renderShow(view(false), piped)).not.toContain('Call flagged');
  });

  it('finds no flag on a call without analysis or without a failed criterion', () => {
    expect(flaggedCriteria({})).toEqual([]);
    expect(
      flaggedCriteria({
        callAnalysis: { criteria: [{ id: 'disclosed_ai_voice', result: 'unknown' }] },
      }),
    ).toEqual([]);
  });

  it('says who acted and why', () => {
    // Arrange
    const result = {
      action: 'cancel',
      bookingId: 'B1',
      by: 'elf',
      reason: 'asked by phone',
      outcome: { paymentStatus: 'refunded' },
    };

    // Act
    const text = renderAction(result, piped);

    // Assert
    expect(text).toBe('cancel B1 by elf (asked by phone)\npaymentStatus=refunded');
  });
});
