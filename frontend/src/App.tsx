import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { Layout } from './components/Layout.tsx';
import { captureAttribution } from './lib/attribution.ts';
import { useLocation } from './lib/router.tsx';
import { Landing } from './pages/Landing.tsx';
import { NotFound } from './pages/NotFound.tsx';

// The wizard carries the shared schema (zod, luxon, libphonenumber-js): loaded only on /book.
const Book = lazy(() => import('./pages/Book.tsx'));
// Pages the landing page does not need, each in a chunk of its own (named exports).
const AffiliateLanding = lazy(() =>
  import('./pages/Affiliate.tsx').then((page) => ({ default: page.AffiliateLanding })),
);
// The sign-up form carries the affiliate schema (zod): not loaded on a creator's landing page.
const AffiliateJoin = lazy(() =>
  import('./pages/AffiliateJoin.tsx').then((page) => ({ default: page.AffiliateJoin })),
);
const Privacy = lazy(() =>
  import('./pages/Static.tsx').then((page) => ({ default: page.Privacy })),
);
const Terms = lazy(() => import('./pages/Static.tsx').then((page) => ({ default: page.Terms })));
const Faq = lazy(() => import('./pages/Faq.tsx'));
const Contact = lazy(() => import('./pages/Contact.tsx'));
const Success = lazy(() => import('./pages/Success.tsx'));
const Manage = lazy(() => import('./pages/Manage.tsx'));
const Recording = lazy(() => import('./pages/Recording.tsx'));
const Shared = lazy(() => import('./pages/Shared.tsx'));

const callIdShape = /^[0-9A-HJKMNP-TV-Z]{26}$/;
/** A share link's token: 256 random bits in base64url (functions/core/share-links.ts). */
const shareTokenShape = /^[A-Za-z0-9_-]{43}$/;

function route(path: string): ReactNode {
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second, ...rest] = segments;
  if (!first) return <Landing />;
  if (rest.length) return <NotFound />;
  if (second === undefined) {
    switch (first) {
      case 'book':
        return <Book />;
      case 'privacy':
        return <Privacy />;
      case 'terms':
        return <Terms />;
      case 'faq':
        return <Faq />;
      case 'contact':
        return <Contact />;
      default:
        return <AffiliateLanding slug={first} />;
    }
  }
  if (first === 'affiliate' && second === 'join') return <AffiliateJoin />;
  if (first === 'shared') {
    return shareTokenShape.test(second) ? (
      <Shared key={second} token={second} />
    ) : (
      <NotFound what="share link" />
    );
  }
  if (!callIdShape.test(second)) {
    return ['success', 'manage', 'recording'].includes(first) ? (
      <NotFound what="booking" />
    ) : (
      <NotFound />
    );
  }
  switch (first) {
    case 'success':
      return <Success key={second} callId={second} />;
    case 'manage':
      return <Manage key={second} callId={second} />;
    case 'recording':
      return <Recording key={second} callId={second} />;
    default:
      return <NotFound />;
  }
}

export function App() {
  const location = useLocation();
  const [path = '/', search = ''] = location.split('?');
  useEffect(() => {
    captureAttribution(search);
  }, [search]);
  return (
    <Layout>
      <Suspense
        fallback={
          <main id="main" className="page" aria-busy="true">
            <p className="lead">Loading…</p>
          </main>
        }
      >
        {route(path)}
      </Suspense>
    </Layout>
  );
}
