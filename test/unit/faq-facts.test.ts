import { describe, expect, it } from 'vitest';
import { callingHoursText, clockText } from '../../frontend/src/lib/calling-hours-text.ts';
import {
  durationText,
  faqFacts,
  faqFactsFor,
  retryText,
} from '../../frontend/src/lib/faq-facts.ts';
import { callRulesOf } from '../../frontend/src/lib/useCallRules.ts';
import { siteCallRules } from '../../functions/config/call-rules.ts';
import { loadStageConfig, stageConfigDefaults } from '../../functions/config/stage-config.ts';
import { refundCutoffMinutes } from '../../functions/core/cancellation.ts';
import { retentionDays } from '../../functions/core/retention.ts';
import { santaMaxCallSeconds } from '../../functions/core/santa-limits.ts';

describe('the FAQ facts', () => {
  it('are the numbers the service runs by', () => {
    expect(faqFacts).toEqual({
      callMaxRetries: stageConfigDefaults.callMaxRetries,
      callRetryWaitSeconds: stageConfigDefaults.callRetryWaitSeconds,
      callRingSeconds: stageConfigDefaults.callRingSeconds,
      callingHoursStart: stageConfigDefaults.callingHoursStart,
      callingHoursEnd: stageConfigDefaults.callingHoursEnd,
      maxCallSeconds: santaMaxCallSeconds,
      refundCutoffMinutes,
      recordingDays: retentionDays.recordings,
      // The late purchase closes a week before the audio goes (core/retention.ts).
      recordingOfferDays: retentionDays.recordings - 7,
      voiceNoteDays: retentionDays.voiceNotes,
      bookingDays: retentionDays.bookingsAfterCall,
    });
  });
});

describe("the stage's own call rules", () => {
  it('are the defaults until config.json says otherwise', () => {
    expect(faqFactsFor(undefined)).toEqual(faqFacts);
  });

  it("replace the defaults with the stage's hours and retries, from its config", () => {
    const stage = loadStageConfig({
      CALLING_HOURS_START: '09:30',
      CALLING_HOURS_END: '20:00',
      CALL_MAX_RETRIES: '1',
      PUBLIC_SITE_URL: 'https://callsanta.example',
    });
    const facts = faqFactsFor(siteCallRules(stage));
    expect(callingHoursText(facts)).toBe('between 9:30 am and 8 pm');
    expect(facts.callMaxRetries).toBe(1);
    // What the stage does not decide stays the code's.
    expect(facts.refundCutoffMinutes).toBe(refundCutoffMinutes);
  });
});

describe("callRulesOf (config.json's callRules, read without zod)", () => {
  const rules = {
    callingHoursStart: '08:00',
    callingHoursEnd: '21:00',
    callRingSeconds: 45,
    callRetryWaitSeconds: 300,
    callMaxRetries: 2,
  };
  it.each([
    ['the whole shape', rules, rules],
    ['missing (an older config.json)', undefined, undefined],
    ['null', null, undefined],
    ['a number where a time belongs', { ...rules, callingHoursStart: 8 }, undefined],
    ['a text where a count belongs', { ...rules, callMaxRetries: '2' }, undefined],
    ['NaN', { ...rules, callRingSeconds: Number.NaN }, undefined],
  ])('%s', (_case, value, expected) => {
    expect(callRulesOf(value)).toEqual(expected);
  });
});

describe('callingHoursText', () => {
  it.each([
    ['08:00', '21:00', 'between 8 am and 9 pm'],
    ['07:30', '12:00', 'between 7:30 am and noon'],
    ['00:00', '24:00', 'at any hour'],
    ['00:00', '20:00', 'between midnight and 8 pm'],
  ])('%s–%s → %s', (callingHoursStart, callingHoursEnd, text) => {
    expect(callingHoursText({ callingHoursStart, callingHoursEnd })).toBe(text);
  });
});

describe('durationText', () => {
  it.each([
    [1, '1 second'],
    [45, '45 seconds'],
    [60, '1 minute'],
    [300, '5 minutes'],
    [3600, '1 hour'],
    [5400, '1 hour 30 minutes'],
    [7260, '2 hours 1 minute'],
  ])('%i s → %s', (seconds, text) => {
    expect(durationText(seconds)).toBe(text);
  });
});

describe('clockText', () => {
  it.each([
    ['08:00', '8 am'],
    ['09:30', '9:30 am'],
    ['12:00', 'noon'],
    ['12:15', '12:15 pm'],
    ['21:00', '9 pm'],
    ['00:00', 'midnight'],
    ['24:00', 'midnight'],
    ['00:05', '12:05 am'],
  ])('%s → %s', (time, text) => {
    expect(clockText(time)).toBe(text);
  });
});

describe('retryText', () => {
  it.each([
    [0, 300, 'Santa does not call again after a busy line, no answer or voicemail.'],
    [1, 60, 'Santa tries once more, 1 minute later — two calls in all.'],
    [3, 300, 'Santa tries again up to 3 more times, 5 minutes apart — at most 4 calls in all.'],
  ])('%i retries, %i s apart → %s', (retries, wait, text) => {
    expect(retryText(retries, wait)).toBe(text);
  });
});
