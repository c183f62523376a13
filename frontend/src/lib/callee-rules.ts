import { useEffect, useState } from 'react';

/**
 * The API's own rules for the number Santa calls (functions/core/phone-numbers.ts: the full
 * phone metadata and the countries' time zones), in a chunk of its own: ~190 kB (~50 KiB
 * gzipped) the wizard can start without, fetched only once the number is asked for. Until it
 * arrives the booking schema's lighter check stands, and the API judges again either way.
 */
export type CalleeRules = typeof import('../../../functions/core/phone-numbers.ts');

let loading: Promise<CalleeRules> | undefined;

/**
 * The rules once loaded; undefined meanwhile, or if the chunk could not be fetched. The chunk
 * is fetched once `wanted` is true (the step with the number is reached, or a number was
 * given): before that there is no number to judge, so the rules would change nothing.
 */
export function useCalleeRules(wanted: boolean): CalleeRules | undefined {
  const [rules, setRules] = useState<CalleeRules>();
  useEffect(() => {
    if (!wanted) return;
    let current = true;
    loading ??= import('../../../functions/core/phone-numbers.ts');
    loading.then(
      (loaded) => {
        if (current) setRules(loaded);
      },
      () => {
        // Offline or a new deploy: try again on the next page that asks.
        loading = undefined;
      },
    );
    return () => {
      current = false;
    };
  }, [wanted]);
  return rules;
}

/**
 * The zone to switch to for a number, or undefined to keep the chosen one: the country's zone
 * when it has one (or the name the country uses for the chosen zone), and for a country with
 * several, the visitor's own zone when it is one of them. Otherwise the chosen zone stays and
 * the mismatch is shown beside the zone picker, which offers the country's zones.
 */
export function zoneForNumber(
  rules: CalleeRules,
  e164: string,
  chosen: string,
  visitorZone: string,
): string | undefined {
  if (!e164) return undefined;
  const callee = rules.calleeTimezone(e164, chosen);
  if ('zone' in callee) return callee.zone === chosen ? undefined : callee.zone;
  if (callee.zones.length === 1) return callee.zones[0];
  const visitor = rules.calleeTimezone(e164, visitorZone);
  return 'zone' in visitor ? visitor.zone : undefined;
}
