import { childDataCollectionIds } from '../../functions/core/call-analysis-reading.ts';
import type { ConversationAnalysis } from './conversation.ts';
import type { ScriptedCall, ScriptLine } from './script.ts';
import type { ScriptLanguage } from './script-messages.ts';
import { testNumbers } from './test-numbers.ts';

/**
 * The post-call analysis ElevenLabs would write for a scripted call: the data collection the
 * Santa agent defines (`functions/agent/santa-analysis.ts`: what each child wished for, what
 * they are proud of, what worried them — in the call's language), the evaluation criteria
 * (success, unless the number called asks for a slip: `scriptedSlipFor`) and a summary. Computed
 * from the script the call spoke, so what a test reads in the email is what the child said.
 */

type Language = ScriptLanguage;

/** The criteria the agent is judged by (as in `santa-analysis.ts`). */
const criterionIds = [
  'stayed_in_character',
  'asked_no_personal_details',
  'no_promise_beyond_budget',
  'disclosed_ai_voice',
] as const;
type CriterionId = (typeof criterionIds)[number];

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
  language: Language,
): ScriptLine[] {
  const slip = scriptedSlipFor(toNumber);
  if (!slip) return [...lines];
  const lastSanta = lines.map((line) => line.role).lastIndexOf('agent');
  const at = lastSanta < 0 ? lines.length : lastSanta;
  const said: ScriptLine = { role: 'agent', message: slip.line[language] };
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

/** What the analysis is made from: the call's language and what each child said in it. */
export type HeardCall = Pick<ScriptedCall, 'language'> & {
  readonly children: readonly {
    readonly name: string;
    readonly wishes: readonly string[];
    readonly proudOf?: string | undefined;
  }[];
};

/**
 * The analysis of an answered (not voicemail) scripted call, as ElevenLabs writes it, from
 * what the script has each child say (`scriptedCall`): the phrases an LLM would extract ("un
 * trineo rojo"), not the sentences around them. A brief call gives names and no wishes.
 */
export function answeredCallAnalysis(heard: HeardCall, toNumber: string): ConversationAnalysis {
  const { language, children } = heard;
  const slip = scriptedSlipFor(toNumber);
  const names = new Intl.ListFormat(language, { type: 'conjunction' }).format(
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
