import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { describeEvent } from '../../frontend/src/components/Timeline.tsx';
import type { TimelineEvent } from '../../frontend/src/lib/types.ts';

/** The words' keys stand in for the words: what is checked is which events get any. */
const t = ((key: string) => key) as unknown as TFunction<'status'>;
const event = (type: string, detail?: Record<string, unknown>) =>
  ({ type, at: '2026-12-01T10:00:00.000Z', ...(detail ? { detail } : {}) }) as TimelineEvent;

describe("the parent's timeline", () => {
  it.each([
    ['call_completed', 'events.callCompleted'],
    ['details_corrected', 'events.detailsCorrected'],
    // Support's flag on a failed analysis criterion is never a parent's news.
    ['call_flagged', undefined],
    ['reconciled', undefined],
    // A kind of event the site does not know yet reads as its type in words, not an error.
    ['sleigh_polished', 'Sleigh polished'],
  ])('%s → %s', (type, words) => {
    expect(describeEvent(event(type, { criteria: 'stayed_in_character' }), t)).toBe(words);
  });
});
