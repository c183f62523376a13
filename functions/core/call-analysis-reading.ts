import type {
  CallAnalysis,
  ChildAnalysis,
  CriterionOutcome,
  CriterionResult,
} from './call-analysis.ts';

/**
 * Turns ElevenLabs' post-call analysis (as our tolerant schema read it:
 * `functions/schemas/elevenlabs-conversation.ts`) into the booking's `CallAnalysis`. Pure.
 * The data collection ids are per child position (`child_1_wishes`, `child_1_proud_of`,
 * `child_1_worries`, … up to 4), defined with the agent in `functions/agent/santa-analysis.ts`.
 */

/** The data collection ids of the child at `position` (1-based, as the booking lists them). */
export function childDataCollectionIds(position: number) {
  return {
    wishes: `child_${position}_wishes`,
    proudOf: `child_${position}_proud_of`,
    worries: `child_${position}_worries`,
  } as const;
}

/** The analysis as read from the provider: only what is used, everything optional. */
export interface AnalysisReading {
  /** `transcript_summary`. */
  readonly summary?: string | null | undefined;
  /** `data_collection_results`, by id: `value` is whatever the LLM gave (string, list, null). */
  readonly dataCollection?:
    | Readonly<Record<string, { readonly value?: unknown } | undefined>>
    | null
    | undefined;
  /** `evaluation_criteria_results`, by id. */
  readonly criteria?:
    | Readonly<
        Record<
          string,
          | {
              readonly criteria_id?: string | null | undefined;
              readonly result?: string | null | undefined;
              readonly rationale?: string | null | undefined;
            }
          | undefined
        >
      >
    | null
    | undefined;
}

/** Bounds on what is stored: the item stays small whatever the LLM wrote. */
const limits = { wishes: 20, wishChars: 200, sentenceChars: 500, rationaleChars: 1000 } as const;

/**
 * Words that mean "nothing" when they are the whole value, in the languages we call in (the
 * LLM sometimes writes one instead of leaving a value empty).
 */
const nothingWords = new Set([
  'none',
  'nothing',
  'no',
  'n/a',
  'na',
  'null',
  'unknown',
  '-',
  'ninguno',
  'ninguna',
  'nada',
  'no aplica',
  'aucun',
  'aucune',
  'rien',
  'néant',
  'sans objet',
]);

const isNothing = (text: string) =>
  nothingWords.has(
    text
      .toLowerCase()
      .replace(/[.!。]+$/u, '')
      .trim(),
  );

/** A sentence as stored: trimmed, bounded; undefined when empty or a "nothing" word. */
function sentenceOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!text || isNothing(text)) return undefined;
  return text.slice(0, limits.sentenceChars);
}

/**
 * The wishes in a data collection value, each a short phrase: a JSON array (as a value or as
 * text), lines, or a `,`/`;` list; bullets and numbering dropped; "none"/empty → []. Unique
 * (case-insensitively), in the order given, at most 20 of at most 200 characters.
 */
export function wishesOf(value: unknown): string[] {
  const items = listItems(value)
    .map((item) =>
      item
        .trim()
        .replace(/^(?:[-*•·–]\s*|\d+[.)]\s*)/u, '')
        .replace(/[\s.!;,]+$/u, '')
        .trim(),
    )
    .filter((item) => item !== '' && !isNothing(item));
  const seen = new Set<string>();
  const wishes: string[] = [];
  for (const item of items) {
    const key = item.toLocaleLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    wishes.push(item.slice(0, limits.wishChars));
    if (wishes.length === limits.wishes) break;
  }
  return wishes;
}

function listItems(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => listItems(item));
  if (typeof value !== 'string') return [];
  const text = value.trim();
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return listItems(parsed);
    } catch {
      // Not JSON after all: read it as a list of words.
    }
  }
  const lines = text.split(/\r?\n/u);
  // One wish per line when the LLM wrote lines; else a comma or semicolon list.
  return lines.length > 1 ? lines : text.split(/[;,]/u);
}

const criterionResults: readonly CriterionResult[] = ['success', 'failure', 'unknown'];

/** ElevenLabs' result; anything new or missing reads as `unknown` (never a false alarm). */
function criterionResultOf(result: string | null | undefined): CriterionResult {
  const known = criterionResults.find((value) => value === result?.trim().toLowerCase());
  return known ?? 'unknown';
}

/**
 * The booking's `callAnalysis` from the provider's analysis.
 * @param reading the analysis as read (`AnalysisReading`); absent parts read as empty
 * @param children the booking's children in their order (`bookingChildren`): child N's
 *   `child_N_…` values are theirs; values for positions beyond them are ignored
 * @param analysedAt ISO 8601 UTC, when it is stored
 */
export function callAnalysisOf(
  reading: AnalysisReading,
  children: readonly { readonly name: string }[],
  analysedAt: string,
): CallAnalysis {
  const data = reading.dataCollection ?? {};
  const childAnalyses = children.map((child, index): ChildAnalysis => {
    const ids = childDataCollectionIds(index + 1);
    const proudOf = sentenceOf(data[ids.proudOf]?.value);
    const worries = sentenceOf(data[ids.worries]?.value);
    return {
      name: child.name,
      wishes: wishesOf(data[ids.wishes]?.value),
      ...(proudOf ? { proudOf } : {}),
      ...(worries ? { worries } : {}),
    };
  });
  const criteria = Object.entries(reading.criteria ?? {}).flatMap(
    ([key, outcome]): CriterionOutcome[] => {
      if (!outcome) return [];
      const rationale = outcome.rationale?.trim().slice(0, limits.rationaleChars);
      return [
        {
          id: outcome.criteria_id?.trim() || key,
          result: criterionResultOf(outcome.result),
          ...(rationale ? { rationale } : {}),
        },
      ];
    },
  );
  const summary = reading.summary?.trim();
  return {
    ...(summary ? { summary } : {}),
    children: childAnalyses,
    criteria,
    analysedAt,
  };
}
