import type { z } from 'zod';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Paths of `sent` that `parsed` lacks: the fields a schema does not name (z.object drops them). */
function unnamedFields(sent: unknown, parsed: unknown, path: string): string[] {
  if (Array.isArray(sent) && Array.isArray(parsed)) {
    return sent.flatMap((item, index) => unnamedFields(item, parsed[index], `${path}[${index}]`));
  }
  if (isRecord(sent) && isRecord(parsed)) {
    return Object.keys(sent).flatMap((key) =>
      key in parsed ? unnamedFields(sent[key], parsed[key], `${path}.${key}`) : [`${path}.${key}`],
    );
  }
  return [];
}

/**
 * An API answer read with its schema from functions/schemas/api/, exactly: throws the ZodError
 * when a field is missing or of the wrong type, and an Error naming every field the answer has
 * that the schema does not (the site's schemas drop those silently, so a handler adding a
 * field without its schema would otherwise go unnoticed).
 */
export function parseAnswer<Schema extends z.ZodType>(
  schema: Schema,
  body: unknown,
  what = 'answer',
): z.infer<Schema> {
  const parsed = schema.parse(body);
  const unnamed = unnamedFields(body, parsed, what);
  if (unnamed.length) {
    throw new Error(`Fields its schema does not name: ${unnamed.join(', ')}.`);
  }
  return parsed;
}
