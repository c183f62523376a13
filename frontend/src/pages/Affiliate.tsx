import { useEffect, useRef, useState } from 'react';
import { describedBy, Field } from '../components/Field.tsx';
import { Page } from '../components/Page.tsx';
import { ApiError, api, isAbort, messageOf } from '../lib/api.ts';
import { recordAffiliateVisit } from '../lib/attribution.ts';
import { Link } from '../lib/router.tsx';
import type { AffiliatePage, CreatedAffiliate, SlugCheck } from '../lib/types.ts';
import { Landing } from './Landing.tsx';
import { NotFound } from './NotFound.tsx';

/** A creator's landing page, `/<slug>`: the visit attributes a booking to them for 30 days. */
export function AffiliateLanding({ slug }: { readonly slug: string }) {
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
        <p className="lead">Loading…</p>
      </main>
    );
  }
  return <Landing intro={`${state.name} sent you — welcome! Here's how it works.`} />;
}

type SlugState =
  | { readonly state: 'idle' | 'checking' }
  | { readonly state: 'free'; readonly slug: string }
  | { readonly state: 'problem'; readonly message: string };

/** Creators sign up with a name, an email and the name of their page, checked as they type. */
export function AffiliateJoin() {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [slug, setSlug] = useState('');
  const [check, setCheck] = useState<SlugState>({ state: 'idle' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState('');
  const [created, setCreated] = useState<CreatedAffiliate>();
  const [busy, setBusy] = useState(false);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    window.clearTimeout(timer.current);
    const wanted = slug.trim();
    if (!wanted) {
      setCheck({ state: 'idle' });
      return;
    }
    setCheck({ state: 'checking' });
    const controller = new AbortController();
    timer.current = window.setTimeout(() => {
      api<SlugCheck>(`/api/affiliates/check-slug?slug=${encodeURIComponent(wanted)}`, {
        signal: controller.signal,
      }).then(
        (answer) =>
          setCheck(
            answer.available
              ? { state: 'free', slug: wanted }
              : { state: 'problem', message: answer.message },
          ),
        (error: unknown) => {
          if (!isAbort(error)) setCheck({ state: 'problem', message: messageOf(error) });
        },
      );
    }, 300);
    return () => {
      controller.abort();
      window.clearTimeout(timer.current);
    };
  }, [slug]);

  async function submit() {
    setBusy(true);
    setErrors({});
    setFormError('');
    try {
      const answer = await api<CreatedAffiliate>('/api/affiliates', {
        method: 'POST',
        body: { name, email, slug: slug.trim() },
      });
      setCreated(answer);
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fields).length) {
        setErrors({ ...error.fields });
      } else if (error instanceof ApiError && error.code === 'slug_taken') {
        setErrors({ slug: error.message });
      } else {
        setFormError(messageOf(error));
      }
    } finally {
      setBusy(false);
    }
  }

  if (created) {
    const link = `${window.location.origin}/${created.slug}`;
    return (
      <Page title="You're in" heading="Your page is live!">
        <p className="lead">
          Share <a href={`/${created.slug}`}>{link}</a>. Every call booked within 30 days of a visit
          earns you {created.payoutPercent}%.
        </p>
        <p>
          You can also add <code>?aff={created.slug}</code> to any CallSanta link.
        </p>
      </Page>
    );
  }

  const slugError = errors.slug ?? (check.state === 'problem' ? check.message : undefined);
  return (
    <Page
      title="Become a creator partner"
      heading="Become a creator partner"
      lead="Share CallSanta with your audience and earn a share of every call booked through your page."
    >
      <form
        className="card"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Field id="aff-name" label="Your name (shown on your page)" error={errors.name}>
          <input
            id="aff-name"
            autoComplete="name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            {...describedBy('aff-name', errors.name)}
          />
        </Field>
        <Field id="aff-email" label="Your email" error={errors.email}>
          <input
            id="aff-email"
            type="email"
            autoComplete="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            {...describedBy('aff-email', errors.email)}
          />
        </Field>
        <Field
          id="aff-slug"
          label="Your page name"
          hint="Lowercase letters, digits and hyphens, e.g. jolly-jen."
          error={slugError}
        >
          <div className="slug-input">
            <span aria-hidden="true">callsanta.com/</span>
            <input
              id="aff-slug"
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              value={slug}
              onChange={(event) => setSlug(event.target.value.toLowerCase())}
              {...describedBy('aff-slug', slugError, true)}
              aria-describedby={`aff-slug-hint aff-slug-check${slugError ? ' aff-slug-error' : ''}`}
            />
          </div>
          <p className="status status-success" id="aff-slug-check" role="status">
            {check.state === 'checking'
              ? 'Checking…'
              : check.state === 'free'
                ? `✓ callsanta.com/${check.slug} is free`
                : '\u00a0'}
          </p>
        </Field>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create my page'}
        </button>
        <p className="status status-error" role="status">
          {formError || '\u00a0'}
        </p>
      </form>
      <p>
        <Link to="/">Back to the home page</Link>
      </p>
    </Page>
  );
}
