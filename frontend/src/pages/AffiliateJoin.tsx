import { useEffect, useRef, useState } from 'react';
import {
  type SlugLookup,
  type SlugState,
  slugNeedsLookup,
  slugState,
} from '../../../functions/core/affiliate-slug-state.ts';
import { affiliateSignupSchema } from '../../../functions/schemas/affiliate-request.ts';
import { describedBy, Field } from '../components/Field.tsx';
import { Page } from '../components/Page.tsx';
import { ApiError, api, isAbort, messageOf } from '../lib/api.ts';
import { Link } from '../lib/router.tsx';
import type { CreatedAffiliate, SlugCheck } from '../lib/types.ts';

interface Values {
  readonly name: string;
  readonly email: string;
  readonly slug: string;
}
type TextField = 'name' | 'email';

/** The API's own messages for the name and the email (the slug has its own state). */
function textFieldErrors(values: Values): Partial<Record<TextField, string>> {
  const shape = affiliateSignupSchema.shape;
  const errors: Partial<Record<TextField, string>> = {};
  for (const field of ['name', 'email'] as const) {
    const result = shape[field].safeParse(values[field]);
    if (!result.success) errors[field] = result.error.issues[0]?.message ?? 'Check this field.';
  }
  return errors;
}

/**
 * The slug's error beside the field: a rule broken or the name taken, at once. "Too short"
 * waits until the creator leaves the field or presses Create, so it does not nag while they
 * type; "empty" until they press Create.
 */
function slugErrorOf(
  state: SlugState,
  { submitted, left }: { readonly submitted: boolean; readonly left: boolean },
): string | undefined {
  switch (state.kind) {
    case 'invalid':
    case 'taken':
      return state.message;
    case 'too_short':
      return submitted || left ? state.message : undefined;
    case 'empty':
      return submitted ? 'Choose the name of your page, e.g. jolly-jen.' : undefined;
    default:
      return undefined;
  }
}

/** The line under the slug: checking, free, or why it could not be checked. */
function slugStatusOf(state: SlugState): string {
  switch (state.kind) {
    case 'checking':
      return 'Checking…';
    case 'free':
      return `✓ callsanta.com/${state.slug} is free`;
    case 'unchecked':
      return `We could not check this name just now (${state.message}). You can still try it.`;
    default:
      return '\u00a0';
  }
}

/**
 * Creators sign up with a name, an email and the name of their page. The page name is in one
 * state at a time (`slugState`, checked as they type); the name and email are checked with the
 * API's schema after the first Create, then again on every change, so an error goes as soon as
 * its field is right.
 */
export function AffiliateJoin() {
  const [values, setValues] = useState<Values>({ name: '', email: '', slug: '' });
  const [submitted, setSubmitted] = useState(false);
  const [slugLeft, setSlugLeft] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<TextField, string>>>({});
  const [lookup, setLookup] = useState<SlugLookup>();
  const [formError, setFormError] = useState('');
  const [created, setCreated] = useState<CreatedAffiliate>();
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const wanted = values.slug.trim();
  useEffect(() => {
    if (!slugNeedsLookup(wanted)) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      api<SlugCheck>(`/api/affiliates/check-slug?slug=${encodeURIComponent(wanted)}`, {
        signal: controller.signal,
      }).then(setLookup, (error: unknown) => {
        if (!isAbort(error)) setLookup({ slug: wanted, error: messageOf(error) });
      });
    }, 300);
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [wanted]);

  const slug = slugState(values.slug, lookup);
  const checked = submitted ? textFieldErrors(values) : {};
  const errors = {
    name: serverErrors.name ?? checked.name,
    email: serverErrors.email ?? checked.email,
    slug: slugErrorOf(slug, { submitted, left: slugLeft }),
  };

  const change = (field: keyof Values, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    if (field !== 'slug' && serverErrors[field]) {
      setServerErrors(({ [field]: _fixed, ...rest }) => rest);
    }
  };

  const focusFirstError = () =>
    requestAnimationFrame(() => {
      form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    });

  async function submit() {
    setSubmitted(true);
    setFormError('');
    const blocking =
      Object.keys(textFieldErrors(values)).length > 0 ||
      slugErrorOf(slug, { submitted: true, left: true }) !== undefined;
    if (blocking) {
      focusFirstError();
      return;
    }
    setBusy(true);
    try {
      const answer = await api<CreatedAffiliate>('/api/affiliates', {
        method: 'POST',
        body: { name: values.name, email: values.email, slug: wanted },
      });
      setCreated(answer);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'slug_taken') {
        // The answer becomes the slug's state: one place says what the slug is.
        setLookup({ slug: wanted, available: false, reason: 'taken', message: error.message });
        focusFirstError();
      } else if (error instanceof ApiError && Object.keys(error.fields).length) {
        const { name, email, slug: slugMessage } = error.fields;
        setServerErrors({
          ...(name ? { name } : {}),
          ...(email ? { email } : {}),
        });
        if (slugMessage) {
          setLookup({ slug: wanted, available: false, reason: 'invalid', message: slugMessage });
        }
        focusFirstError();
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

  return (
    <Page
      title="Become a creator partner"
      heading="Become a creator partner"
      lead="Share CallSanta with your audience and earn a share of every call booked through your page."
    >
      <form
        ref={form}
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
            value={values.name}
            onChange={(event) => change('name', event.target.value)}
            {...describedBy('aff-name', errors.name)}
          />
        </Field>
        <Field id="aff-email" label="Your email" error={errors.email}>
          <input
            id="aff-email"
            type="email"
            autoComplete="email"
            value={values.email}
            onChange={(event) => change('email', event.target.value)}
            {...describedBy('aff-email', errors.email)}
          />
        </Field>
        <Field
          id="aff-slug"
          label="Your page name"
          hint="Lowercase letters, digits and hyphens, e.g. jolly-jen."
          error={errors.slug}
        >
          <div className="slug-input">
            <span aria-hidden="true">callsanta.com/</span>
            <input
              id="aff-slug"
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              value={values.slug}
              onChange={(event) => change('slug', event.target.value.toLowerCase())}
              onBlur={() => setSlugLeft(true)}
              {...describedBy('aff-slug', errors.slug, true)}
              aria-describedby={`aff-slug-hint aff-slug-check${errors.slug ? ' aff-slug-error' : ''}`}
            />
          </div>
          <p
            className={slug.kind === 'free' ? 'status status-success' : 'status'}
            id="aff-slug-check"
            role="status"
            data-slug-state={slug.kind}
          >
            {slugStatusOf(slug)}
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
