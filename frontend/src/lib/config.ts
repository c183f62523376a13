import { useEffect, useState } from 'react';

/** The runtime configuration written next to the site at deploy (`/config.json`). */
export interface SiteConfig {
  readonly apiBaseUrl: string;
  readonly stripePublishableKey: string;
  readonly stripeMode: 'emulator' | 'stripe';
  readonly stripeEmulatorUrl?: string;
}

let loading: Promise<SiteConfig> | undefined;

/** Fetched once per page load; every API call waits for it. */
export function siteConfig(): Promise<SiteConfig> {
  loading ??= fetch('/config.json', { cache: 'no-store' }).then(async (response) => {
    if (!response.ok) throw new Error('The site configuration could not be loaded.');
    return (await response.json()) as SiteConfig;
  });
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

/** The runtime config, once loaded (undefined until then, or when it failed). */
export function useSiteConfig(): { config?: SiteConfig; failed: boolean } {
  const [config, setConfig] = useState<SiteConfig>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    siteConfig().then(
      (value) => live && setConfig(value),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);
  return { config, failed };
}
