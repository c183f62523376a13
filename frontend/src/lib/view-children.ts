import { childNamesPhrase } from '../../../functions/core/children.ts';
import type { BookingView } from './types.ts';

/** One child as the booking view shows them: the name is null once the data was erased. */
export interface ViewChild {
  readonly name: string | null;
  readonly age: number;
}

const isViewChild = (value: unknown): value is ViewChild =>
  typeof value === 'object' &&
  value !== null &&
  'name' in value &&
  (typeof value.name === 'string' || value.name === null) &&
  'age' in value &&
  typeof value.age === 'number';

/**
 * The children of a booking view, in the parent's order: the answer's `children` (1–4, issue
 * #14) when it carries a well-formed list, else the one `child` every answer has. Read
 * tolerantly, so the site works against an API of either version.
 */
export function viewChildren(booking: BookingView): readonly ViewChild[] {
  const children: unknown = (booking as { children?: unknown }).children;
  if (Array.isArray(children) && children.length > 0 && children.every(isViewChild)) {
    return children;
  }
  return [booking.child];
}

/**
 * The children's names as one phrase in `locale` ("Emma and Leo", "Emma y Leo"), or undefined
 * when no name is left (erased): the page then says "your child" in its own words.
 */
export function viewChildNames(booking: BookingView, locale: string): string | undefined {
  const named = viewChildren(booking).flatMap((child) =>
    child.name === null ? [] : [{ name: child.name }],
  );
  return named.length ? childNamesPhrase(named, locale) : undefined;
}
