/**
 * Which child spoke a transcript turn. ElevenLabs' transcript has one `user` role for the whole
 * family, so a child's turn is attributed only when it is safe: with one child, always that
 * child; with siblings, when Santa's turn just before named exactly one of them ("And you,
 * Leo, what would you like?"). Otherwise the turn stays unattributed. Pure.
 */

export interface SpeakerTurn {
  readonly role: 'santa' | 'child';
  readonly message: string;
}

/** Letters and digits of any script, with the marks that join them (é as e + ◌́). */
const wordPattern = /[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*/gu;

const words = (text: string) =>
  (text.normalize('NFC').toLocaleLowerCase().match(wordPattern) ?? []).map((word) => word);

/** Whether `name` (one or more words, e.g. "Anne Marie") occurs whole in `message`. */
function names(message: readonly string[], name: string): boolean {
  const nameWords = words(name);
  if (nameWords.length === 0) return false;
  for (let start = 0; start + nameWords.length <= message.length; start++) {
    if (nameWords.every((word, offset) => message[start + offset] === word)) return true;
  }
  return false;
}

/**
 * The speaker of each turn, in order: the child's name for an attributed child turn,
 * undefined for Santa's turns and for child turns that cannot be told apart.
 * @param turns the transcript's turns in order
 * @param childNames the booking's children's names (`bookingChildren`), in order
 */
export function turnSpeakers(
  turns: readonly SpeakerTurn[],
  childNames: readonly string[],
): (string | undefined)[] {
  const onlyChild = childNames.length === 1 ? childNames[0] : undefined;
  let addressed: string | undefined;
  return turns.map((turn) => {
    if (turn.role === 'santa') {
      const said = words(turn.message);
      const named = childNames.filter((name) => names(said, name));
      // A name inside another ("Ana" in "Ana Sofía") counts once: the longest one wins.
      const distinct = named.filter(
        (name) => !named.some((other) => other !== name && names(words(other), name)),
      );
      addressed = distinct.length === 1 ? distinct[0] : undefined;
      return undefined;
    }
    return onlyChild ?? addressed;
  });
}
