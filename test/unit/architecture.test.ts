import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The rule for where code goes (docs/architecture.md), checked on every import in functions/:
 * entry points depend on services, data, adapters and the core — never the reverse, and never
 * on each other; the core depends on nothing but itself.
 */
const functionsDir = fileURLToPath(new URL('../../functions/', import.meta.url));

type Layer =
  | 'entry'
  | 'services'
  | 'email'
  | 'data'
  | 'adapters'
  | 'config'
  | 'schemas'
  | 'core'
  | 'shared'
  | 'agent'
  | 'messages'
  | 'tables';

/** Which layer each folder (or top-level file) of functions/ is. */
const layerOf: Readonly<Record<string, Layer>> = {
  bookings: 'entry',
  affiliates: 'entry',
  health: 'entry',
  'voice-notes': 'entry',
  webhooks: 'entry',
  workflow: 'entry',
  operations: 'entry',
  'api-docs': 'entry',
  contact: 'entry',
  services: 'services',
  email: 'email',
  data: 'data',
  adapters: 'adapters',
  config: 'config',
  schemas: 'schemas',
  core: 'core',
  shared: 'shared',
  agent: 'agent',
  // Translations (JSON, one file per language and namespace), read by the site, emails and agent.
  i18n: 'messages',
  // The function tables (routes, workflow tasks, timers), the access vocabulary and memory sizes.
  'routes.ts': 'tables',
  'resources.ts': 'tables',
  'function-definition.ts': 'tables',
  'function-memory.ts': 'tables',
};

/** What each layer may import, besides itself. */
const mayImport: Readonly<Record<Layer, readonly Layer[]>> = {
  entry: [
    'services',
    'email',
    'data',
    'adapters',
    'config',
    'schemas',
    'core',
    'shared',
    'tables',
    'agent',
    'messages',
  ],
  services: ['email', 'data', 'adapters', 'config', 'schemas', 'core', 'shared', 'messages'],
  email: ['schemas', 'core', 'adapters', 'data', 'config', 'shared', 'messages'],
  data: ['core', 'config', 'schemas', 'tables'],
  adapters: ['core', 'config', 'schemas', 'shared', 'agent', 'tables'],
  agent: ['core', 'config', 'schemas', 'messages'],
  config: ['core', 'schemas', 'tables'],
  schemas: ['core'],
  core: [],
  shared: ['core', 'schemas'],
  tables: ['core', 'config'],
  messages: [],
};

/** Packages the core may use: pure computation, no I/O, no provider SDKs. */
const corePackages = [
  'zod',
  'luxon',
  'libphonenumber-js',
  'countries-and-timezones',
  // iCalendar text (core/calendar-file.ts): string building, no I/O.
  'ics',
  'node:crypto',
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

function layerOfFile(file: string): Layer | undefined {
  const [first] = relative(functionsDir, file).split('/');
  return first ? layerOf[first] : undefined;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map(
    (match) => match[1] ?? '',
  );
}

const files = sourceFiles(functionsDir);

describe('where code goes in functions/', () => {
  it('puts every file in a known layer', () => {
    expect(files.filter((file) => layerOfFile(file) === undefined)).toEqual([]);
  });

  it('lets each layer import only the layers below it', () => {
    const breaches: string[] = [];
    for (const file of files) {
      const from = layerOfFile(file);
      if (!from) continue;
      for (const specifier of importsOf(file).filter((s) => s.startsWith('.'))) {
        const target = resolve(dirname(file), specifier);
        const to = layerOfFile(target);
        if (!to || to === from) {
          // Entry points of one folder may share helpers; across folders they may not.
          const sameFolder =
            relative(functionsDir, target).split('/')[0] ===
            relative(functionsDir, file).split('/')[0];
          if (to === 'entry' && !sameFolder) {
            breaches.push(`${relative(functionsDir, file)} → ${relative(functionsDir, target)}`);
          }
          continue;
        }
        if (!mayImport[from].includes(to)) {
          breaches.push(
            `${relative(functionsDir, file)} (${from}) → ${relative(functionsDir, target)} (${to})`,
          );
        }
      }
    }
    expect(breaches).toEqual([]);
  });

  it('keeps the core pure: no SDK, no I/O', () => {
    const impure = files
      .filter((file) => layerOfFile(file) === 'core')
      .flatMap((file) =>
        importsOf(file)
          .filter((s) => !s.startsWith('.'))
          .filter((s) => !corePackages.some((p) => s === p || s.startsWith(`${p}/`)))
          .map((s) => `${relative(functionsDir, file)} → ${s}`),
      );
    expect(impure).toEqual([]);
  });

  it('writes the table only through the data layer: no entity outside functions/data/', () => {
    const outside = files
      .filter((file) => layerOfFile(file) !== 'data')
      .filter((file) =>
        importsOf(file).some((s) => s.startsWith('.') && s.endsWith('/data/entities.ts')),
      )
      .map((file) => relative(functionsDir, file));
    expect(outside).toEqual([]);
  });
});
