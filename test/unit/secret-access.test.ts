import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SecretName } from '../../functions/config/secret-schemas.ts';
import { scheduledFunctions } from '../../functions/operations/operation-functions.ts';
import { routes } from '../../functions/routes.ts';
import { workflowTaskFunctions } from '../../functions/workflow/task-functions.ts';

const functionsDir = fileURLToPath(new URL('../../functions/', import.meta.url));

/** Every module a handler loads at run time (relative imports, type-only imports left out). */
function modulesOf(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const source = readFileSync(file, 'utf8');
  for (const match of source.matchAll(/^(import|export)\s([^;]*?)from\s+'(\.[^']+)'/gms)) {
    if (match[2]?.startsWith('type ')) continue;
    const imported = resolve(dirname(file), match[3] ?? '');
    if (existsSync(imported)) modulesOf(imported, seen);
  }
  return seen;
}

/** The secrets a handler's code can read: each `readSecret('<name>')` in a module it loads. */
function secretsRead(entry: string): SecretName[] {
  const names = new Set<SecretName>();
  for (const file of modulesOf(`${functionsDir}${entry}`)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/readSecret\('([a-z-]+)'\)/g)) {
      names.add(match[1] as SecretName);
    }
  }
  return [...names].sort();
}

const definitions = [
  ...routes.map((route) => route.function),
  ...workflowTaskFunctions,
  ...scheduledFunctions,
];

describe('each function is given exactly the secrets its code reads', () => {
  it.each(definitions.map((definition) => [definition.name, definition] as const))(
    '%s',
    (_, definition) => {
      // GetHealth reads every secret it is given (configuredSecrets), to check each.
      const expected =
        definition.name === 'GetHealth'
          ? ['access-token', 'elevenlabs', 'remotion', 'stripe']
          : secretsRead(definition.entry);

      expect([...(definition.access.secrets ?? [])].sort()).toEqual(expected);
    },
  );

  it('finds the readers it should (the scan is not blind)', () => {
    expect(secretsRead('webhooks/stripe-webhook.ts')).toEqual(['access-token', 'stripe']);
    expect(secretsRead('bookings/get-booking.ts')).toEqual(['access-token']);
  });
});
