/**
 * The children one call is for: one to four, each greeted by name and given a turn by Santa.
 * Bookings made before siblings were possible stored one child in flat fields (`childName`,
 * `childAge`, `childGender`, `childInfoText`, `voiceNoteKey`, `voiceNoteTranscript`); they are
 * read through `bookingChildren`, never migrated in place, so an old item and a new one read the
 * same everywhere.
 */

/** The most children one call is for: Santa gives each a turn within the five-minute cap. */
export const maxChildrenPerCall = 4;

/** One child as stored on the booking. */
export interface StoredChild {
  /** By the one name rule (core/person-name.ts): NFC, single spaces. */
  readonly name: string;
  /** Whole years, 1–17. */
  readonly age: number;
  /** `girl`, `boy`, `other` or `prefer_not_to_say`; absent when not said. */
  readonly gender?: string | undefined;
  /** What the parent typed about this child. */
  readonly infoText?: string | undefined;
  /** This child's voice note in the private media bucket (`voice-notes/<ulid>.<ext>`). */
  readonly voiceNoteKey?: string | undefined;
  /** That voice note transcribed, in the booking's language; absent until transcribed. */
  readonly voiceNoteTranscript?: string | undefined;
}

/** The fields of a booking the children are read from: the new list or the old flat fields. */
export interface ChildrenSource {
  readonly children?: readonly StoredChild[] | undefined;
  readonly childName?: string | undefined;
  readonly childAge?: number | undefined;
  readonly childGender?: string | undefined;
  readonly childInfoText?: string | undefined;
  readonly voiceNoteKey?: string | undefined;
  readonly voiceNoteTranscript?: string | undefined;
}

/**
 * The booking's children, in the order the parent gave them: the `children` list when stored,
 * else the one child of an older booking's flat fields; empty once erased (no name left).
 */
export function bookingChildren(booking: ChildrenSource): readonly StoredChild[] {
  if (booking.children && booking.children.length > 0) return booking.children;
  if (!booking.childName) return [];
  return [
    {
      name: booking.childName,
      age: booking.childAge ?? 0,
      gender: booking.childGender,
      infoText: booking.childInfoText,
      voiceNoteKey: booking.voiceNoteKey,
      voiceNoteTranscript: booking.voiceNoteTranscript,
    },
  ];
}

/**
 * The children's names as one phrase in `locale` ("Emma and Leo", "Emma y Leo",
 * "Emma, Leo et Mia"), by Intl.ListFormat; '' when there are none.
 */
export function childNamesPhrase(
  children: readonly Pick<StoredChild, 'name'>[],
  locale: string,
): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(
    children.map((child) => child.name),
  );
}
