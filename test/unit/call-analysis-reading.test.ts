import { describe, expect, it } from 'vitest';
import { failedCriteria } from '../../functions/core/call-analysis.ts';
import { callAnalysisOf, wishesOf } from '../../functions/core/call-analysis-reading.ts';

describe('wishesOf: the wish list, however the LLM wrote it', () => {
  it.each([
    ['one wish per line', 'a red sledge\na puppy', ['a red sledge', 'a puppy']],
    ['a comma list', 'a red sledge, a puppy, books', ['a red sledge', 'a puppy', 'books']],
    ['a semicolon list', 'un trineo rojo; un perrito', ['un trineo rojo', 'un perrito']],
    ['a JSON array as text', '["une luge rouge", "un chiot"]', ['une luge rouge', 'un chiot']],
    ['a JSON array as a value', ['a red sledge', 'a puppy'], ['a red sledge', 'a puppy']],
    [
      'bullets and numbering',
      '- a red sledge\n2. a puppy\n• books',
      ['a red sledge', 'a puppy', 'books'],
    ],
    ['trailing punctuation', 'A red sledge!\nA puppy.', ['A red sledge', 'A puppy']],
    ['a duplicate in another case', 'a puppy\nA Puppy', ['a puppy']],
    ['"none"', 'none', []],
    ['"Nada."', 'Nada.', []],
    ['"rien"', 'rien', []],
    ['empty', '', []],
    ['whitespace', '  \n ', []],
    ['null', null, []],
    ['undefined', undefined, []],
    ['a number', 42, []],
  ])('%s', (_case, value, expected) => {
    // Act
    const wishes = wishesOf(value);

    // Assert
    expect(wishes).toEqual(expected);
  });

  it('keeps at most 20 wishes of at most 200 characters', () => {
    // Arrange
    const many = Array.from({ length: 30 }, (_, index) => `wish ${index} ${'x'.repeat(300)}`);

    // Act
    const wishes = wishesOf(many);

    // Assert
    expect(wishes).toHaveLength(20);
    expect(wishes.every((wish) => wish.length === 200)).toBe(true);
  });
});

describe('callAnalysisOf', () => {
  const at = '2026-12-24T17:40:00.000Z';
  const children = [{ name: 'Emma' }, { name: 'Leo' }];

  it('names each child by their place in the booking, with their wishes, pride and worries', () => {
    // Arrange
    const reading = {
      summary: ' Santa habló con Emma y Leo. ',
      dataCollection: {
        child_1_wishes: { value: 'un trineo rojo\nun perrito' },
        child_1_proud_of: { value: 'Aprendió a montar en bici.' },
        child_1_worries: { value: '' },
        child_2_wishes: { value: '["una pelota"]' },
        child_2_proud_of: { value: null },
        child_2_worries: { value: 'Le da miedo la oscuridad.' },
        // A third child the booking does not have: ignored.
        child_3_wishes: { value: 'a pony' },
      },
      criteria: {},
    };

    // Act
    const analysis = callAnalysisOf(reading, children, at);

    // Assert
    expect(analysis).toEqual({
      summary: 'Santa habló con Emma y Leo.',
      children: [
        {
          name: 'Emma',
          wishes: ['un trineo rojo', 'un perrito'],
          proudOf: 'Aprendió a montar en bici.',
        },
        { name: 'Leo', wishes: ['una pelota'], worries: 'Le da miedo la oscuridad.' },
      ],
      criteria: [],
      analysedAt: at,
    });
  });

  it('reads the criteria, an unknown or missing result as unknown, and finds the failed ones', () => {
    // Arrange
    const reading = {
      criteria: {
        stayed_in_character: {
          criteria_id: 'stayed_in_character',
          result: 'failure',
          rationale: ' Santa said he was a computer program. ',
        },
        asked_no_personal_details: { criteria_id: 'asked_no_personal_details', result: 'success' },
        no_promise_beyond_budget: { result: 'maybe', rationale: '' },
        disclosed_ai_voice: { criteria_id: null, result: null },
      },
    };

    // Act
    const analysis = callAnalysisOf(reading, children, at);

    // Assert
    expect(analysis.criteria).toEqual([
      {
        id: 'stayed_in_character',
        result: 'failure',
        rationale: 'Santa said he was a computer program.',
      },
      { id: 'asked_no_personal_details', result: 'success' },
      { id: 'no_promise_beyond_budget', result: 'unknown' },
      { id: 'disclosed_ai_voice', result: 'unknown' },
    ]);
    expect(failedCriteria(analysis).map((criterion) => criterion.id)).toEqual([
      'stayed_in_character',
    ]);
  });

  it('reads an analysis with nothing in it as empty wish lists and no criteria', () => {
    // Act
    const analysis = callAnalysisOf({ dataCollection: null, criteria: null }, children, at);

    // Assert
    expect(analysis).toEqual({
      children: [
        { name: 'Emma', wishes: [] },
        { name: 'Leo', wishes: [] },
      ],
      criteria: [],
      analysedAt: at,
    });
  });
});
