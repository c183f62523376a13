import { DateTime } from 'luxon';
import { agentText } from '../agent/agent-messages.ts';
import {
  childPositions,
  type SantaCallVariables,
  santaCallVariablesSchema,
} from '../agent/dynamic-variables.ts';
import type { BookingRecord } from '../core/booking.ts';
import { bookingChildren, childNamesPhrase, type StoredChild } from '../core/children.ts';
import { formattingLocale, type LanguageCode, languageOf } from '../core/languages.ts';
import { formatWholeMoney } from '../core/money-format.ts';
import type { SantaNotes } from '../core/santa-notes.ts';

/** What the variables are made from: the booking as stored, old (flat, no language) or new. */
export type CallVariablesSource = Pick<
  BookingRecord,
  | 'children'
  | 'language'
  | 'notesForSanta'
  | 'childName'
  | 'childAge'
  | 'childGender'
  | 'childInfoText'
  | 'voiceNoteKey'
  | 'voiceNoteTranscript'
  | 'giftBudget'
  | 'currency'
  | 'timezone'
  | 'locale'
>;

/**
 * What Santa is told about the children, the parent's notes and the call, from the booking
 * (never the parent's contact details). An old booking (flat child fields, no language) gives
 * one child in English. Throws when the booking names no child (erased): there is no call to make.
 */
export function santaCallVariables(booking: CallVariablesSource, now: Date): SantaCallVariables {
  const children = bookingChildren(booking);
  const first = children[0];
  if (!first) throw new Error('The booking names no child: its details were erased.');
  const language = languageOf(booking.language).code;
  const locale = formattingLocale(language, booking.locale);
  const variables = {
    child_count: children.length,
    children_names: childNamesPhrase(children, locale),
    ...Object.assign(
      {},
      ...childPositions.map((position) => childVariables(children, position, booking)),
    ),
    child_name: first.name,
    child_age: first.age,
    child_gender: genderOf(first),
    child_info_text: parentText(first.infoText),
    child_info_voice_transcript: parentText(firstTranscript(booking, first)),
    ...notesVariables(booking.notesForSanta, language, locale),
    // "50 US dollars", "50 dólares estadounidenses": the booking's currency, said in the call's language.
    gift_budget: formatWholeMoney(booking.giftBudget, booking.currency, locale, 'name'),
    call_local_time: localTime(now, booking.timezone, language, locale),
    call_language: language,
    call_language_name: new Intl.DisplayNames('en', { type: 'language' }).of(language) ?? language,
  };
  // The child_N_* keys are built by position: the schema checks the whole set, as the adapter will.
  return santaCallVariablesSchema.parse(variables);
}

/** One position's variables: the child there, or '' everywhere when the call has none. */
function childVariables(
  children: readonly StoredChild[],
  position: number,
  booking: CallVariablesSource,
) {
  const child = children[position - 1];
  const transcript =
    position === 1 && child ? firstTranscript(booking, child) : child?.voiceNoteTranscript;
  return {
    [`child_${position}_name`]: child?.name ?? '',
    [`child_${position}_age`]: child ? child.age : '',
    [`child_${position}_gender`]: child ? genderOf(child) : '',
    [`child_${position}_info`]: child ? childInfo(child, transcript) : '',
  };
}

/**
 * The first child's transcript: theirs, or — while the voice-note step still writes the flat
 * `voiceNoteTranscript` for the first child's note — that one, when it is of the same note.
 */
function firstTranscript(booking: CallVariablesSource, first: StoredChild): string | undefined {
  if (first.voiceNoteTranscript !== undefined) return first.voiceNoteTranscript;
  return first.voiceNoteKey && first.voiceNoteKey === booking.voiceNoteKey
    ? booking.voiceNoteTranscript
    : undefined;
}

function genderOf(child: StoredChild): string {
  return child.gender && child.gender !== 'prefer_not_to_say' ? child.gender : '';
}

/** What the parent typed, then what they said in the voice note. */
function childInfo(child: StoredChild, transcript: string | undefined): string {
  return [parentText(child.infoText), parentText(transcript)].filter(Boolean).join(' ');
}

/**
 * A parent's words as one plain line: whitespace runs made one space (no fake headings or
 * line breaks in the prompt) and angle brackets dropped, so no text can close the
 * `<parent_…>` tags the prompt delimits it with.
 */
export function parentText(text: string | undefined): string {
  return (text ?? '').replace(/[<>]/g, '').replace(/\s+/g, ' ').trim();
}

function notesVariables(notes: SantaNotes | undefined, language: LanguageCode, locale: string) {
  const t = agentText(language);
  const people = (notes?.people ?? []).map((person) =>
    t('person', { name: parentText(person.name), relation: t(`relation.${person.relation}`) }),
  );
  return {
    notes_praise: parentText(notes?.praise),
    notes_encouragement: parentText(notes?.encouragement),
    notes_people: new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(
      people,
    ),
    notes_avoid: parentText(notes?.avoidTopics),
  };
}

/** "Tuesday 24 December, 5:30 PM"; "martes, 24 de diciembre, 17:30" in Spanish. */
function localTime(now: Date, timezone: string, language: LanguageCode, locale: string): string {
  const local = DateTime.fromJSDate(now, { zone: timezone });
  if (language === 'en') return local.setLocale('en-US').toFormat('cccc d LLLL, h:mm a');
  return local.setLocale(locale).toLocaleString({
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: 'numeric',
    minute: '2-digit',
  });
}
