import { type FormEvent, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import {
  type ContactReceipt,
  contactMessageLimits,
  contactRequestSchema,
} from '../../../functions/schemas/contact-request.ts';
import { describedBy, Field } from '../components/Field.tsx';
import { Page } from '../components/Page.tsx';
import { ApiError, api, messageOf } from '../lib/api.ts';
import { translateMessage } from '../lib/i18n.ts';
import { Link } from '../lib/router.tsx';

type FieldName = 'name' | 'email' | 'bookingId' | 'message';
type Errors = Partial<Record<FieldName, string>>;
type State =
  | { readonly kind: 'editing' }
  | { readonly kind: 'sending' }
  | { readonly kind: 'sent' }
  | { readonly kind: 'failed'; readonly message: string };

const fieldOrder: readonly FieldName[] = ['name', 'email', 'bookingId', 'message'];

/**
 * The contact form: checked with the API's own schema before it is sent (the same messages
 * either way), then `POST /api/contact`. `website` is the honeypot — out of sight and out of
 * the tab order, hidden from assistive technology — that bots fill in.
 */
export default function Contact() {
  const { t } = useTranslation('contact');
  // The schema's messages in the site's language where translated (validation namespace).
  useTranslation('validation');
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [state, setState] = useState<State>({ kind: 'editing' });
  const [length, setLength] = useState(0);
  const statusRef = useRef<HTMLParagraphElement>(null);

  const focusFirstError = (found: Errors) => {
    const first = fieldOrder.find((name) => found[name]);
    if (first) form.current?.querySelector<HTMLElement>(`#contact-${first}`)?.focus();
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (state.kind === 'sending') return;
    const data = new FormData(event.currentTarget);
    const raw = Object.fromEntries(
      ['name', 'email', 'bookingId', 'message', 'website'].map((key) => [
        key,
        String(data.get(key) ?? ''),
      ]),
    );
    const parsed = contactRequestSchema.safeParse(raw);
    if (!parsed.success) {
      const found: Errors = {};
      for (const issue of parsed.error.issues) {
        const name = issue.path[0] as FieldName;
        found[name] ??= translateMessage(issue.message);
      }
      setErrors(found);
      setState({ kind: 'editing' });
      focusFirstError(found);
      return;
    }
    setErrors({});
    setState({ kind: 'sending' });
    try {
      await api<ContactReceipt>('/api/contact', { method: 'POST', body: raw });
      setState({ kind: 'sent' });
      form.current?.reset();
      setLength(0);
      requestAnimationFrame(() => statusRef.current?.focus());
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fields).length) {
        const found = Object.fromEntries(
          Object.entries(error.fields).map(([field, message]) => [
            field,
            translateMessage(message),
          ]),
        ) as Errors;
        setErrors(found);
        focusFirstError(found);
      }
      setState({ kind: 'failed', message: translateMessage(messageOf(error)) });
    }
  };

  const clearError = (name: FieldName) => {
    if (errors[name]) setErrors(({ [name]: _gone, ...rest }) => rest);
  };

  return (
    <Page title={t('title')} heading={t('title')} lead={t('lead')} className="contact">
      <div className="contact-layout">
        <form ref={form} className="card contact-form" onSubmit={submit} noValidate>
          <Field id="contact-name" label={t('name')} optional error={errors.name}>
            <input
              id="contact-name"
              name="name"
              autoComplete="name"
              maxLength={80}
              onInput={() => clearError('name')}
              {...describedBy('contact-name', errors.name)}
            />
          </Field>
          <Field id="contact-email" label={t('email')} hint={t('emailHint')} error={errors.email}>
            <input
              id="contact-email"
              name="email"
              type="email"
              autoComplete="email"
              required
              onInput={() => clearError('email')}
              {...describedBy('contact-email', errors.email, true)}
            />
          </Field>
          <Field
            id="contact-bookingId"
            label={t('booking')}
            optional
            hint={t('bookingHint')}
            error={errors.bookingId}
          >
            <input
              id="contact-bookingId"
              name="bookingId"
              autoComplete="off"
              spellCheck={false}
              maxLength={40}
              onInput={() => clearError('bookingId')}
              {...describedBy('contact-bookingId', errors.bookingId, true)}
            />
          </Field>
          <Field
            id="contact-message"
            label={t('message')}
            hint={t('messageHint', {
              min: contactMessageLimits.min,
              max: contactMessageLimits.max,
            })}
            error={errors.message}
          >
            <textarea
              id="contact-message"
              name="message"
              rows={7}
              required
              maxLength={contactMessageLimits.max}
              onInput={(event) => {
                setLength(event.currentTarget.value.length);
                clearError('message');
              }}
              {...describedBy('contact-message', errors.message, true)}
            />
            <p className="counter" aria-hidden="true">
              {length} / {contactMessageLimits.max}
            </p>
          </Field>
          <div className="honeypot" aria-hidden="true">
            <label htmlFor="contact-website">{t('honeypot')}</label>
            <input id="contact-website" name="website" tabIndex={-1} autoComplete="off" />
          </div>
          <p
            ref={statusRef}
            tabIndex={-1}
            role="status"
            className={
              state.kind === 'failed'
                ? 'status status-error'
                : state.kind === 'sent'
                  ? 'status status-success'
                  : 'status'
            }
          >
            {state.kind === 'sending'
              ? t('sending')
              : state.kind === 'sent'
                ? t('sent')
                : state.kind === 'failed'
                  ? state.message
                  : null}
          </p>
          <button
            type="submit"
            className="button button-primary"
            disabled={state.kind === 'sending'}
          >
            {t('send')}
          </button>
        </form>
        <aside className="card contact-aside" aria-labelledby="contact-first">
          <h2 id="contact-first">{t('before.heading')}</h2>
          <ul>
            <li>
              <Trans t={t} i18nKey="before.manage" components={{ strong: <strong /> }} />
            </li>
            <li>
              <Trans t={t} i18nKey="before.faq" components={{ faq: <Link to="/faq" /> }} />
            </li>
            <li>{t('before.cards')}</li>
          </ul>
        </aside>
      </div>
    </Page>
  );
}
