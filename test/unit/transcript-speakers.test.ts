import { describe, expect, it } from 'vitest';
import { type SpeakerTurn, turnSpeakers } from '../../functions/core/transcript-speakers.ts';

const santa = (message: string): SpeakerTurn => ({ role: 'santa', message });
const child = (message: string): SpeakerTurn => ({ role: 'child', message });

describe('turnSpeakers: a child turn is attributed only when it is safe', () => {
  it.each([
    [
      'one child: every child turn is theirs, named or not',
      ['Emma'],
      [santa('Ho ho ho!'), child('Hi Santa!'), santa('What would you like?'), child('A sledge')],
      [undefined, 'Emma', undefined, 'Emma'],
    ],
    [
      'siblings: the child Santa just named answers',
      ['Emma', 'Leo'],
      [
        santa('And you, Leo, what would you like?'),
        child('A ball!'),
        santa('Emma, your turn!'),
        child('A doll'),
      ],
      [undefined, 'Leo', undefined, 'Emma'],
    ],
    [
      'siblings: Santa named both, nobody is guessed',
      ['Emma', 'Leo'],
      [santa('Hello Emma and Leo!'), child('Hi Santa!')],
      [undefined, undefined],
    ],
    [
      'siblings: Santa named nobody, nobody is guessed',
      ['Emma', 'Leo'],
      [santa('Leo, what a year!'), child('Yes!'), santa('What else?'), child('A ball')],
      [undefined, 'Leo', undefined, undefined],
    ],
    [
      'siblings: several child turns after one naming all go to that child',
      ['Emma', 'Leo'],
      [santa('Emma, tell me'), child('I made cookies.'), child('And a cake!')],
      [undefined, 'Emma', 'Emma'],
    ],
    [
      'a child turn before Santa spoke is not guessed',
      ['Emma', 'Leo'],
      [child('Hello?'), santa('Hello Leo')],
      [undefined, undefined],
    ],
    [
      'a name inside a word is no naming ("Leo" in "Leonardo")',
      ['Emma', 'Leo'],
      [santa('Leonardo da Vinci loved drawing, Emma!'), child('Me too')],
      [undefined, 'Emma'],
    ],
    [
      'case, accents typed decomposed and punctuation do not matter',
      ['Zoé', 'Léa'],
      [santa('ZOE\u0301! Qu’aimerais-tu ?'), child('Une luge')],
      [undefined, 'Zoé'],
    ],
    [
      'a compound name counts whole; the shorter name inside it is not a second naming',
      ['Ana', 'Ana Sofía'],
      [santa('¿Y tú, Ana Sofía?'), child('Un perrito'), santa('¿Y tú, Ana?'), child('Una muñeca')],
      [undefined, 'Ana Sofía', undefined, 'Ana'],
    ],
    [
      'no children (erased): nobody',
      [],
      [santa('Hello Emma'), child('Hi')],
      [undefined, undefined],
    ],
  ])('%s', (_case, names, turns, expected) => {
    // Act
    const speakers = turnSpeakers(turns, names);

    // Assert
    expect(speakers).toEqual(expected);
  });
});
