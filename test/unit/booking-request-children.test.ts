import { describe, expect, it } from 'vitest';
import { contactDataIn } from '../../functions/core/contact-data.ts';
import { repeatedChildName } from '../../functions/core/sibling-names.ts';
import { bookingRequestSchema, fieldErrors } from '../../functions/schemas/booking-request.ts';
import { validBooking } from '../integration/support/booking-api.ts';

/** A valid request in the new shape: `children` instead of the single-child fields. */
function withChildren(children: unknown, overrides: Record<string, unknown> = {}) {
  const {
    childName: _name,
    childAge: _age,
    childGender: _gender,
    childInfoText: _info,
    ...rest
  } = validBooking(overrides);
  return { ...rest, children };
}

const emma = { name: 'Emma', age: 7, gender: 'girl', infoText: 'Loves dinosaurs.' };
const leo = { name: 'Leo', age: 4 };
const voiceKey = (letter: string) => `voice-notes/01ARZ3NDEKTSV4RRFFQ69G5FA${letter}.webm`;

function errorsOf(body: unknown): Record<string, string> {
  const result = bookingRequestSchema.safeParse(body);
  return result.success ? {} : fieldErrors(result.error);
}

describe('the children of a booking request', () => {
  it('takes two children, in the order given', () => {
    // Act
    const parsed = bookingRequestSchema.parse(withChildren([emma, leo]));

    // Assert
    expect(parsed.children).toEqual([emma, leo]);
  });

  it('reads the single-child fields of older clients as one child', () => {
    // Act
    const parsed = bookingRequestSchema.parse(validBooking());

    // Assert
    expect(parsed.children).toEqual([
      { name: 'Emma', age: 7, gender: 'girl', infoText: 'Loves dinosaurs and her cat Pepper.' },
    ]);
  });

  it.each([
    ['no child at all', withChildren([]), 'children', 'Tell us about at least one child.'],
    [
      'five children',
      withChildren(['Ana', 'Ben', 'Cleo', 'Dan', 'Eve'].map((name) => ({ name, age: 5 }))),
      'children',
      'Santa talks to at most 4 children on one call: book another call for the others.',
    ],
    [
      'both shapes',
      { ...validBooking(), children: [emma] },
      'children',
      'Send either children or childName and childAge, not both.',
    ],
    ['neither shape', withChildren(undefined), 'children', 'Tell us about at least one child.'],
    [
      'the same name twice',
      withChildren([emma, leo, { name: 'emma', age: 9 }]),
      'children.2.name',
      'Two children are called "emma": give each child a different name, or the name Santa calls them by.',
    ],
    [
      'names that differ only by accents',
      withChildren([
        { name: 'Zoe', age: 6 },
        { name: 'ZOÉ', age: 8 },
      ]),
      'children.1.name',
      'Two children are called "ZOÉ": give each child a different name, or the name Santa calls them by.',
    ],
    [
      "a second child's bad age",
      withChildren([emma, { name: 'Leo', age: 18 }]),
      'children.1.age',
      'Santa calls children aged 1 to 17.',
    ],
    [
      "a second child's name with digits",
      withChildren([emma, { name: 'Leo2', age: 4 }]),
      'children.1.name',
      'Write the child\'s name in letters: "2" is a digit.',
    ],
    [
      'a voice note without its proof',
      withChildren([emma, { ...leo, voiceNoteKey: voiceKey('V') }]),
      'children.1.voiceNoteKey',
      'Send the voice note proof you were given with its key, or upload it again.',
    ],
    [
      'one voice note for two children',
      withChildren([
        { ...emma, voiceNoteKey: voiceKey('V'), voiceNoteProof: 'p' },
        { ...leo, voiceNoteKey: voiceKey('V'), voiceNoteProof: 'p' },
      ]),
      'children.1.voiceNoteKey',
      "Record a separate voice note for each child: this one is another child's.",
    ],
    [
      'a child field the schema does not know',
      withChildren([{ ...emma, favouriteColour: 'red' }]),
      'children.0',
      'Each child takes only name, age, gender, infoText, voiceNoteKey and voiceNoteProof.',
    ],
    [
      'the old shape without a name',
      validBooking({ childName: undefined }),
      'childName',
      "Enter the child's name.",
    ],
    [
      "a phone number in a child's words (Santa is given them as the notes are)",
      withChildren([emma, { ...leo, infoText: 'Tell him to call 07400 123456' }]),
      'children.1.infoText',
      'Leave phone numbers out of what you tell Santa: he may say it to your child.',
    ],
    [
      "a web address in the old shape's words",
      validBooking({ childInfoText: 'Loves www.example.org' }),
      'childInfoText',
      'Leave web addresses out of what you tell Santa: he may say it to your child.',
    ],
  ])('refuses %s', (_, body, field, message) => {
    // Act
    const errors = errorsOf(body);

    // Assert
    expect(errors[field]).toBe(message);
  });
});

describe('the language of the call', () => {
  it.each([
    [{ language: 'fr', locale: 'es-MX' }, 'fr'],
    [{ locale: 'es-MX' }, 'es'],
    [{ locale: 'fr-CA' }, 'fr'],
    [{ locale: 'de-DE' }, 'en'],
    [{}, 'en'],
  ])('%j speaks %s', (overrides, language) => {
    // Act
    const parsed = bookingRequestSchema.parse(withChildren([emma], overrides));

    // Assert
    expect(parsed.language).toBe(language);
  });

  it('refuses a language Santa does not speak', () => {
    expect(errorsOf(withChildren([emma], { language: 'de' }))).toEqual({
      language: 'Choose a language Santa speaks from the list.',
    });
  });
});

describe('the notes for Santa', () => {
  const withNotes = (notesForSanta: unknown) => withChildren([emma, leo], { notesForSanta });

  it('keeps what was written, trimmed, and drops what was left empty', () => {
    // Act
    const parsed = bookingRequestSchema.parse(
      withNotes({
        praise: '  Learned to ride her bike. ',
        encouragement: '   ',
        people: [
          { relation: 'pet', name: 'Mr Whiskers' },
          { relation: 'sibling', name: ' ' },
          { relation: 'teacher', name: 'Mrs. O’Brien' },
        ],
        avoidTopics: '',
      }),
    );

    // Assert
    expect(parsed.notesForSanta).toEqual({
      praise: 'Learned to ride her bike.',
      people: [
        { relation: 'pet', name: 'Mr Whiskers' },
        { relation: 'teacher', name: 'Mrs. O’Brien' },
      ],
    });
  });

  it('reads notes with nothing in them as no notes', () => {
    const parsed = bookingRequestSchema.parse(withNotes({ praise: ' ', people: [] }));

    expect(parsed.notesForSanta).toBeUndefined();
  });

  it.each(['sibling', 'pet', 'friend', 'teacher', 'other'])('takes a %s', (relation) => {
    const parsed = bookingRequestSchema.parse(withNotes({ people: [{ relation, name: 'Sam' }] }));

    expect(parsed.notesForSanta?.people).toEqual([{ relation, name: 'Sam' }]);
  });

  it.each([
    [
      'a link',
      { praise: 'Her drawings are on https://example.com/emma' },
      'notesForSanta.praise',
      'Leave web addresses out of what you tell Santa: he may say it to your child.',
    ],
    [
      'a bare domain',
      { encouragement: 'Visit emma-draws.com.' },
      'notesForSanta.encouragement',
      'Leave web addresses out of what you tell Santa: he may say it to your child.',
    ],
    [
      'an email address',
      { avoidTopics: 'Ask mum at mum@example.com' },
      'notesForSanta.avoidTopics',
      'Leave email addresses out of what you tell Santa: he may say it to your child.',
    ],
    [
      'a phone number',
      { praise: 'Call grandma on 415 555 2671 to say well done' },
      'notesForSanta.praise',
      'Leave phone numbers out of what you tell Santa: he may say it to your child.',
    ],
    [
      'an address as a name',
      { people: [{ relation: 'friend', name: 'www.example.com' }] },
      'notesForSanta.people.0.name',
      'Leave web addresses out of what you tell Santa: he may say it to your child.',
    ],
    [
      'digits in a name',
      { people: [{ relation: 'pet', name: 'R2-D2' }] },
      'notesForSanta.people.0.name',
      'Write the name in letters: "2" is a digit.',
    ],
    [
      'an unknown relation',
      { people: [{ relation: 'cousin', name: 'Sam' }] },
      'notesForSanta.people.0.relation',
      'Say who each person is: a sibling, a pet, a friend, a teacher or someone else.',
    ],
    [
      'nine people',
      { people: Array.from({ length: 9 }, () => ({ relation: 'friend', name: 'Sam' })) },
      'notesForSanta.people',
      'Name at most 8 people and pets.',
    ],
    [
      'praise of 201 characters',
      { praise: 'a'.repeat(201) },
      'notesForSanta.praise',
      'Keep what Santa should praise to 200 characters.',
    ],
    [
      'topics to avoid of 301 characters',
      { avoidTopics: 'a'.repeat(301) },
      'notesForSanta.avoidTopics',
      'Keep the topics Santa should avoid to 300 characters.',
    ],
  ])('refuses %s', (_, notes, field, message) => {
    expect(errorsOf(withNotes(notes))[field]).toBe(message);
  });
});

describe('contact data in the notes (core/contact-data.ts)', () => {
  it.each([
    ['Learned to ride her bike without help', undefined],
    ['Loves Mr. Whiskers and the Gruffalo', undefined],
    ['Born 24.12.2019, loves snow', undefined],
    ['Swimming lessons 2019-2025', undefined],
    ['She is 7 and he is 4; read 12 books', undefined],
    ['Call +44 20 7946 0958', 'phone'],
    ['ring (415) 555-2671', 'phone'],
    ['www.example.org', 'url'],
    ['see example.es/x', 'url'],
    ['ftp://files', 'url'],
    ['write to a.b@example.fr', 'email'],
    // Written to slip past a plain-ASCII check:
    ['Llama al ０７４００ １２３４５６', 'phone'],
    ['07400\u200b123\u200b456', 'phone'],
    ['0740·0123·456', 'phone'],
    ['٠٧٤٠٠١٢٣٤٥٦', 'phone'],
    ['see santa-secrets.ai', 'url'],
    ['go to example dot com', 'url'],
    ['ｗｗｗ．example．org', 'url'],
    // Not contact data:
    ['Her dot drawings are lovely', undefined],
    ['Mateo (5) y Lucía (7), ¡les encanta la nieve!', undefined],
  ])('%j holds %s', (text, kind) => {
    expect(contactDataIn(text)).toBe(kind);
  });
});

describe('children with the same name (core/sibling-names.ts)', () => {
  it.each([
    [['Emma', 'Leo'], undefined],
    [['Ann', 'Anna'], undefined],
    [['Emma', 'Leo', 'EMMA'], { name: 'EMMA', index: 2 }],
    [['Zoé', 'Zoe'], { name: 'Zoe', index: 1 }],
    [['Anne Marie', 'anne marie'], { name: 'anne marie', index: 1 }],
  ])('%j: %j', (names, repeated) => {
    expect(repeatedChildName(names)).toEqual(repeated);
  });
});
