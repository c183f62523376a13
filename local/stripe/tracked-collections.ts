/**
 * A Map and a Set that remember which keys changed since the last `takeChanged()`, so the
 * Stripe store can save only those (see `store.ts`).
 *
 * A key counts as changed when it is set, deleted, or read with `get`: the emulator changes
 * objects in place after reading them (`intent.status = 'succeeded'`), so every object handed
 * out by `get` is saved with the next commit. That over-counts reads, never misses a write
 * made through the map — as long as an object is changed in place only between its `get` and
 * the next save (the ledger's methods are synchronous, so they are). Iterating (`values()`,
 * `entries()`) marks nothing: code that changes an object it found by iterating, or kept from
 * an earlier request, must `set` it again.
 */
export class TrackedMap<K, V> extends Map<K, V> {
  private changed = new Set<K>();

  /** `entries` are loaded as they are, not counted as changes. */
  constructor(entries: Iterable<readonly [K, V]> = []) {
    super();
    for (const [key, value] of entries) super.set(key, value);
  }

  override get(key: K): V | undefined {
    const value = super.get(key);
    if (value !== undefined) this.changed.add(key);
    return value;
  }

  override set(key: K, value: V): this {
    this.changed.add(key);
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    this.changed.add(key);
    return super.delete(key);
  }

  override clear(): void {
    for (const key of this.keys()) this.changed.add(key);
    super.clear();
  }

  /** The keys changed since the last call, each once; the list starts afresh. */
  takeChanged(): K[] {
    const keys = [...this.changed];
    this.changed = new Set();
    return keys;
  }
}

/** A Set that remembers which values were added or deleted since the last `takeChanged()`. */
export class TrackedSet<T> extends Set<T> {
  private changed = new Set<T>();

  /** `values` are loaded as they are, not counted as changes. */
  constructor(values: Iterable<T> = []) {
    super();
    for (const value of values) super.add(value);
  }

  override add(value: T): this {
    this.changed.add(value);
    return super.add(value);
  }

  override delete(value: T): boolean {
    this.changed.add(value);
    return super.delete(value);
  }

  override clear(): void {
    for (const value of this.values()) this.changed.add(value);
    super.clear();
  }

  takeChanged(): T[] {
    const values = [...this.changed];
    this.changed = new Set();
    return values;
  }
}
