import { describe, expect, it } from 'vitest';
import { santaLanguageOverride } from '../../functions/agent/language-override.ts';
import type { StoredChild } from '../../functions/core/children.ts';
import { santaCallVariables } from '../../functions/workflow/call-variables.ts';
import {
  answeredCallScript,
  briefCallScript,
  scriptedCall,
} from '../../local/elevenlabs/script.ts';
import { voiceFor, voices } from '../../local/elevenlabs/speech.ts';

const now = new Date('2026-12-24T17:30:00Z');

function frenchFamily(names: string[]) {
  const children: StoredChild[] = names.map((name, index) => ({ name, age: 4 + index }));
  const variables = santaCallVariables(
    {
      childName: names[0] ?? '',
      childAge: 4,
      children,
      language: 'fr',
      giftBudget: 30,
      currency: 'eur',
      timezone: 'Europe/Paris',
    },
    now,
  );
  const { firstMessage, language } = santaLanguageOverride('fr', children.length);
  return scriptedCall(variables, { firstMessage, language });
}

describe('the emulator’s scripted call', () => {
  it('gives each of four children a turn, in order, by name, in French', () => {
    const call = frenchFamily(['Léa', 'Hugo', 'Chloé', 'Louis']);

    expect(call.language).toBe('fr');
    expect(call.children.map((child) => [child.childIndex, child.name])).toEqual([
      [0, 'Léa'],
      [1, 'Hugo'],
      [2, 'Chloé'],
      [3, 'Louis'],
    ]);
    // What each child wished for, readable without parsing the text, and said in their turn.
    for (const child of call.children) {
      const theirs = call.lines.filter((line) => line.childIndex === child.childIndex);
      expect(
        theirs.find(
          (line) => line.role === 'user' && line.message.includes(child.wishes[0] ?? '?'),
        ),
      ).toBeDefined();
      expect(theirs.some((line) => line.role === 'user' && line.message.includes(child.name))).toBe(
        true,
      );
    }
    expect(new Set(call.children.map((child) => child.wishes[0])).size).toBe(4);
    expect(call.lines[0]?.message).toContain('réservé pour Léa, Hugo, Chloé et Louis');
    expect(call.lines.at(-2)?.message).toBe('Joyeux Noël, Léa, Hugo, Chloé et Louis ! Ho ho ho !');
    expect(call.lines.every((line) => line.language === 'fr')).toBe(true);
  });

  it('with one child reads as one child’s call', () => {
    const call = frenchFamily(['Léa']);

    expect(call.children).toHaveLength(1);
    expect(call.lines.filter((line) => line.message.includes("c'est ton tour"))).toEqual([]);
  });

  it('still plays the single child_name variables the video’s sample call sends', () => {
    const lines = answeredCallScript({ child_name: 'Ada', child_age: 7 });

    expect(lines[0]?.message).toContain('booked for Ada');
    expect(lines[2]?.message).toBe(
      'Ho ho ho, Ada! The elves tell me you are 7 now. What a wonderful year you have had!',
    );
    expect(briefCallScript({ child_name: 'Ada' }, 'es')[0]?.message).toBe(
      '¡Jo, jo, jo! ¡Feliz Navidad, Ada!',
    );
  });

  it('speaks Spanish and French lines with espeak-ng’s voice for the language', () => {
    expect(voiceFor('agent')).toEqual(voices.agent);
    expect(voiceFor('agent', 'es')).toEqual({ ...voices.agent, name: 'es+m3' });
    expect(voiceFor('user', 'fr')).toEqual({ ...voices.user, name: 'fr+f4' });
  });
});
