import { describe, expect, it } from 'vitest';
import { type Draft, restoreDraft, toRequest } from '../../frontend/src/lib/booking-draft.ts';
import {
  bookingRequestSchema,
  consentTextVersion,
} from '../../functions/schemas/booking-request.ts';

/** A new draft as the wizard makes it (frontend/src/pages/Book.tsx `defaults()`). */
const fresh: Draft = {
  children: [{ id: 'c1', name: '', age: '', gender: '', infoText: '' }],
  language: 'en',
  notes: { praise: '', encouragement: '', people: [], avoidTopics: '' },
  timezone: 'America/New_York',
  callNow: false,
  waitForCallingHours: false,
  country: 'US',
  phoneNational: '',
  phoneNumber: '',
  parentEmail: '',
  giftBudget: '',
  currency: '',
  purchaseRecording: false,
  consent: { ownsNumber: false, isGuardian: false, aiCall: false, recording: false },
};

describe('restoreDraft: the paid recording is bought only if the parent chose it', () => {
  it.each<[string, Partial<Draft>, boolean]>([
    [
      'nothing saved about it',
      { children: [{ id: 'c1', name: 'Ada', age: '', gender: '', infoText: '' }] },
      false,
    ],
    // Saved before the add-on started unticked: the old default, never chosen.
    ['the old ticked default, never chosen', { purchaseRecording: true }, false],
    ['ticked by the parent', { purchaseRecording: true, recordingChosen: true }, true],
    ['unticked by the parent', { purchaseRecording: false, recordingChosen: true }, false],
    ['a choice flag with no tick', { recordingChosen: true }, false],
  ])('%s → bought: %s', (_case, saved, bought) => {
    const draft = restoreDraft(fresh, saved);

    expect(draft.purchaseRecording).toBe(bought);
    expect(toRequest(draft).purchaseRecording).toBe(bought);
  });

  it('keeps the rest of what was saved', () => {
    const saved = {
      children: [{ id: 'c1', name: 'Ada', age: '6', gender: '' as const, infoText: '' }],
      purchaseRecording: true,
    };
    expect(restoreDraft(fresh, saved).children[0]?.name).toBe('Ada');
  });
});

describe('the API never assumes the recording is wanted', () => {
  const request = {
    childName: 'Ada',
    childAge: 6,
    phoneNumber: '+14155552671',
    timezone: 'America/New_York',
    callNow: true,
    parentEmail: 'parent@example.com',
    giftBudget: 20,
    consent: { ownsNumber: true, isGuardian: true, aiCall: true, version: consentTextVersion },
  };

  it('refuses a booking that does not say, rather than defaulting to buying it', () => {
    const result = bookingRequestSchema.safeParse(request);

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      'purchaseRecording',
    ]);
    expect(bookingRequestSchema.safeParse({ ...request, purchaseRecording: false }).success).toBe(
      true,
    );
  });
});
