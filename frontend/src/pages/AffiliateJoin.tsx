import type { TFunction } from 'i18next';
import { useEffect, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
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

/**
 * The name's and the email's errors by the API's own schema (the slug has its own state), in
 * the site's language: the schema's issue says which rule failed, the words are ours.
 */
function textFieldErrors(
  values: Values,
  t: TFunction<'affiliate'>,
): Partial<Record<TextField, string>> {
  const shape = affiliateSignupSchema.shape;
  const errors: Partial<Record<TextField, string>> = {};
  for (const field of ['name', 'email'] as const) {
    const result = shape[field].safeParse(values[field]);
    if (result.success) continue;
    const code = result.error.issues[0]?.code;
    errors[field] =
      field === 'email'
        ? t('errors.email')
        : code === 'too_big'
          ? t('errors.nameTooLong', { max: 80 })
          : code === 'invalid_format'
            ? t('errors.nameCharacters')
            : t('errors.name');
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
  t: TFunction<'affiliate'>,
): string | undefined {
  switch (state.kind) {
    case 'invalid':
    case 'taken':
      return state.message;
    case 'too_short':
      return submitted || left ? state.message : undefined;
    case 'empty':
      return submitted ? t('errors.slugEmpty') : undefined;
    default:
      return undefined;
  }
}

/** The line under the slug: checking, free, or why it could not be checked. */
function slugStatusOf(state: SlugState, t: TFunction<'affiliate'>): string {
  switch (state.kind) {
    case 'checking':
      return t('slug.checking');
    case 'free':
      return t('slug.free', { slug: state.slug });
    case 'unchecked':
      return t('slug.unchecked', { reason: state.message });
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
  const { t } = useTranslation('affiliate');
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
  const checked = submitted ? textFieldErrors(values, t) : {};
  const errors = {
    name: serverErrors.name ?? checked.name,
    email: serverErrors.email ?? checked.email,
    slug: slugErrorOf(slug, { submitted, left: slugLeft }, t),
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
      Object.keys(textFieldErrors(values, t)).length > 0 ||
      slugErrorOf(slug, { submitted: true, left: true }, t) !== undefined;
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
      <Page title={t('created.title')} heading={t('created.heading')}>
        <p className="lead">
          <Trans
            t={t}
            i18nKey="created.share"
            values={{ link, percent: created.payoutPercent }}
            components={{ page: <a href={`/${created.slug}`}>{link}</a> }}
          />
        </p>
        <p>
          <Trans
            t={t}
            i18nKey="created.parameter"
            values={{ parameter: `?aff=${created.slug}` }}
            components={{ code: <code /> }}
          />
        </p>
      </Page>
    );
  }

  return (
    <Page title={t('join.title')} heading={t('join.title')} lead={t('join.lead')}>
      <form
        ref={form}
        className="card"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Field id="aff-name" label={t('join.name')} error={errors.name}>
          <input
            id="aff-name"
            autoComplete="name"
            value={values.name}
            onChange={(event) => change('name', event.target.value)}
            {...describedBy('aff-name', errors.name)}
          />
        </Field>
        <Field id="aff-email" label={t('join.email')} error={errors.email}>
          <input
            id="aff-email"
            type="email"
            autoComplete="email"
            value={values.email}
            onChange={(event) => change('email', event.target.value)}
            {...describedBy('aff-email', errors.email)}
          />
        </Field>
        <Field id="aff-slug" label={t('join.slug')} hint={t('join.slugHint')} error={errors.slug}>
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
            {slugStatusOf(slug, t)}
          </p>
        </Field>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('join.creating') : t('join.create')}
        </button>
        <p className="status status-error" role="status">
          {formError || '\u00a0'}
        </p>
      </form>
      <p>
        <Link to="/">{t('join.home')}</Link>
      </p>
    </Page>
  );
}
