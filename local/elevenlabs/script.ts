import type { DynamicValue } from './conversation.ts';

export interface ScriptLine {
  readonly role: 'agent' | 'user';
  readonly message: string;
}

type Variables = Readonly<Record<string, DynamicValue>>;

/** What the emulated Santa opens with when the agent called is not one it stores. */
const defaultFirstMessage =
  'Hello! This is an automated call from CallSanta, with an AI voice playing Santa Claus, booked for {{child_name}}. Ho ho ho! Is that {{child_name}}?';

/** Fills `{{name}}` from the call's dynamic variables, as ElevenLabs does in prompts. */
export function fillVariables(template: string, variables: Variables): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, name: string) => {
    const value = variables[name];
    return value === undefined || value === null ? whole : String(value);
  });
}

function childName(variables: Variables): string {
  const name = variables.child_name;
  return typeof name === 'string' && name.trim() ? name.trim() : 'my friend';
}

/**
 * A short, scripted Santa call — the emulator cannot hold a real conversation, so the child's
 * side is invented too. It uses the child's name and age, so what a test hears and reads is
 * about the child it booked for.
 */
export function answeredCallScript(variables: Variables, firstMessage?: string): ScriptLine[] {
  const name = childName(variables);
  const age = variables.child_age;
  return [
    { role: 'agent', message: fillVariables(firstMessage ?? defaultFirstMessage, variables) },
    { role: 'user', message: `Hi Santa! It's me, ${name}!` },
    {
      role: 'agent',
      message:
        typeof age === 'number'
          ? `Ho ho ho, ${name}! The elves tell me you are ${age} now. What a wonderful year you have had!`
          : `Ho ho ho, ${name}! The elves tell me you have had a wonderful year!`,
    },
    { role: 'user', message: 'I helped make cookies for the reindeer.' },
    {
      role: 'agent',
      message: `That is very kind, ${name}. Rudolph loves cookies. What are you hoping for this Christmas?`,
    },
    { role: 'user', message: 'A red sledge, please!' },
    {
      role: 'agent',
      message: `A red sledge! I will tell the elves. Merry Christmas, ${name}. Ho ho ho!`,
    },
    { role: 'user', message: 'Bye Santa!' },
  ];
}

/** A call over in a few seconds (the `brief` test number): Santa greets, the child says goodbye. */
export function briefCallScript(variables: Variables): ScriptLine[] {
  const name = childName(variables);
  return [
    { role: 'agent', message: `Ho ho ho! Merry Christmas, ${name}!` },
    { role: 'user', message: 'Merry Christmas, Santa!' },
  ];
}

/** The answering machine picks up; Santa leaves a short message. */
export function voicemailScript(variables: Variables): ScriptLine[] {
  return [
    {
      role: 'user',
      message: 'Hello, you have reached our voicemail. Please leave a message after the tone.',
    },
    {
      role: 'agent',
      message: `Ho ho ho! This is an automated call from CallSanta, with an AI voice playing Santa, for ${childName(variables)}. I will try again a little later. Merry Christmas!`,
    },
  ];
}
