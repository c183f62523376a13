import { useEffect, useState } from 'react';
import type { SiteConfig } from '../../../functions/schemas/api/site-config.ts';
import { siteConfig } from './config.ts';

type CallRules = NonNullable<SiteConfig['callRules']>;

/**
 * `config.json`'s `callRules` (the stage's calling hours and retries), or undefined until it is
 * read, when it is missing or not the expected shape — the pages then state the defaults. Read
 * without `siteConfigSchema` on purpose: the landing page must not carry zod in its first load
 * (`npm run bench:site-size`); the check is the schema's, field by field.
 */
export function useCallRules(): CallRules | undefined {
  const [rules, setRules] = useState<CallRules>();
  useEffect(() => {
    let live = true;
    siteConfig().then(
      (config) => live && setRules(callRulesOf(config.callRules)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return rules;
}

/** The rules when every field has its type (`siteConfigSchema.callRules`), else undefined. */
export function callRulesOf(value: unknown): CallRules | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const rules = value as Record<keyof CallRules, unknown>;
  const texts = [rules.callingHoursStart, rules.callingHoursEnd];
  const numbers = [rules.callRingSeconds, rules.callRetryWaitSeconds, rules.callMaxRetries];
  return texts.every((text) => typeof text === 'string') &&
    numbers.every((number) => typeof number === 'number' && Number.isFinite(number))
    ? (value as CallRules)
    : undefined;
}
