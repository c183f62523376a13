/**
 * The call's summary and each child's wish list, as the booking view answers them
 * (`callSummary`, issue #14: null before the call's analysis and once erased). Read tolerantly:
 * a missing or malformed answer is "no summary", never a broken page; a child with nothing said
 * is left out.
 */
export interface ChildWishes {
  readonly name: string;
  /** What the child asked Santa for, each a short phrase in the call's language. */
  readonly wishes: readonly string[];
  readonly proudOf: string | null;
  readonly worries: string | null;
}

export interface CallSummary {
  readonly summary: string | null;
  readonly children: readonly ChildWishes[];
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

function childOf(value: unknown): ChildWishes | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const name = text(record.name);
  if (!name) return undefined;
  const wishes = Array.isArray(record.wishes)
    ? record.wishes.flatMap((wish) => {
        const wording = text(wish);
        return wording ? [wording] : [];
      })
    : [];
  const proudOf = text(record.proudOf);
  const worries = text(record.worries);
  if (!wishes.length && !proudOf && !worries) return undefined;
  return { name, wishes, proudOf, worries };
}

/** The view's `callSummary`, or undefined when there is nothing to show. */
export function callSummaryOf(booking: object): CallSummary | undefined {
  const raw: unknown = 'callSummary' in booking ? booking.callSummary : undefined;
  if (typeof raw !== 'object' || raw === null) return undefined;
  const record = raw as Record<string, unknown>;
  const children = Array.isArray(record.children)
    ? record.children.flatMap((child) => {
        const read = childOf(child);
        return read ? [read] : [];
      })
    : [];
  const summary = text(record.summary);
  if (!summary && !children.length) return undefined;
  return { summary, children };
}
