import {
  type CountryCode,
  getCountries,
  getCountryCallingCode,
  parsePhoneNumberFromString,
} from 'libphonenumber-js';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  describeOtherCountry,
  examplePhoneNumber,
  readPhoneNumber,
} from '../../../functions/core/typed-phone-number.ts';
import { siteLocale } from '../lib/locale.ts';
import { describedBy, FieldError, hintId } from './Field.tsx';

/** The countries named in `locale` (the site's), by locale, built once each. */
const countryLists = new Map<string, { code: CountryCode; name: string; dial: string }[]>();
function countries(locale: string) {
  const built = countryLists.get(locale);
  if (built) return built;
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames(locale, { type: 'region' });
  } catch {
    names = undefined;
  }
  const countryList = getCountries()
    .map((code) => ({
      code,
      name: names?.of(code) ?? code,
      dial: `+${getCountryCallingCode(code)}`,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
  countryLists.set(locale, countryList);
  return countryList;
}

/** The visitor's country from their language settings (en-US → US), else the US. */
export function defaultCountry(): string {
  try {
    const region = new Intl.Locale(navigator.language).maximize().region;
    if (region && (getCountries() as string[]).includes(region)) return region;
  } catch {
    // Fall through.
  }
  return 'US';
}

/**
 * The E.164 number for what was typed, read as `country`'s when it has no `+` (the booking
 * schema's own reading, functions/core/typed-phone-number.ts), or '' while it is not valid.
 */
export function toE164(national: string, country: string): { e164: string; country?: string } {
  if (!national.trim()) return { e164: '' };
  const read = readPhoneNumber(national, country);
  if (!('e164' in read)) return { e164: '' };
  return { e164: read.e164, ...(read.country ? { country: read.country } : {}) };
}

/** A country picker and the number, checked live with libphonenumber-js. */
export function PhoneInput({
  country,
  national,
  error,
  onChange,
  onBlur,
}: {
  readonly country: string;
  readonly national: string;
  readonly error?: string | undefined;
  readonly onChange: (value: { country: string; national: string; e164: string }) => void;
  readonly onBlur?: () => void;
}) {
  const { t } = useTranslation('book');
  const locale = siteLocale();
  const list = useMemo(() => countries(locale), [locale]);
  const [switched, setSwitched] = useState<string>();
  const { e164, country: numberCountry } = toE164(national, country);
  const formatted = e164 ? parsePhoneNumberFromString(e164)?.formatInternational() : undefined;
  // A national number can belong to a neighbour sharing the code (+1 416 is Canada's).
  const elsewhere = e164 ? describeOtherCountry(numberCountry, country) : undefined;
  const example = examplePhoneNumber(country);
  const update = (nextCountry: string, nextNational: string) => {
    const parsed = toE164(nextNational, nextCountry);
    // A code typed with + decides the country; the parent is told it changed.
    const follows = nextNational.trim().startsWith('+') && parsed.country;
    const nextCountryShown = follows && parsed.country ? parsed.country : nextCountry;
    setSwitched((before) =>
      nextCountryShown !== nextCountry
        ? nextCountryShown
        : before === nextCountryShown
          ? before
          : undefined,
    );
    onChange({ country: nextCountryShown, national: nextNational, e164: parsed.e164 });
  };
  const switchedNote =
    switched && switched === country && e164
      ? ` ${t('phone.countrySet', { country: list.find((item) => item.code === switched)?.name ?? switched })}`
      : '';
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor="phone-number">{t('phone.label')}</label>
      <p className="hint" id={hintId('phone-number')}>
        {example
          ? t('phone.hintExample', {
              national: example.national,
              international: example.international,
            })
          : t('phone.hint')}
      </p>
      <div className="phone-row">
        <div className="phone-country">
          <label htmlFor="phone-country" className="sub-label">
            {t('phone.country')}
          </label>
          <select
            id="phone-country"
            value={country}
            onChange={(event) => update(event.target.value, national)}
            autoComplete="tel-country-code"
          >
            {list.map((item) => (
              <option key={item.code} value={item.code}>
                {item.name} ({item.dial})
              </option>
            ))}
          </select>
        </div>
        <input
          id="phone-number"
          type="tel"
          inputMode="tel"
          autoComplete="tel-national"
          placeholder={example?.national}
          value={national}
          onChange={(event) => update(country, event.target.value)}
          onBlur={onBlur}
          {...describedBy('phone-number', error, true)}
          aria-describedby={`${hintId('phone-number')} phone-number-check${error ? ' phone-number-error' : ''}`}
        />
      </div>
      <p className="phone-check" id="phone-number-check" aria-live="polite">
        {formatted ? (
          <>
            <span aria-hidden="true">✓ </span>
            {t('phone.willCall', { number: formatted })}
            {elsewhere ? `. ${elsewhere}` : switchedNote ? `.${switchedNote}` : ''}
          </>
        ) : national.trim() && !error ? (
          t('phone.keepTyping')
        ) : (
          '\u00a0'
        )}
      </p>
      <FieldError id="phone-number" error={error} />
    </div>
  );
}
