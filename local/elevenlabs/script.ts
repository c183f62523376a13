import type { DynamicValue } from './conversation.ts';
import { isScriptLanguage, type ScriptLanguage, scriptText } from './script-messages.ts';

/**
 * One spoken turn of an emulated call. `childIndex` (0-based, the child's position on the call
 * minus one: `child_1_*` is 0) says which child speaks a `user` turn, or whom Santa addresses in
 * an `agent` turn; absent for turns to everyone (the greeting, the goodbye).
 */
export interface ScriptLine {
  readonly role: 'agent' | 'user';
  readonly message: string;
  readonly childIndex?: number;
  /** The language the line is spoken in (the voice follows it); English when absent. */
  readonly language?: ScriptLanguage;
}

/** A child as the script makes them talk: what they are proud of and what they wish for. */
export interface ScriptedChild {
  /** 0-based; the dynamic variables' and data collection's position is `childIndex + 1`. */
  readonly childIndex: number;
  readonly name: string;
  readonly age?: number;
  /** The sentence they say about their year, as spoken. */
  readonly proudOf: string;
  /** What they ask Santa for, as spoken ("un trineo rojo"). */
  readonly wishes: readonly string[];
}

/**
 * An emulated answered call: its language, its children with what each said, and its lines.
 * Readable from outside (the emulator's analysis reads who wished for what here, not from the
 * text).
 */
export interface ScriptedCall {
  readonly language: ScriptLanguage;
  readonly children: readonly ScriptedChild[];
  readonly lines: readonly ScriptLine[];
}

export interface ScriptOptions {
  /** The first message: the call's override, else the agent's, else the emulator's own. */
  readonly firstMessage?: string | undefined;
  /** The call's language (`conversation_config_override.agent.language`); English when absent. */
  readonly language?: string | undefined;
}

type Variables = Readonly<Record<string, DynamicValue>>;

/** Fills `{{name}}` from the call's dynamic variables, as ElevenLabs does in prompts. */
export function fillVariables(template: string, variables: Variables): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, name: string) => {
    const value = variables[name];
    return value === undefined || value === null ? whole : String(value);
  });
}

const text = (value: DynamicValue | undefined) =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;
const wholeNumber = (value: DynamicValue | undefined) =>
  typeof value === 'number' && Number.isInteger(value) ? value : undefined;

/**
 * The children the variables name: `child_1_name` … `child_4_name`, or the single `child_name`
 * the agent took before siblings (and the video's sample call still sends).
 */
export function scriptedChildren(variables: Variables): { name: string; age?: number }[] {
  const children = [1, 2, 3, 4].flatMap((position) => {
    const name = text(variables[`child_${position}_name`]);
    const age = wholeNumber(variables[`child_${position}_age`]);
    return name ? [{ name, ...(age === undefined ? {} : { age }) }] : [];
  });
  if (children.length > 0) return children;
  const name = text(variables.child_name);
  const age = wholeNumber(variables.child_age);
  return name ? [{ name, ...(age === undefined ? {} : { age }) }] : [];
}

function languageOf(options: ScriptOptions): ScriptLanguage {
  return isScriptLanguage(options.language) ? options.language : 'en';
}

/** Everyone's names as ElevenLabs would say them: the `children_names` phrase when sent. */
function namesOf(variables: Variables, children: readonly { name: string }[], fallback: string) {
  return text(variables.children_names) ?? children[0]?.name ?? fallback;
}

/**
 * A short, scripted Santa call — the emulator cannot hold a real conversation, so the
 * children's side is invented too. Santa opens with the first message, greets each child by
 * name in turn, in the call's language; each child answers, says what they are proud of and
 * wishes for one thing (a different one per child), and Santa says goodbye to them all.
 */
export function scriptedCall(variables: Variables, options: ScriptOptions = {}): ScriptedCall {
  const language = languageOf(options);
  const t = scriptText(language);
  const named = scriptedChildren(variables);
  const children = (named.length > 0 ? named : [{ name: t('friend') }]).map(
    (child, childIndex): ScriptedChild => ({
      childIndex,
      name: child.name,
      ...('age' in child && child.age !== undefined ? { age: child.age } : {}),
      proudOf: t(`proud.${childIndex}`),
      wishes: [t(`wish.${childIndex}`)],
    }),
  );
  const names = namesOf(variables, children, t('friend'));
  const firstMessage = options.firstMessage ?? t('defaultFirstMessage', { names });
  const line = (role: ScriptLine['role'], message: string, childIndex?: number): ScriptLine => ({
    role,
    message,
    ...(childIndex === undefined ? {} : { childIndex }),
    language,
  });
  const lines: ScriptLine[] = [line('agent', fillVariables(firstMessage, variables))];
  for (const child of children) {
    const { childIndex, name, age } = child;
    const wish = child.wishes[0] ?? '';
    if (childIndex === 0) {
      lines.push(line('user', t('childHello', { name }), childIndex));
      lines.push(
        line(
          'agent',
          age === undefined ? t('santaGreets', { name }) : t('santaGreetsAge', { name, age }),
          childIndex,
        ),
      );
    } else {
      lines.push(line('agent', t('santaNextChild', { name }), childIndex));
      lines.push(line('user', t('childHello', { name }), childIndex));
    }
    lines.push(line('user', child.proudOf, childIndex));
    lines.push(line('agent', t('santaAsksWish', { name }), childIndex));
    lines.push(line('user', t('childWish', { wish }), childIndex));
    lines.push(line('agent', t('santaHeardWish', { wish, name }), childIndex));
  }
  lines.push(line('agent', t('santaGoodbye', { names })));
  lines.push(line('user', t('childBye'), 0));
  return { language, children, lines };
}

/** The lines of `scriptedCall` (the video's sample call and the simulator speak these). */
export function answeredCallScript(
  variables: Variables,
  firstMessage?: string,
  language?: string,
): ScriptLine[] {
  return [...scriptedCall(variables, { firstMessage, language }).lines];
}

/** A call over in a few seconds (the `brief` test number): Santa greets, a child says goodbye. */
export function briefCallScript(variables: Variables, language?: string): ScriptLine[] {
  const lang = languageOf({ language });
  const t = scriptText(lang);
  const names = namesOf(variables, scriptedChildren(variables), t('friend'));
  return [
    { role: 'agent', message: t('briefSanta', { names }), language: lang },
    { role: 'user', message: t('briefChild'), childIndex: 0, language: lang },
  ];
}

/** The answering machine picks up; Santa leaves a short message. */
export function voicemailScript(variables: Variables, language?: string): ScriptLine[] {
  const lang = languageOf({ language });
  const t = scriptText(lang);
  const names = namesOf(variables, scriptedChildren(variables), t('friend'));
  return [
    { role: 'user', message: t('voicemailGreeting'), language: lang },
    { role: 'agent', message: t('voicemailSanta', { names }), language: lang },
  ];
}
