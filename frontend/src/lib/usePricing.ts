import { useEffect, useState } from 'react';
import { api } from './api.ts';
import type { Pricing } from './types.ts';

let cached: Promise<Pricing> | undefined;

/** GET /api/pricing, once per page load. */
export function loadPricing(): Promise<Pricing> {
  cached ??= api<Pricing>('/api/pricing');
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}

export function usePricing(): { pricing?: Pricing; failed: boolean } {
  const [pricing, setPricing] = useState<Pricing>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    loadPricing().then(
      (value) => live && setPricing(value),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);
  return { pricing, failed };
}
