import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The id of a field's error message, for `aria-describedby`. */
export const errorId = (id: string) => `${id}-error`;
export const hintId = (id: string) => `${id}-hint`;

/** `aria-*` for an input: described by its hint and error, invalid when there is an error. */
export function describedBy(id: string, error: string | undefined, hint?: unknown) {
  const ids = [hint ? hintId(id) : undefined, error ? errorId(id) : undefined].filter(Boolean);
  return {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': ids.length ? ids.join(' ') : undefined,
  } as const;
}

/** A label, the control, a hint and the error next to it: every input on the site. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
  optional = false,
}: {
  readonly id: string;
  readonly label: ReactNode;
  readonly hint?: ReactNode;
  readonly error?: string | undefined;
  readonly children: ReactNode;
  readonly optional?: boolean;
}) {
  const { t } = useTranslation('common');
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {optional ? <span className="optional"> {t('optional')}</span> : null}
      </label>
      {hint ? (
        <p className="hint" id={hintId(id)}>
          {hint}
        </p>
      ) : null}
      {children}
      <FieldError id={id} error={error} />
    </div>
  );
}

export function FieldError({ id, error }: { readonly id: string; readonly error?: string }) {
  if (!error) return null;
  return (
    <p className="field-error" id={errorId(id)}>
      <span aria-hidden="true">⚠ </span>
      {error}
    </p>
  );
}
