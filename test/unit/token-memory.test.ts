import { beforeEach, describe, expect, it } from 'vitest';
import { tokenFor, tokenRefused, tokenTaken } from '../../frontend/src/lib/tokens.ts';

/** A browser's address bar and storage, enough for `frontend/src/lib/tokens.ts`. */
function storage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

function openPage(path: string, hash = ''): void {
  const location = { pathname: path, search: '', hash };
  Object.assign(globalThis, {
    window: {
      location,
      history: {
        state: null,
        replaceState: (_state: unknown, _title: string, url: string) => {
          location.hash = url.includes('#') ? url.slice(url.indexOf('#')) : '';
        },
      },
    },
  });
}

const remembered = (callId: string) => localStorage.getItem(`callsanta.token.${callId}`);

beforeEach(() => {
  Object.assign(globalThis, { localStorage: storage(), sessionStorage: storage() });
});

describe('the token memory (frontend/src/lib/tokens.ts)', () => {
  it('remembers a token from a link only once the API took it, per booking', () => {
    openPage('/manage/A', '#token=good-a');
    expect(tokenFor('A')).toBe('good-a');
    expect(remembered('A')).toBeNull();
    tokenTaken('A', 'good-a');
    expect(remembered('A')).toBe('good-a');
    expect(remembered('B')).toBeNull();

    // A bare address for A finds it and puts it back in the address bar; B's finds none.
    openPage('/success/A');
    expect(tokenFor('A')).toBe('good-a');
    expect(window.location.hash).toBe('#token=good-a');
    openPage('/success/B');
    expect(tokenFor('B')).toBeUndefined();
  });

  it('a cut-off link does not replace the remembered token: refused, the remembered one is tried', () => {
    openPage('/manage/A', '#token=good-a');
    tokenTaken('A', tokenFor('A') ?? '');
    openPage('/manage/A', '#token=good');

    const first = tokenFor('A');
    const instead = tokenRefused('A', first ?? '');

    expect(first).toBe('good');
    expect(instead).toBe('good-a');
    expect(window.location.hash).toBe('#token=good-a');
    expect(remembered('A')).toBe('good-a');
  });

  it('forgets a refused token it remembered, and then has nothing to try', () => {
    openPage('/manage/A', '#token=old');
    tokenTaken('A', 'old');
    openPage('/success/A');

    expect(tokenRefused('A', tokenFor('A') ?? '')).toBeUndefined();
    expect(remembered('A')).toBeNull();
    openPage('/success/A');
    expect(tokenFor('A')).toBeUndefined();
  });
});
