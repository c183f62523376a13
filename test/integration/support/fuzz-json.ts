import fc from 'fast-check';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path in a JSON value that names an object member or array item, e.g. `['consent', 'aiCall']`. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => [
      [...prefix, index],
      ...pathsOf(item, [...prefix, index]),
    ]);
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [
      [...prefix, key],
      ...pathsOf(item, [...prefix, key]),
    ]);
  }
  return [];
}

type Mutation =
  | { readonly op: 'delete' }
  | { readonly op: 'replace'; readonly value: Json }
  | { readonly op: 'rename'; readonly name: string }
  | { readonly op: 'extra'; readonly name: string; readonly value: Json };

/** A copy of `base` with the member at `path` deleted, replaced, renamed, or given a sibling. */
function mutateAt(base: Json, path: (string | number)[], mutation: Mutation): Json {
  const copy = structuredClone(base);
  const parentPath = path.slice(0, -1);
  const last = path.at(-1);
  let parent: Json = copy;
  for (const step of parentPath) parent = (parent as Record<string | number, Json>)[step] as Json;
  if (last === undefined || parent === null || typeof parent !== 'object') return copy;
  const container = parent as Record<string | number, Json>;
  switch (mutation.op) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete container[last];
      break;
    case 'replace':
      container[last] = mutation.value;
      break;
    case 'rename':
      if (!Array.isArray(parent)) {
        container[mutation.name] = container[last] as Json;
        delete container[last];
      }
      break;
    case 'extra':
      if (Array.isArray(parent)) parent.push(mutation.value);
      else container[mutation.name] = mutation.value;
      break;
  }
  return copy;
}

/** Odd values a field may be given in place of its own: wrong types, edges, huge, unicode. */
export const oddJsonValue: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  fc.constantFrom<Json>(
    '',
    ' ',
    '\u0000',
    '𝓢𝓪𝓷𝓽𝓪 🎅',
    '\u202Eevil',
    -1,
    0,
    1e308,
    -1e-308,
    2 ** 53 + 1,
    true,
    false,
    null,
    [],
    {},
    '1970-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '2026-02-30T10:00:00Z',
    'NaN',
    '__proto__',
    // An own `__proto__` member, as JSON.parse makes it (an object literal would set the prototype).
    JSON.parse('{"__proto__":{"polluted":true}}') as Json,
    'x'.repeat(20_000),
  ),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
);

/**
 * Near-valid JSON: `base` with one member deleted, renamed, replaced by an odd value, or
 * joined by an extra member — the kind of body a buggy client or an attacker sends.
 */
export function mutatedJson(base: Json): fc.Arbitrary<Json> {
  const paths = pathsOf(base);
  if (paths.length === 0) return fc.constant(base);
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.constant<Mutation>({ op: 'delete' }),
    oddJsonValue.map((value): Mutation => ({ op: 'replace', value })),
    fc.string({ minLength: 1, maxLength: 20 }).map((name): Mutation => ({ op: 'rename', name })),
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 20 }), oddJsonValue)
      .map(([name, value]): Mutation => ({ op: 'extra', name, value })),
  );
  return fc
    .tuple(fc.constantFrom(...paths), mutation)
    .map(([path, change]) => mutateAt(base, path, change));
}

export type { Json };
