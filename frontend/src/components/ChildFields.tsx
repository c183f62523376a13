import { useTranslation } from 'react-i18next';
import { giftBudgetMax } from '../../../functions/core/gift-budget.ts';
import { currencySymbol, formatWholeMoney } from '../../../functions/core/money-format.ts';
import { describedBy, Field } from './Field.tsx';

/**
 * The fields a parent fills about their child and the gift budget, the same in the booking
 * wizard and in "Correct the details" on the manage page, so both accept and explain the same
 * things. Each is controlled: `value` is the draft's text, `onChange` gets the new text.
 */
interface TextFieldProps {
  /** The input's id; the label, hint and error are tied to it. */
  readonly id: string;
  readonly value: string;
  readonly error?: string | undefined;
  readonly onChange: (value: string) => void;
}

export function ChildNameField({ id, value, error, onChange }: TextFieldProps) {
  const { t } = useTranslation('book');
  return (
    <Field id={id} label={t('child.name')} error={error}>
      <input
        id={id}
        value={value}
        autoComplete="off"
        // The schema counts 50 graphemes; marks and joiners make more code units.
        maxLength={200}
        onChange={(event) => onChange(event.target.value)}
        {...describedBy(id, error)}
      />
    </Field>
  );
}

export function ChildAgeField({ id, value, error, onChange }: TextFieldProps) {
  const { t } = useTranslation('book');
  return (
    <Field id={id} label={t('child.age')} hint={t('child.ageHint')} error={error}>
      <input
        id={id}
        className="input-short"
        inputMode="numeric"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        {...describedBy(id, error, true)}
      />
    </Field>
  );
}

/** Up to 1,000 characters (`childInfoText` in the booking schema), with a counter. */
export function ChildInfoField({ id, value, error, onChange }: TextFieldProps) {
  const { t } = useTranslation('book');
  return (
    <Field id={id} label={t('child.info')} optional hint={t('child.infoHint')} error={error}>
      <textarea
        id={id}
        rows={4}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        {...describedBy(id, error, true)}
      />
      <p className="counter" aria-hidden="true">
        {value.trim().length} / 1000
      </p>
    </Field>
  );
}

/**
 * The gift budget in whole units of `currency` (ISO 4217), with its symbol in the parent's
 * `locale` and the range the booking accepts for that currency (`core/gift-budget.ts`).
 */
export function GiftBudgetField({
  id,
  value,
  error,
  onChange,
  currency,
  locale,
}: TextFieldProps & { readonly currency: string; readonly locale: string }) {
  const { t } = useTranslation('book');
  const symbol = currencySymbol(currency, locale);
  return (
    <Field
      id={id}
      label={t('budget.label', { symbol })}
      hint={t('budget.hint', {
        min: formatWholeMoney(0, currency, locale),
        max: formatWholeMoney(giftBudgetMax(currency), currency, locale),
      })}
      error={error}
    >
      <div className="money-input">
        <span aria-hidden="true">{symbol}</span>
        <input
          id={id}
          className="input-short"
          inputMode="numeric"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          {...describedBy(id, error, true)}
        />
      </div>
    </Field>
  );
}
