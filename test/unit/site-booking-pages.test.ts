import { describe, expect, it } from 'vitest';
import { bookingLanguageSwitch } from '../../frontend/src/lib/booking-language.ts';
import { callSummaryOf } from '../../frontend/src/lib/call-summary.ts';
import {
  childAndNotesChanges,
  childDrafts,
  notesDraft,
  storedNotes,
} from '../../frontend/src/lib/details-draft.ts';
import { viewChildNames, viewChildren } from '../../frontend/src/lib/view-children.ts';
import type { BookingView } from '../../functions/schemas/api/booking-view.ts';

/**
 * What the status, manage and recording pages read from the booking view for issue #14 (the
 * children, the booking's language, the wish list, per-child corrections), read tolerantly so
 * the site works against an API answer with or without the new fields.
 */
const view = (extra: Record<string, unknown> = {}): BookingView =>
  ({
    child: { name: 'Emma', age: 6 },
    details: { phoneNumber: '+14155552671', childInfoText: 'Loves trains.', editableUntil: null },
    ...extra,
  }) as unknown as BookingView;

describe('the language of a booking page', () => {
  it.each([
    ['a visitor who chose French keeps French', 'es', 'fr', 'fr', undefined],
    ['a Spanish booking opened in an English browser turns Spanish', 'es', undefined, 'en', 'es'],
    ['already in the booking language: no switch', 'es', undefined, 'es', undefined],
    ['an answer without a language: the browser decides', undefined, undefined, 'en', undefined],
    ['an unknown language: the browser decides', 'de', undefined, 'en', undefined],
  ] as const)('%s', (_name, booking, chosen, current, expected) => {
    expect(bookingLanguageSwitch(booking, chosen, current)).toBe(expected);
  });
});

describe('the children of a booking view', () => {
  it('reads the children list when the answer has one', () => {
    const booking = view({
      children: [
        { name: 'Emma', age: 6 },
        { name: 'Leo', age: 4 },
      ],
    });

    expect(viewChildren(booking).map((child) => child.name)).toEqual(['Emma', 'Leo']);
    expect(viewChildNames(booking, 'en-US')).toBe('Emma and Leo');
    expect(viewChildNames(booking, 'es-ES')).toBe('Emma y Leo');
    expect(viewChildNames(booking, 'fr')).toBe('Emma et Leo');
  });

  it.each([
    ['no children field', {}],
    ['an empty list', { children: [] }],
    ['a malformed list', { children: [{ name: 3 }] }],
  ])('falls back to the one child on %s', (_name, extra) => {
    expect(viewChildren(view(extra))).toEqual([{ name: 'Emma', age: 6 }]);
  });

  it('has no names once erased', () => {
    const erased = view({ child: { name: null, age: 6 }, children: [{ name: null, age: 6 }] });

    expect(viewChildNames(erased, 'en-US')).toBeUndefined();
  });
});

describe('the call summary', () => {
  it('reads the summary and each child with something said', () => {
    const summary = callSummaryOf({
      callSummary: {
        summary: 'Santa talked with Emma and Leo about the North Pole.',
        children: [
          {
            name: 'Emma',
            wishes: ['a red bicycle', ' ', 'a puppy'],
            proudOf: 'reading',
            worries: null,
          },
          { name: 'Leo', wishes: [], proudOf: null, worries: null },
        ],
      },
    });

    expect(summary).toEqual({
      summary: 'Santa talked with Emma and Leo about the North Pole.',
      children: [
        { name: 'Emma', wishes: ['a red bicycle', 'a puppy'], proudOf: 'reading', worries: null },
      ],
    });
  });

  it.each([
    ['absent', {}],
    ['null (before the analysis, or erased)', { callSummary: null }],
    ['empty', { callSummary: { summary: null, children: [] } }],
    ['malformed', { callSummary: { summary: 7, children: 'Emma' } }],
  ])('is nothing to show when %s', (_name, booking) => {
    expect(callSummaryOf(booking)).toBeUndefined();
  });
});

describe('correcting the details of several children', () => {
  const two = view({
    children: [
      { name: 'Emma', age: 6 },
      { name: 'Leo', age: 4 },
    ],
    details: {
      phoneNumber: '+14155552671',
      childInfoText: 'Loves trains.',
      editableUntil: '2026-12-24T17:00:00Z',
      children: [{ infoText: 'Loves trains.' }, { infoText: 'Has a cat.' }],
    },
    notesForSanta: { praise: 'Rode a bike', people: [{ relation: 'pet', name: 'Rex' }] },
  });

  it("starts from each child's words and the stored notes", () => {
    expect(childDrafts(two)).toEqual([
      { name: 'Emma', infoText: 'Loves trains.' },
      { name: 'Leo', infoText: 'Has a cat.' },
    ]);
    expect(notesDraft(storedNotes(two))).toEqual({
      praise: 'Rode a bike',
      encouragement: '',
      avoidTopics: '',
    });
  });

  it('sends every child in order when one changed, and the notes whole with the people kept', () => {
    const initial = { children: childDrafts(two), notes: notesDraft(storedNotes(two)) };
    const draft = {
      children: [initial.children[0], { name: 'Leo', infoText: 'Has a cat called Tom.' }].filter(
        (child) => child !== undefined,
      ),
      notes: { praise: '', encouragement: 'Brushing teeth', avoidTopics: '' },
    };

    expect(childAndNotesChanges(initial, draft, storedNotes(two))).toEqual({
      children: [{ infoText: 'Loves trains.' }, { infoText: 'Has a cat called Tom.' }],
      notesForSanta: {
        encouragement: 'Brushing teeth',
        people: [{ relation: 'pet', name: 'Rex' }],
      },
    });
  });

  it('sends nothing when nothing changed', () => {
    const initial = { children: childDrafts(two), notes: notesDraft(storedNotes(two)) };

    expect(childAndNotesChanges(initial, initial, storedNotes(two))).toEqual({});
  });

  it('reads an older answer (no per-child details) as the one child', () => {
    expect(childDrafts(view())).toEqual([{ name: 'Emma', infoText: 'Loves trains.' }]);
    expect(storedNotes(view())).toBeUndefined();
  });
});
