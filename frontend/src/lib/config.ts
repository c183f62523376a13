import type { SiteConfig } from './types.ts';

let loading: Promise<SiteConfig> | undefined;

/**
 * `/config.json` (`siteConfigSchema`, functions/schemas/api/site-config.ts), fetched once per
 * page load; every API call waits for it. Not parsed here, so the first page carries no zod:
 * the booking page, which acts on the Stripe settings, parses it (`useSiteConfig`).
 */
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
