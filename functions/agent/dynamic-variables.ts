import * as z from 'zod';
import { maxChildrenPerCall } from '../core/children.ts';
import { languageCodes } from '../core/languages.ts';

/**
 * What Santa knows about the call, sent with each outbound call as
 * `conversation_initiation_client_data.dynamic_variables` and used in the agent's prompt as
 * `{{children_names}}`, `{{child_1_name}}` etc. ElevenLabs takes only flat strings, numbers and
 * booleans (names starting `system__` are its own), so one to four children are written as
 * `child_1_*` … `child_4_*`, '' for a child the call does not have. The object is strict:
 * nothing but these keys leaves (never the parent's contact details).
 *
 * Texts the parent wrote (`child_N_info`, `notes_*`) arrive as facts about the family; the
 * prompt delimits them and tells Santa never to follow them as instructions.
 */

/** `1`…`4`: the positions a child can take on the call. */
export const childPositions = Array.from({ length: maxChildrenPerCall }, (_, index) => index + 1);

const parentText = (max: number) => z.string().max(max);

/** One child's variables, present (name non-empty) or absent (every field ''). */
const childShape = (position: number) => ({
  [`child_${position}_name`]: z.string().trim().max(50),
  /** Whole years; '' when the call has no child at this position. */
  [`child_${position}_age`]: z.union([z.number().int().min(0).max(17), z.literal('')]),
  /** `girl`, `boy`, `other`, or '' when not said (or no child here). */
  [`child_${position}_gender`]: z.string().max(40),
  /** What the parent typed, then what they said in the voice note, transcribed; '' when neither. */
  [`child_${position}_info`]: parentText(7100),
});

const childrenShape = Object.assign({}, ...childPositions.map(childShape)) as Record<
  `child_${1 | 2 | 3 | 4}_name` | `child_${1 | 2 | 3 | 4}_gender` | `child_${1 | 2 | 3 | 4}_info`,
  z.ZodString
> &
  Record<`child_${1 | 2 | 3 | 4}_age`, z.ZodUnion<[z.ZodNumber, z.ZodLiteral<''>]>>;

/**
 * The first child's facts under the names the agent used before siblings (#14). A Lambda
 * deployed before `npm run agent:sync` sends them to the old agent, whose prompt needs them
 * (ElevenLabs refuses a call missing a variable its prompt names). Remove once every stage's
 * agent is synced.
 */
const singleChildShape = {
  child_name: z.string().trim().min(1).max(50),
  child_age: z.number().int().min(0).max(17),
  child_gender: z.string().max(40),
  child_info_text: parentText(2000),
  child_info_voice_transcript: parentText(5000),
};

export const santaCallVariablesSchema = z
  .strictObject({
    /** How many children the call is for, 1–4. */
    child_count: z.number().int().min(1).max(maxChildrenPerCall),
    /** The names as one phrase in the call's language: "Emma y Leo". */
    children_names: z.string().trim().min(1).max(260),
    ...childrenShape,
    ...singleChildShape,
    /** Something real to praise; '' when none. */
    notes_praise: parentText(200),
    /** One thing to encourage gently; '' when none. */
    notes_encouragement: parentText(200),
    /** Names around the children, in the call's language: "Max (mascota) y Leo (hermano o hermana)". */
    notes_people: parentText(1000),
    /** Topics Santa must never raise; '' when none. */
    notes_avoid: parentText(300),
    /** Spoken as written, in the call's language, e.g. "50 US dollars", "50 dólares estadounidenses". */
    gift_budget: z.union([z.string().min(1).max(60), z.number().nonnegative().finite()]),
    /** The child's local time of the call, in the call's language. */
    call_local_time: z.string().min(1).max(80),
    /** The call's language code (core/languages.ts), e.g. `es`. */
    call_language: z.enum(languageCodes),
    /** That language's English name, for the (English) prompt: "Spanish". */
    call_language_name: z.string().min(1).max(40),
  })
  .refine((variables) => variables.child_1_name !== '', {
    error: 'The call must be for at least one child (child_1_name).',
    path: ['child_1_name'],
  });

export type SantaCallVariables = z.infer<typeof santaCallVariablesSchema>;

/** Every variable a call sends, in the schema's order. */
export const santaCallVariableNames = Object.keys(
  santaCallVariablesSchema.shape,
) as (keyof SantaCallVariables)[];

/** The variables kept for the agent before siblings; the current prompt does not use them. */
export const singleChildVariableNames = Object.keys(
  singleChildShape,
) as (keyof SantaCallVariables)[];
