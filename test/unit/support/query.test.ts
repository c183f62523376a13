import { describe, expect, it } from 'vitest';
import { emailContactKey, phoneContactKey } from '../../../functions/core/contact-key.ts';
import { resendProblem } from '../../../functions/core/email-resend.ts';
import { parseFindQuery } from '../../../ops/support/query.ts';

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
