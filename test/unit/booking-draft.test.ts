import { describe, expect, it } from 'vitest';
import {
  type Draft,
  restoreDraft,
  stepOfField,
  toRequest,
  validateStep,
} from '../../frontend/src/lib/booking-draft.ts';

/** A draft as the wizard makes it (frontend/src/pages/Book.tsx `defaults()`). */
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

const twoChildren: Draft = {
  ...fresh,
  children: [
    { id: 'a', name: 'Lucía', age: '7', gender: 'girl', infoText: ' Le encantan los dinosaurios ' },
    { id: 'b', name: 'Mateo', age: '4', gender: '', infoText: '' },
  ],
  language: 'es',
  notes: {
    praise: 'Aprendió a montar en bici',
    encouragement: '  ',
    people: [
      { id: 'p1', relation: 'pet', name: 'Pip' },
      { id: 'p2', relation: 'sibling', name: ' ' },
    ],
    avoidTopics: 'El abuelo',
  },
};

describe('toRequest in the new shape (issue #14)', () => {
  it('sends every child, the language and only the notes written', () => {
    const body = toRequest(twoChildren);

    expect(body.children).toEqual([
      { name: 'Lucía', age: 7, gender: 'girl', infoText: 'Le encantan los dinosaurios' },
      { name: 'Mateo', age: 4 },
    ]);
    expect(body.language).toBe('es');
    expect(body.notesForSanta).toEqual({
      praise: 'Aprendió a montar en bici',
      people: [{ relation: 'pet', name: 'Pip' }],
      avoidTopics: 'El abuelo',
    });
    expect(body).not.toHaveProperty('childName');
  });

  it('leaves notesForSanta out when nothing was written', () => {
    expect(toRequest(fresh)).not.toHaveProperty('notesForSanta');
  });
});

describe('restoreDraft', () => {
  it('restores a draft saved before siblings as its one child', () => {
    const old = {
      childName: 'Ada',
      childAge: '6',
      childGender: 'girl' as const,
      childInfoText: 'Loves cats',
      voiceNoteKey: 'voice-notes/01JD0000000000000000000000.webm',
      voiceNoteProof: 'proof',
      parentEmail: 'parent@example.com',
    };

    const draft = restoreDraft(fresh, old as Partial<Draft>);

    expect(draft.children).toHaveLength(1);
    expect(draft.children[0]).toMatchObject({
      name: 'Ada',
      age: '6',
      gender: 'girl',
      infoText: 'Loves cats',
      voiceNoteKey: old.voiceNoteKey,
      voiceNoteProof: 'proof',
    });
    expect(draft.parentEmail).toBe('parent@example.com');
    expect(draft).not.toHaveProperty('childName');
    expect(draft.notes).toEqual(fresh.notes);
  });

  it('keeps the children, language and notes of a new draft', () => {
    const draft = restoreDraft(fresh, JSON.parse(JSON.stringify(twoChildren)) as Partial<Draft>);

    expect(draft.children.map((child) => child.name)).toEqual(['Lucía', 'Mateo']);
    expect(draft.language).toBe('es');
    expect(draft.notes.praise).toBe('Aprendió a montar en bici');
  });

  it('falls back to the default language for an unknown one', () => {
    expect(restoreDraft(fresh, { language: 'xx' as 'en' }).language).toBe('en');
  });
});

describe("step 1's checks name each child by its place", () => {
  it('says which child is missing a name or has a wrong age', () => {
    const draft: Draft = {
      ...twoChildren,
      children: [
        { id: 'a', name: 'Lucía', age: '7', gender: '', infoText: '' },
        { id: 'b', name: '', age: '30', gender: '', infoText: '' },
      ],
    };

    const issues = validateStep(draft, 1);

    expect(issues).toEqual({
      'children.1.name': "Enter the child's name.",
      'children.1.age': 'Santa calls children aged 1 to 17.',
    });
  });

  it('checks the children together, as the API does: two called the same are refused', () => {
    const draft: Draft = {
      ...twoChildren,
      children: [
        { id: 'a', name: 'Lucía', age: '7', gender: '', infoText: '' },
        { id: 'b', name: 'lucia', age: '5', gender: '', infoText: '' },
      ],
    };

    const issues = validateStep(draft, 1);

    expect(Object.keys(issues)).toEqual(['children.1.name']);
    expect(issues['children.1.name']).toMatch(/Two children are called/);
  });

  it("checks the notes by the schema's own rule", () => {
    const draft: Draft = {
      ...twoChildren,
      notes: { ...twoChildren.notes, praise: 'x'.repeat(201) },
    };

    expect(Object.keys(validateStep(draft, 1))).toEqual(['notesForSanta.praise']);
  });

  it('puts the children, the language and the notes on step 1', () => {
    for (const field of ['children.2.age', 'language', 'notesForSanta.people.0.name']) {
      expect(stepOfField(field)).toBe(1);
    }
  });
});
