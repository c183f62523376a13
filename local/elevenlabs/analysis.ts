import { childDataCollectionIds } from '../../functions/core/call-analysis-reading.ts';
import { turnSpeakers } from '../../functions/core/transcript-speakers.ts';
import type { ConversationAnalysis, DynamicValue } from './conversation.ts';
import type { ScriptLine } from './script.ts';
import { testNumbers } from './test-numbers.ts';

/**
 * The post-call analysis ElevenLabs would write for a scripted call: the data collection the
 * Santa agent defines (`functions/agent/santa-analysis.ts`: what each child wished for, what
 * they are proud of, what worried them — in the call's language), the evaluation criteria
 * (success, unless the number called asks for a slip: `scriptedSlipFor`) and a summary. Computed
 * from the script the call spoke, so what a test reads in the email is what the child said.
 */

type Variables = Readonly<Record<string, DynamicValue>>;
type Language = 'en' | 'es' | 'fr';

/** The criteria the agent is judged by (as in `santa-analysis.ts`). */
const criterionIds = [
  'stayed_in_character',
  'asked_no_personal_details',
  'no_promise_beyond_budget',
  'disclosed_ai_voice',
] as const;
type CriterionId = (typeof criterionIds)[number];

/**
 * The call's language, from its dynamic variables (`call_language`, as the agent's variables
 * carry it); English when absent or not one we script.
 */
export function scriptLanguage(variables: Variables): Language {
  const language = variables.call_language;
  return language === 'es' || language === 'fr' ? language : 'en';
}

/**
 * The children the call is for, in booking order: `child_1_name` … `child_4_name` when the
 * call carries them, else the one `child_name`. The one place the emulator reads who the
 * script speaks to, so a change of the agent's variables is one edit here.
 */
export function scriptChildNames(variables: Variables): string[] {
  const named = [1, 2, 3, 4]
    .map((position) => variables[`child_${position}_name`])
    .filter((name): name is string => typeof name === 'string' && name.trim() !== '')
    .map((name) => name.trim());
  if (named.length > 0) return named;
  const name = variables.child_name;
  return typeof name === 'string' && name.trim() ? [name.trim()] : [];
}

/** What a scripted child said, by what Santa had just asked. */
interface ScriptedChild {
  readonly name: string;
  readonly wishes: string[];
  proudOf?: string;
}

/** Santa asking for a wish, in the languages scripted. */
const asksForWish =
  /hoping for|wish|would you like|want for|quieres|te gustaría|deseas|pides|aimerais|voudrais|souhaites|commandes/i;
/** Santa asking (or remarking) about the child's year. */
const asksAboutYear = /\byear\b|\baño\b|\bannée\b/i;

/** "A red sledge, please!" → "A red sledge": the wish without courtesy and punctuation. */
function wishPhrase(message: string): string {
  return message
    .replace(/\b(please|por favor|s'il te plaît|s’il te plaît)\b/giu, '')
    .replace(/[¡!¿?.…]+/gu, '')
    .replace(/\s*,\s*$/u, '')
    .replace(/^\s*,\s*/u, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * Each child's wishes and pride, read from the script: a child's line right after Santa asked
 * for a wish is a wish, after Santa talked about their year what they are proud of. Which
 * child spoke is decided as the site does (`turnSpeakers`: one child, or Santa named them).
 */
export function scriptedChildren(lines: readonly ScriptLine[], variables: Variables) {
  const names = scriptChildNames(variables);
  const children = names.map((name): ScriptedChild => ({ name, wishes: [] }));
  const turns = lines.map((line) => ({
    role: line.role === 'agent' ? ('santa' as const) : ('child' as const),
    message: line.message,
  }));
  const speakers = turnSpeakers(turns, names);
  lines.forEach((line, index) => {
    const previous = lines[index - 1];
    const child = children.find((candidate) => candidate.name === speakers[index]);
    if (line.role !== 'user' || previous?.role !== 'agent' || !child) return;
    if (asksForWish.test(previous.message)) {
      const wish = wishPhrase(line.message);
      if (wish) child.wishes.push(wish);
    } else if (asksAboutYear.test(previous.message)) {
      child.proudOf ??= line.message.trim();
    }
  });
  return children;
}

/** A scripted slip of Santa's, for the test number that asks for it. */
interface ScriptedSlip {
  readonly criterion: CriterionId;
  /** Santa's line that breaks the criterion, said before the goodbye. */
  readonly line: Readonly<Record<Language, string>>;
  readonly rationale: string;
}

const slips: Readonly<Record<string, ScriptedSlip>> = {
  [testNumbers.breaksCharacter]: {
    criterion: 'stayed_in_character',
    line: {
      en: 'Between you and me, I am not really Santa. I am a computer program reading a script.',
      es: 'Entre tú y yo, no soy Papá Noel de verdad. Soy un programa de ordenador que lee un guion.',
      fr: 'Entre nous, je ne suis pas vraiment le Père Noël. Je suis un programme qui lit un texte.',
    },
    rationale:
      'The agent stepped out of the Santa role near the end of the call and said it was a computer program reading a script.',
  },
};

/** The slip the number called asks for (`testNumbers.breaksCharacter`), if any. */
export function scriptedSlipFor(toNumber: string): ScriptedSlip | undefined {
  return slips[toNumber];
}

/** The script as spoken: with the number's slip said just before Santa's goodbye. */
export function withScriptedSlip(
  lines: readonly ScriptLine[],
  toNumber: string,
  variables: Variables,
): ScriptLine[] {
  const slip = scriptedSlipFor(toNumber);
  if (!slip) return [...lines];
  const lastSanta = lines.map((line) => line.role).lastIndexOf('agent');
  const at = lastSanta < 0 ? lines.length : lastSanta;
  const said: ScriptLine = { role: 'agent', message: slip.line[scriptLanguage(variables)] };
  return [...lines.slice(0, at), said, ...lines.slice(at)];
}

const summaries: Readonly<Record<Language, (names: string, wishes: number) => string>> = {
  en: (names, wishes) =>
    `Emulated call: Santa greeted ${names} by name, talked about their year and heard ${wishes} Christmas wish${wishes === 1 ? '' : 'es'}, then said goodbye.`,
  es: (names, wishes) =>
    `Llamada emulada: Papá Noel saludó a ${names} por su nombre, habló de su año y escuchó ${wishes} ${wishes === 1 ? 'deseo' : 'deseos'} de Navidad, y se despidió.`,
  fr: (names, wishes) =>
    `Appel émulé : le Père Noël a salué ${names} par son prénom, a parlé de son année et a entendu ${wishes} ${wishes === 1 ? 'souhait' : 'souhaits'} de Noël, puis a dit au revoir.`,
};

const listLocales: Readonly<Record<Language, string>> = { en: 'en', es: 'es', fr: 'fr' };

/**
 * The analysis of an answered (not voicemail) scripted call, as ElevenLabs writes it.
 * `heard`: each child's wishes and pride as the script has them say it (the full answered call).
 */
export function answeredCallAnalysis(
  lines: readonly ScriptLine[],
  variables: Variables,
  toNumber: string,
  heard?: readonly {
    readonly name: string;
    readonly wishes: readonly string[];
    readonly proudOf?: string;
  }[],
): ConversationAnalysis {
  const language = scriptLanguage(variables);
  // What the script has each child say, when given: the phrases an LLM would extract ("un
  // trineo rojo", not "Quiero un trineo rojo"); otherwise read back from the lines.
  const children = heard ?? scriptedChildren(lines, variables);
  const slip = scriptedSlipFor(toNumber);
  const names = new Intl.ListFormat(listLocales[language], { type: 'conjunction' }).format(
    children.map((child) => child.name),
  );
  const wishCount = children.reduce((sum, child) => sum + child.wishes.length, 0);
  return {
    call_successful: slip ? 'failure' : 'success',
    transcript_summary: summaries[language](names || '?', wishCount),
    evaluation_criteria_results: Object.fromEntries(
      criterionIds.map((id) => {
        const failed = slip?.criterion === id;
        return [
          id,
          {
            criteria_id: id,
            result: failed ? 'failure' : 'success',
            rationale:
              failed && slip ? slip.rationale : 'Emulated evaluation: met throughout the call.',
          },
        ];
      }),
    ),
    data_collection_results: Object.fromEntries(
      [1, 2, 3, 4].flatMap((position) => {
        const child = children[position - 1];
        const ids = childDataCollectionIds(position);
        const item = (id: string, value: string | null, rationale: string) =>
          [
            id,
            {
              data_collection_id: id,
              value,
              json_schema: { type: 'string', description: `Emulated: ${id}` },
              rationale,
            },
          ] as const;
        return [
          item(
            ids.wishes,
            child && child.wishes.length > 0 ? child.wishes.join('\n') : null,
            child ? `What ${child.name} asked Santa for.` : `The call had no child ${position}.`,
          ),
          item(
            ids.proudOf,
            child?.proudOf ?? null,
            'From what the child told Santa about the year.',
          ),
          item(ids.worries, null, 'Nothing worried the child.'),
        ];
      }),
    ),
  };
}
