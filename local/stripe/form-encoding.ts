import { invalidRequest } from './errors.ts';

export type FormValue = string | string[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

const keyPattern = /^([^[\]]+)((?:\[[^[\]]*\])*)$/;
const maxDepth = 8;

/**
 * Parses Stripe's bracket encoding (`metadata[bookingId]=b1&expand[]=latest_charge`) into
 * nested values. `[n]` makes an object keyed by index (stripe-node sends lists that way) and a
 * final `[]` appends to a list; the reader that knows a field decides whether it is a list (see
 * `Params.stringList`). Objects have no prototype, so a key like `__proto__` is plain data.
 */
export function parseStripeForm(encoded: string): FormObject {
  const root = emptyObject();
  for (const [key, value] of new URLSearchParams(encoded)) {
    const match = keyPattern.exec(key);
    if (!match?.[1]) throw invalidRequest(`Invalid parameter name: ${key}`);
    const brackets = [...(match[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? '');
    const path = [match[1], ...brackets];
    if (path.length > maxDepth) throw invalidRequest(`Parameter ${key} is nested too deeply.`);
    assign(root, path, value, key);
  }
  return root;
}

function assign(root: FormObject, path: readonly string[], value: string, key: string): void {
  // `[]` appends to a list of values; it may only come last.
  const appends = path.at(-1) === '';
  const keys = appends ? path.slice(0, -1) : path;
  const leaf = keys.at(-1);
  if (leaf === undefined || keys.includes(''))
    throw invalidRequest(`Invalid parameter name: ${key}`);
  let container = root;
  for (const segment of keys.slice(0, -1)) {
    const existing = Object.hasOwn(container, segment) ? container[segment] : undefined;
    if (existing === undefined) {
      const child = emptyObject();
      container[segment] = child;
      container = child;
    } else if (typeof existing === 'object' && !Array.isArray(existing)) {
      container = existing;
    } else {
      throw invalidRequest(`Invalid parameter: ${key} mixes a value and a hash.`);
    }
  }
  const existing = Object.hasOwn(container, leaf) ? container[leaf] : undefined;
  if (appends) {
    if (existing === undefined) container[leaf] = [value];
    else if (Array.isArray(existing)) existing.push(value);
    else throw invalidRequest(`Invalid parameter: ${key} mixes a list and a value or hash.`);
    return;
  }
  if (existing !== undefined && typeof existing !== 'string') {
    throw invalidRequest(`Invalid parameter: ${key} mixes a value and a hash.`);
  }
  // A repeated key: the last value wins, as in Stripe's own parser.
  container[leaf] = value;
}

function emptyObject(): FormObject {
  return Object.create(null) as FormObject;
}
