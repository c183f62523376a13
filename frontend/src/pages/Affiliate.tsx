import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isAbort } from '../lib/api.ts';
import { recordAffiliateVisit } from '../lib/attribution.ts';
import type { AffiliatePage } from '../lib/types.ts';
import { Landing } from './Landing.tsx';
import { NotFound } from './NotFound.tsx';

/** A creator's landing page, `/<slug>`: the visit attributes a booking to them for 30 days. */
export function AffiliateLanding({ slug }: { readonly slug: string }) {
  const { t } = useTranslation('affiliate');
  const [state, setState] = useState<'loading' | 'missing' | AffiliatePage>('loading');
  useEffect(() => {
    const controller = new AbortController();
    setState('loading');
    api<AffiliatePage>(`/api/affiliates/${encodeURIComponent(slug)}`, {
      signal: controller.signal,
    }).then(
      (affiliate) => {
        recordAffiliateVisit(affiliate.slug);
        setState(affiliate);
      },
      (error: unknown) => {
        if (!isAbort(error)) setState('missing');
      },
    );
    return () => controller.abort();
  }, [slug]);
  if (state === 'missing') return <NotFound />;
  if (state === 'loading') {
    return (
      <main id="main" className="page" aria-busy="true">
        <p className="lead">{t('loading')}</p>
      </main>
    );
  }
  return <Landing intro={t('welcome', { name: state.name })} />;
}
