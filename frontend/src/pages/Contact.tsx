import { type FormEvent, useRef, useState } from 'react';
import {
  type ContactReceipt,
  contactMessageLimits,
  contactRequestSchema,
} from '../../../functions/schemas/contact-request.ts';
import { describedBy, Field } from '../components/Field.tsx';
import { Page } from '../components/Page.tsx';
import { ApiError, api, messageOf } from '../lib/api.ts';
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
        found[name] ??= issue.message;
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
        const found = error.fields as Errors;
        setErrors(found);
        focusFirstError(found);
      }
      setState({ kind: 'failed', message: messageOf(error) });
    }
  };

  const clearError = (name: FieldName) => {
    if (errors[name]) setErrors(({ [name]: _gone, ...rest }) => rest);
  };

  return (
    <Page
      title="Contact us"
      heading="Contact us"
      lead="A question about a booking, a call that did not go as planned, or anything else — write to us and we will answer by email."
      className="contact"
    >
      <div className="contact-layout">
        <form ref={form} className="card contact-form" onSubmit={submit} noValidate>
          <Field id="contact-name" label="Your name" optional error={errors.name}>
            <input
              id="contact-name"
              name="name"
              autoComplete="name"
              maxLength={80}
              onInput={() => clearError('name')}
              {...describedBy('contact-name', errors.name)}
            />
          </Field>
          <Field
            id="contact-email"
            label="Your email address"
            hint="We answer here, and use it for nothing else."
            error={errors.email}
          >
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
            label="Booking number"
            optional
            hint="In your confirmation email, if your question is about a booking."
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
            label="Your message"
            hint={`${contactMessageLimits.min} to ${contactMessageLimits.max} characters.`}
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
            <label htmlFor="contact-website">Leave this empty</label>
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
              ? 'Sending your message…'
              : state.kind === 'sent'
                ? 'Thank you — your message is on its way. We will answer by email.'
                : state.kind === 'failed'
                  ? state.message
                  : null}
          </p>
          <button
            type="submit"
            className="button button-primary"
            disabled={state.kind === 'sending'}
          >
            Send message
          </button>
        </form>
        <aside className="card contact-aside" aria-labelledby="contact-first">
          <h2 id="contact-first">Before you write</h2>
          <ul>
            <li>
              To <strong>move or cancel a call</strong>, use the{' '}
              <strong>Manage your booking</strong> link in your confirmation email — it works at
              once, day or night.
            </li>
            <li>
              Many answers are in our <Link to="/faq">questions and answers</Link>.
            </li>
            <li>Please don't send card details: we never need them.</li>
          </ul>
        </aside>
      </div>
    </Page>
  );
}
