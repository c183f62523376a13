import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { languageCodes } from '../../functions/core/languages.ts';

/**
 * Every language has every English message file, with the same keys and the same
 * `{{variables}}` in each message: a missing translation or a renamed variable fails here, not
 * in a parent's inbox.
 */
const messagesDir = new URL('../../functions/i18n/messages/', import.meta.url);

type Messages = { readonly [key: string]: string | Messages };

function read(language: string, file: string): Messages {
  return JSON.parse(readFileSync(new URL(`${language}/${file}`, messagesDir), 'utf8')) as Messages;
}

/** `key.path` → message, plural suffixes (_one, _other, …) folded into the key they belong to. */
function flatten(messages: Messages, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [inner, text] of flatten(value, path)) out.set(inner, text);
  }
  return out;
}

const pluralSuffix = /_(zero|one|two|few|many|other)$/;

function keysOf(messages: Map<string, string>): string[] {
  return [...new Set([...messages.keys()].map((key) => key.replace(pluralSuffix, '')))].sort();
}

function variablesOf(messages: Map<string, string>): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const [key, text] of messages) {
    const base = key.replace(pluralSuffix, '');
    const names = out.get(base) ?? new Set<string>();
    for (const match of text.matchAll(/\{\{\s*([\w.]+)/g)) names.add(match[1] ?? '');
    out.set(base, names);
  }
  return new Map([...out].map(([key, names]) => [key, [...names].sort()]));
}

const englishFiles = readdirSync(new URL('en/', messagesDir)).filter((f) => f.endsWith('.json'));

describe('translations', () => {
  it('has English message files', () => {
    expect(englishFiles).toContain('common.json');
  });

  for (const language of languageCodes.filter((code) => code !== 'en')) {
    it(`${language} has every English file`, () => {
      const files = readdirSync(new URL(`${language}/`, messagesDir));
      expect(englishFiles.filter((file) => !files.includes(file))).toEqual([]);
    });

    for (const file of englishFiles) {
      it(`${language}/${file} has the same keys and variables as English`, () => {
        const english = flatten(read('en', file));
        const translated = flatten(read(language, file));
        expect(keysOf(translated)).toEqual(keysOf(english));
        const englishVariables = variablesOf(english);
        for (const [key, names] of variablesOf(translated)) {
          expect(names, `${language}/${file}: ${key}`).toEqual(englishVariables.get(key));
        }
      });
    }
  }
});
