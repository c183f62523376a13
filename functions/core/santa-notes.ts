/**
 * The parent's notes for Santa, as stored on the booking (`notesForSanta`): optional, short,
 * structured, so Santa can praise something real, encourage one thing gently, know the names
 * around the child, and stay away from what must not be raised. Validated by the booking
 * schema (functions/schemas/booking-request.ts), passed to the agent as dynamic variables, used
 * by the prompt under its guardrails (functions/agent/santa-prompt.ts).
 */

/** Who a named person or animal is to the children. */
export const notePersonRelations = ['sibling', 'pet', 'friend', 'teacher', 'other'] as const;
export type NotePersonRelation = (typeof notePersonRelations)[number];

export interface NotePerson {
  readonly relation: NotePersonRelation;
  /** A first name or a pet's name, as the family says it. */
  readonly name: string;
}

export interface SantaNotes {
  /** Something real to praise ("learned to ride a bike"). */
  readonly praise?: string | undefined;
  /** One thing to encourage, gently ("trying new vegetables"). */
  readonly encouragement?: string | undefined;
  /** Siblings, pets, friends, a teacher: names Santa may use (≤ 8; a mutable array type, as
   * the data layer's write types take it). */
  readonly people?: NotePerson[] | undefined;
  /** Topics Santa must not raise (a gift that won't come, a sad event). */
  readonly avoidTopics?: string | undefined;
}
