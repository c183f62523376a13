import { describe, expect, it } from 'vitest';
import { emailContactKey, phoneContactKey } from '../../../functions/core/contact-key.ts';
import { resendProblem } from '../../../functions/core/email-resend.ts';
import { parseBookingId, parseFindQuery } from '../../../ops/support/query.ts';

describe('what support types after find', () => {
  it.each([
    [
      '01JF5Z8Q3W0000000000000000',
      undefined,
      { kind: 'bookingId', bookingId: '01JF5Z8Q3W0000000000000000' },
    ],
    [
      '01jf5z8q3w0000000000000000',
      undefined,
      { kind: 'bookingId', bookingId: '01JF5Z8Q3W0000000000000000' },
    ],
    [
      ' Mum@Example.com',
      undefined,
      { kind: 'email', contactKey: emailContactKey('mum@example.com') },
    ],
    ['+44 7700 900123', undefined, { kind: 'phone', contactKey: phoneContactKey('+447700900123') }],
    ['07700 900123', 'GB', { kind: 'phone', contactKey: phoneContactKey('+447700900123') }],
  ])('%j (country %j) is %j', (typed, country, query) => {
    expect(parseFindQuery(typed, country)).toEqual(query);
  });

  it('refuses what is none of them, saying what to give', () => {
    expect(() => parseFindQuery('Emma')).toThrow(/booking id, an email address, or a phone/);
  });
});

describe('which emails support may send again', () => {
  const paid = {
    callStatus: 'scheduled',
    paymentStatus: 'paid',
    videoStatus: 'not_requested',
  } as const;
  it.each([
    [paid, 'bookingConfirmation', undefined],
    [{ ...paid, paymentStatus: 'pending' }, 'bookingConfirmation', 'The booking is not paid.'],
    [{ ...paid, callStatus: 'cancelled' }, 'callReminder', /promises a call/],
    [{ ...paid, callStatus: 'completed', transcriptKey: 'k' }, 'callTranscript', undefined],
    [{ ...paid, callStatus: 'completed' }, 'callTranscript', 'The call has no saved transcript.'],
    [{ ...paid, callStatus: 'no_answer' }, 'callNotCompleted', undefined],
    [{ ...paid, callStatus: 'completed' }, 'callNotCompleted', /not failed or unanswered/],
    [{ ...paid, videoStatus: 'completed' }, 'videoReady', undefined],
    [{ ...paid, videoStatus: 'failed' }, 'videoNotMade', undefined],
    [paid, 'callMoved', undefined],
    [{ ...paid, callStatus: 'completed' }, 'callMoved', /can no longer change/],
    [{ ...paid, paymentStatus: 'pending' }, 'callMoved', 'The booking is not paid.'],
    [{ ...paid, callStatus: 'cancelled', paymentStatus: 'refunded' }, 'callCancelled', undefined],
    [{ ...paid, callStatus: 'cancelled' }, 'callCancelled', undefined],
    [{ ...paid, callStatus: 'cancelled', paymentStatus: 'pending' }, 'callCancelled', /never paid/],
    [paid, 'callCancelled', /not cancelled/],
    [{ ...paid, callStatus: 'cancelled', dataErasedAt: 'x' }, 'callCancelled', /erased/],
    [
      { ...paid, callStatus: 'completed', transcriptKey: 'k', dataErasedAt: 'x' },
      'callTranscript',
      /erased/,
    ],
  ] as const)('%j, %s: %s', (booking, email, problem) => {
    const answer = resendProblem(booking, email);
    if (problem === undefined) expect(answer).toBeUndefined();
    else expect(answer).toMatch(problem);
  });
});

describe('the booking id support types after show and the actions', () => {
  it.each([
    ['01JF5Z8Q3W0000000000000000', '01JF5Z8Q3W0000000000000000'],
    ['01jf5z8q3w0000000000000000', '01JF5Z8Q3W0000000000000000'],
    [' 01JF5Z8Q3W0000000000000000\n', '01JF5Z8Q3W0000000000000000'],
    ['booking-01JF5Z8Q3W0000000000000000-v2', '01JF5Z8Q3W0000000000000000'],
    ['booking-01jf5z8q3w0000000000000000-v3-r1', '01JF5Z8Q3W0000000000000000'],
    ['booking-01JF5Z8Q3W0000000000000000', '01JF5Z8Q3W0000000000000000'],
  ])('%j is the booking %s', (typed, bookingId) => {
    expect(parseBookingId(typed)).toBe(bookingId);
  });

  it.each(['mum@example.com', '5b1e5b3c-8f7a-4f7e-9c1a-2b3c4d5e6f70', '01JF5Z8Q3W', ''])(
    'refuses %j, saying what a booking id is',
    (typed) => {
      expect(() => parseBookingId(typed)).toThrow(/is not a booking id/);
    },
  );
});
