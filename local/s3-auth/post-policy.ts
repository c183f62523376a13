import * as z from 'zod';
import type { S3Denial } from './s3-denial.ts';

/**
 * Evaluates a browser POST upload's policy as S3 does (source:
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html): the
 * policy's `expiration`, then every condition in order, then that each form field is covered by
 * a condition, then `content-length-range` against the file's actual size. Pure.
 */

const byteCount = z.union([
  z.number().int().nonnegative(),
  z.string().regex(/^\d+$/).transform(Number),
]);

/** One condition, as the policy document spells it. */
const conditionSchema = z.union([
  z.tuple([z.literal('content-length-range'), byteCount, byteCount]),
  z.tuple([
    z
      .string()
      .transform((operator) => operator.toLowerCase())
      .pipe(z.enum(['eq', 'starts-with'])),
    z.string().regex(/^\$./, { error: 'A condition names a form field as "$field".' }),
    z.union([z.string(), z.number().transform(String)]),
  ]),
  z
    .record(z.string(), z.union([z.string(), z.number().transform(String)]))
    .refine((record) => Object.keys(record).length === 1, {
      error: 'An exact-match condition has one field.',
    }),
]);

/** The decoded policy document: tolerant of other members, strict on the two S3 reads. */
export const postPolicySchema = z.object({
  expiration: z.string(),
  conditions: z.array(conditionSchema),
});
export type PostPolicy = z.output<typeof postPolicySchema>;
type Condition = PostPolicy['conditions'][number];

/** What the upload carried: the bucket in its URL, its form fields and its file. */
export interface PostUpload {
  readonly bucket: string;
  /** The form's fields other than the file, by lower-case name, values as sent. */
  readonly fields: ReadonlyMap<string, string>;
  /** The file's size in bytes. */
  readonly fileSize: number;
}

/** Form fields a policy need not cover (S3: "except x-amz-signature, file, policy and x-ignore-*"). */
function isExempt(field: string): boolean {
  return (
    field === 'x-amz-signature' ||
    field === 'file' ||
    field === 'policy' ||
    field.startsWith('x-ignore-')
  );
}

function invalidPolicy(message: string): S3Denial {
  return { status: 400, code: 'InvalidPolicyDocument', message: `Invalid Policy: ${message}` };
}

function policyDenied(message: string): S3Denial {
  return { status: 403, code: 'AccessDenied', message: `Invalid according to Policy: ${message}` };
}

/** S3's rendering of a condition in its messages, e.g. `["eq", "$key", "a.webm"]`. */
function render(parts: readonly (string | number)[]): string {
  return `[${parts.map((part) => JSON.stringify(part)).join(', ')}]`;
}

/**
 * The policy document inside the form's `Policy` field (base64 of UTF-8 JSON), or the
 * `InvalidPolicyDocument` denial S3 gives a policy it cannot read.
 */
export function decodePostPolicy(base64Policy: string): PostPolicy | S3Denial {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(base64Policy, 'base64').toString('utf8'));
  } catch {
    return invalidPolicy('Invalid JSON.');
  }
  const parsed = postPolicySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return invalidPolicy(
      `Invalid Policy document: ${issue?.path.join('.') || 'policy'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

/** The field a condition names (`$Content-Type` → `content-type`). */
function fieldOf(name: string): string {
  return name.slice(1).toLowerCase();
}

interface FieldCondition {
  readonly operator: 'eq' | 'starts-with';
  readonly field: string;
  readonly expected: string;
  readonly shown: string;
}

function asFieldCondition(condition: Condition): FieldCondition | undefined {
  if (Array.isArray(condition)) {
    if (condition[0] === 'content-length-range') return undefined;
    const [operator, name, expected] = condition as ['eq' | 'starts-with', string, string];
    return { operator, field: fieldOf(name), expected, shown: render([operator, name, expected]) };
  }
  const [name, expected] = Object.entries(condition)[0] as [string, string];
  return {
    operator: 'eq',
    field: name.toLowerCase(),
    expected,
    shown: render(['eq', `$${name}`, expected]),
  };
}

function holds(condition: FieldCondition, value: string | undefined): boolean {
  if (value === undefined) return false;
  if (condition.operator === 'eq') return value === condition.expected;
  // S3 lets a Content-Type starts-with cover a comma-separated list: each entry must match.
  if (condition.field === 'content-type') {
    return value.split(',').every((part) => part.trim().startsWith(condition.expected));
  }
  return value.startsWith(condition.expected);
}

/**
 * The denial S3 gives this upload under this policy at `now`, or undefined when S3 would store
 * it. Denials: `AccessDenied` 403 "Invalid according to Policy: Policy expired." /
 * "…: Policy Condition failed: [cond]" / "…: Extra input fields: a, b";
 * `EntityTooSmall` / `EntityTooLarge` 400 for `content-length-range`;
 * `InvalidPolicyDocument` 400 for an unreadable `expiration`.
 */
export function evaluatePostPolicy(
  policy: PostPolicy,
  upload: PostUpload,
  now: Date,
): S3Denial | undefined {
  const expiration = Date.parse(policy.expiration);
  if (Number.isNaN(expiration)) {
    return invalidPolicy(`Invalid 'expiration' value: '${policy.expiration}'`);
  }
  if (now.getTime() > expiration) return policyDenied('Policy expired.');

  const covered = new Set<string>();
  const sizeRanges: { min: number; max: number }[] = [];
  for (const condition of policy.conditions) {
    if (Array.isArray(condition) && condition[0] === 'content-length-range') {
      sizeRanges.push({ min: condition[1], max: condition[2] });
      continue;
    }
    const fieldCondition = asFieldCondition(condition);
    if (!fieldCondition) continue;
    covered.add(fieldCondition.field);
    const value =
      fieldCondition.field === 'bucket' ? upload.bucket : upload.fields.get(fieldCondition.field);
    if (!holds(fieldCondition, value)) {
      return policyDenied(`Policy Condition failed: ${fieldCondition.shown}`);
    }
  }

  const extra = [...upload.fields.keys()].filter(
    (field) => !isExempt(field) && !covered.has(field),
  );
  if (extra.length > 0) return policyDenied(`Extra input fields: ${extra.join(', ')}`);

  for (const { min, max } of sizeRanges) {
    if (upload.fileSize > max) {
      return {
        status: 400,
        code: 'EntityTooLarge',
        message: 'Your proposed upload exceeds the maximum allowed size',
        details: { ProposedSize: String(upload.fileSize), MaxSizeAllowed: String(max) },
      };
    }
    if (upload.fileSize < min) {
      return {
        status: 400,
        code: 'EntityTooSmall',
        message: 'Your proposed upload is smaller than the minimum allowed size',
        details: { ProposedSize: String(upload.fileSize), MinSizeAllowed: String(min) },
      };
    }
  }
  return undefined;
}
