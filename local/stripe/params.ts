import { invalidRequest } from './errors.ts';
import type { FormObject, FormValue } from './form-encoding.ts';

/**
 * Reads typed parameters out of a parsed Stripe form and answers a bad one the way Stripe
 * does: a 400 naming the parameter (`metadata[bookingId]`, `automatic_payment_methods[enabled]`).
 * Everything not read is unknown, and `assertAllKnown` refuses it — Stripe rejects unknown
 * parameters too, which catches typos in handlers before they reach production.
 */
export class Params {
  private readonly read = new Set<string>();
  private readonly children: Params[] = [];

  constructor(
    private readonly values: FormObject,
    private readonly path = '',
  ) {}

  string(key: string, options: { maxLength?: number } = {}): string | undefined {
    const value = this.raw(key);
    // An empty value means "not set" in Stripe's encoding.
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') throw invalidRequest(`Invalid string: ${key}`, this.at(key));
    if (options.maxLength !== undefined && value.length > options.maxLength) {
      throw invalidRequest(
        `Invalid ${this.name(key)}: must be at most ${options.maxLength} characters`,
        this.at(key),
      );
    }
    return value;
  }

  requiredString(key: string, options: { maxLength?: number } = {}): string {
    return this.string(key, options) ?? this.missing(key);
  }

  integer(key: string): number | undefined {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(number)) {
      throw invalidRequest(`Invalid integer: ${typeof value === 'string' ? value : key}`, {
        ...this.at(key),
        code: 'parameter_invalid_integer',
      });
    }
    return number;
  }

  requiredInteger(key: string): number {
    return this.integer(key) ?? this.missing(key);
  }

  boolean(key: string): boolean | undefined {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    if (value === 'true') return true;
    if (value === 'false') return false;
    throw invalidRequest(
      `Invalid boolean: ${typeof value === 'string' ? value : key}`,
      this.at(key),
    );
  }

  requiredBoolean(key: string): boolean {
    return this.boolean(key) ?? this.missing(key);
  }

  oneOf<const T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const value = this.string(key);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      throw invalidRequest(
        `Invalid ${this.name(key)}: must be one of ${allowed.join(', ')}`,
        this.at(key),
      );
    }
    return value as T;
  }

  /** A nested hash, read with the same rules; its unknown keys are refused with the parent's. */
  object(key: string): Params | undefined {
    const value = this.raw(key);
    if (value === undefined || value === '') return undefined;
    if (typeof value === 'string' || Array.isArray(value)) {
      throw invalidRequest(`Invalid object: ${this.name(key)}`, this.at(key));
    }
    const child = new Params(value, this.name(key));
    this.children.push(child);
    return child;
  }

  /** A list of strings, sent as `key[]=a` or, as stripe-node does, `key[0]=a&key[1]=b`. */
  stringList(key: string): string[] | undefined {
    const value = this.raw(key);
    if (value === undefined || value === '') return undefined;
    if (Array.isArray(value)) return value;
    const entries = typeof value === 'string' ? undefined : indexedEntries(value);
    if (!entries?.every(([, item]) => typeof item === 'string')) {
      throw invalidRequest(`Invalid array: ${this.name(key)}`, this.at(key));
    }
    return entries.map(([, item]) => item as string);
  }

  /** Stripe metadata: ≤ 50 keys of ≤ 40 characters, string values of ≤ 500 characters. */
  metadata(key = 'metadata'): Record<string, string> | undefined {
    const value = this.raw(key);
    if (value === undefined || value === '') return undefined;
    if (typeof value === 'string' || Array.isArray(value)) {
      throw invalidRequest(`Invalid object: ${this.name(key)}`, this.at(key));
    }
    const entries = Object.entries(value);
    if (entries.length > 50) {
      throw invalidRequest('You can only specify up to 50 metadata keys.', this.at(key));
    }
    const metadata: Record<string, string> = {};
    for (const [name, item] of entries) {
      const param = `${this.name(key)}[${name}]`;
      if (typeof item !== 'string') throw invalidRequest(`Invalid string: ${param}`, { param });
      if (name.length > 40) {
        throw invalidRequest(
          `Metadata keys can have up to 40 characters, but you passed in a key that is ${name.length} characters.`,
          { param },
        );
      }
      if (item.length > 500) {
        throw invalidRequest(
          `Metadata values can have up to 500 characters, but you passed in a value that is ${item.length} characters.`,
          { param },
        );
      }
      // An empty value unsets a key in Stripe, so on a new object it is simply absent.
      if (item !== '') metadata[name] = item;
    }
    return metadata;
  }

  /**
   * A string that may be unset: undefined when absent, null when sent empty (Stripe's way of
   * unsetting an `Emptyable` field on update, e.g. `receipt_email=`), else the string.
   */
  emptyableString(key: string, options: { maxLength?: number } = {}): string | null | undefined {
    if (this.raw(key) === '') return null;
    return this.string(key, options);
  }

  /**
   * Metadata on an update, as Stripe merges it: each key sent is set, a key sent empty is
   * unset (null here), keys not sent stay; `metadata=` (empty) unsets them all ('clear').
   * The same limits as `metadata`.
   */
  metadataChanges(key = 'metadata'): Record<string, string | null> | 'clear' | undefined {
    const value = this.raw(key);
    if (value === '') return 'clear';
    if (value === undefined) return undefined;
    if (typeof value === 'string' || Array.isArray(value)) {
      throw invalidRequest(`Invalid object: ${this.name(key)}`, this.at(key));
    }
    const kept = this.metadata(key) ?? {};
    const changes: Record<string, string | null> = { ...kept };
    for (const [name, item] of Object.entries(value)) if (item === '') changes[name] = null;
    return changes;
  }

  /** Refuses every parameter (at any depth) that no reader asked for. */
  assertAllKnown(): void {
    for (const key of Object.keys(this.values)) {
      if (!this.read.has(key)) {
        throw invalidRequest(`Received unknown parameter: ${this.name(key)}`, {
          ...this.at(key),
          code: 'parameter_unknown',
        });
      }
    }
    for (const child of this.children) child.assertAllKnown();
  }

  private raw(key: string): FormValue | undefined {
    this.read.add(key);
    return Object.hasOwn(this.values, key) ? this.values[key] : undefined;
  }

  private name(key: string): string {
    return this.path ? `${this.path}[${key}]` : key;
  }

  private at(key: string): { param: string } {
    return { param: this.name(key) };
  }

  private missing(key: string): never {
    throw invalidRequest(`Missing required param: ${this.name(key)}.`, {
      ...this.at(key),
      code: 'parameter_missing',
    });
  }
}

/** The entries of `{ 0: a, 1: b }` in index order, or undefined when a key is not an index. */
function indexedEntries(value: FormObject): [number, FormValue][] | undefined {
  const entries = Object.entries(value);
  if (!entries.every(([key]) => /^\d{1,6}$/.test(key))) return undefined;
  return entries
    .map(([key, item]): [number, FormValue] => [Number(key), item])
    .sort(([a], [b]) => a - b);
}
