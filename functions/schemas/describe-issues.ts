import type * as z from 'zod';

/**
 * A zod error as one line a person (or a log reader) can act on: the first `limit` problems as
 * `path: message`, e.g. `data.object.amount_refunded: Invalid input: expected number`. Paths
 * and expectations only — never the values, which may carry personal data.
 */
export function describeIssues(error: z.ZodError, limit = 5): string {
  return error.issues
    .slice(0, limit)
    .map((issue) => `${issue.path.join('.') || 'the body'}: ${issue.message}`)
    .join('; ');
}
