import { describe, expect, it } from 'vitest';
import {
  santaCallVariableNames,
  santaCallVariablesSchema,
} from '../../functions/agent/dynamic-variables.ts';
import { santaAgent, santaMaxCallSeconds } from '../../functions/agent/santa-agent.ts';
import {
  santaFirstMessage,
  santaSystemPrompt,
  santaTimeUpMessage,
} from '../../functions/agent/santa-prompt.ts';

const variablesIn = (text: string) =>
  [...text.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((match) => match[1]);

const emma = {
  child_name: 'Emma',
  child_age: 7,
  child_gender: 'girl',
  child_info_text: '',
  child_info_voice_transcript: '',
  gift_budget: '50 US dollars',
  call_local_time: 'Tuesday 24 December, 5:30 PM',
};

describe('the Santa agent', () => {
  it('opens with the disclosure to the adult, before Santa says anything else', () => {
    const disclosure = santaFirstMessage.split('Ho ho ho')[0] ?? '';

    expect(disclosure).toMatch(/automated call from CallSanta/);
    expect(disclosure).toMatch(/\bAI voice\b/);
  });

  it('uses every dynamic variable in its prompt, and no variable it is not sent', () => {
    const used = new Set(
      [santaSystemPrompt, santaFirstMessage, santaTimeUpMessage].flatMap(variablesIn),
    );

    expect([...used].sort()).toEqual([...santaCallVariableNames].sort());
  });

  it.each([
    ['an address', /never ask for[^.]*\baddress\b/is],
    ['a school', /never ask for[^.]*\bschool\b/is],
    ['a surname', /never ask for[^.]*\bsurname\b/is],
    ['payment details', /never ask for[^.]*\bpayment\b/is],
    ['shaming', /never shame/i],
    ['gift talk beyond the budget', /gift talk within a budget of \{\{gift_budget\}\}/i],
    ['words unsuitable for the child’s age', /right for a child of \{\{child_age\}\}/i],
  ])('has a guardrail against %s', (_what, rule) => {
    expect(santaSystemPrompt).toMatch(rule);
  });

  it('is cut off at the time cap, warmly', () => {
    expect(santaAgent.conversationConfig.conversation.maxDurationSeconds).toBe(santaMaxCallSeconds);
    expect(santaMaxCallSeconds).toBeLessThanOrEqual(300);
    expect(santaAgent.conversationConfig.agent.maxConversationDurationMessage).toMatch(
      /Merry Christmas/,
    );
  });

  it('gives the dashboard an example for exactly the variables calls send', () => {
    const { dynamic_variable_placeholders: placeholders } =
      santaAgent.conversationConfig.agent.dynamicVariables;

    expect(Object.keys(placeholders).sort()).toEqual([...santaCallVariableNames].sort());
  });
});

describe('santaCallVariablesSchema', () => {
  it('accepts the seven variables', () => {
    expect(santaCallVariablesSchema.parse(emma)).toEqual(emma);
  });

  it.each([
    ['a system__ variable', { ...emma, system__time_utc: 'now' }],
    ['any other extra variable', { ...emma, parent_email: 'a@b.example' }],
    ['a missing variable', { ...emma, call_local_time: undefined }],
    ['an age that is not a whole number', { ...emma, child_age: 7.5 }],
    ['an empty name', { ...emma, child_name: ' ' }],
  ])('refuses %s', (_case, variables) => {
    expect(santaCallVariablesSchema.safeParse(variables).success).toBe(false);
  });
});
