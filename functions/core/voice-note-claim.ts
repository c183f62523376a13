/**
 * What a booking's letting go of its voice note left: the ids of the bookings still claiming
 * it (possibly none), or `undefined` when the note has no claim item at all (a booking made
 * before claims existed, or a claim already removed by an earlier, retried release).
 */
export type RemainingClaims = readonly string[] | undefined;

/**
 * Whether the voice note's object may be deleted once a booking has let go of it: only when no
 * other booking still claims it. No claim item at all means a booking made before claims
 * existed (or a retry after the last release removed the item): delete, as before.
 */
export function mayDeleteVoiceNote(remaining: RemainingClaims): boolean {
  return remaining === undefined || remaining.length === 0;
}

/**
 * The voice notes a booking names, each once: every child's (`children`), and the flat
 * `voiceNoteKey` of a booking made before siblings (for a new one it is the first child's).
 */
export function voiceNoteKeysOf(booking: {
  readonly children?: readonly { readonly voiceNoteKey?: string | undefined }[] | undefined;
  readonly voiceNoteKey?: string | undefined;
}): string[] {
  const keys = [
    booking.voiceNoteKey,
    ...(booking.children ?? []).map((child) => child.voiceNoteKey),
  ];
  return [...new Set(keys.filter((key): key is string => typeof key === 'string' && key !== ''))];
}
