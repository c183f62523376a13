import type { BookingView } from './types.ts';
import { viewChildren } from './view-children.ts';

/**
 * What "Correct the details" starts from and sends, per child (issue #14). Read tolerantly from
 * the booking view: `details.children[i].infoText` (one per child, in the booking's order) when
 * the answer has it, else the one child's `details.childInfoText`; the parent's own
 * `notesForSanta` when the answer has them.
 */
export interface ChildDraft {
  readonly name: string | null;
  readonly infoText: string;
}

/** The parent's notes Santa may be corrected on here (the people list is kept as booked). */
export interface NotesDraft {
  readonly praise: string;
  readonly encouragement: string;
  readonly avoidTopics: string;
}

export const noteFields = ['praise', 'encouragement', 'avoidTopics'] as const;

const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

const recordOf = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

/** Each child's name and what Santa was told about them. */
export function childDrafts(booking: BookingView): ChildDraft[] {
  const perChild = recordOf(booking.details)?.children;
  const infos = Array.isArray(perChild) ? perChild.map((each) => recordOf(each)?.infoText) : [];
  return viewChildren(booking).map((child, index) => ({
    name: child.name,
    infoText: textOf(infos[index] ?? (index === 0 ? booking.details.childInfoText : undefined)),
  }));
}

/** The parent's notes as stored, or undefined when the answer has none (or they were erased). */
export function storedNotes(booking: BookingView): Record<string, unknown> | undefined {
  return recordOf((booking as { notesForSanta?: unknown }).notesForSanta);
}

export function notesDraft(notes: Record<string, unknown> | undefined): NotesDraft {
  return {
    praise: textOf(notes?.praise),
    encouragement: textOf(notes?.encouragement),
    avoidTopics: textOf(notes?.avoidTopics),
  };
}

/**
 * The PATCH body's part for the children and the notes: `children: [{ infoText }]` (every
 * child, in order, so a position always means the same child) when any child's words changed;
 * `notesForSanta` whole (the stored people kept; an emptied field left out) when a note
 * changed. Empty when nothing did.
 */
export function childAndNotesChanges(
  initial: { readonly children: readonly ChildDraft[]; readonly notes: NotesDraft },
  draft: { readonly children: readonly ChildDraft[]; readonly notes: NotesDraft },
  stored: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (draft.children.some((child, index) => child.infoText !== initial.children[index]?.infoText)) {
    body.children = draft.children.map((child) => ({ infoText: child.infoText }));
  }
  if (noteFields.some((field) => draft.notes[field] !== initial.notes[field])) {
    const notes: Record<string, unknown> = { ...stored };
    for (const field of noteFields) {
      const text = draft.notes[field].trim();
      if (text) notes[field] = text;
      else delete notes[field];
    }
    body.notesForSanta = notes;
  }
  return body;
}
