import { useEffect, useState } from 'react';
import { type SiteConfig, siteConfigSchema } from '../../../functions/schemas/api/site-config.ts';
import { siteConfig } from './config.ts';

/**
 * The runtime config, parsed with its schema once loaded: undefined until then; `failed` when
 * it could not be loaded or is not what the schema says.
 */
export function useSiteConfig(): { config?: SiteConfig; failed: boolean } {
  const [config, setConfig] = useState<SiteConfig>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    siteConfig()
      .then((value) => siteConfigSchema.parse(value))
      .then(
        (value) => live && setConfig(value),
        () => live && setFailed(true),
      );
    return () => {
      live = false;
    };
  }, []);
  return { config, failed };
}
