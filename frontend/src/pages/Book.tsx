import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { childNamesPhrase } from '../../../functions/core/children.ts';
import { formatCallTime, formatClockTime } from '../../../functions/core/date-format.ts';
import { languages } from '../../../functions/core/languages.ts';
import {
  currencyLabel,
  formatMoney,
  formatWholeMoney,
} from '../../../functions/core/money-format.ts';
import { normalisePersonName } from '../../../functions/core/person-name.ts';
import { defaultPricing, priceBooking } from '../../../functions/core/pricing.ts';
import { createdBookingSchema } from '../../../functions/schemas/api/create-booking.ts';
import { errorBodySchema } from '../../../functions/schemas/api/error-body.ts';
import { AvailabilityPicker } from '../components/AvailabilityPicker.tsx';
import { GiftBudgetField } from '../components/ChildFields.tsx';
import { describedBy, Field, FieldError } from '../components/Field.tsx';
import { NotesForSanta } from '../components/NotesForSanta.tsx';
import { Page } from '../components/Page.tsx';
import { Payment } from '../components/Payment.tsx';
import { defaultCountry, PhoneInput } from '../components/PhoneInput.tsx';
import { WizardChildren } from '../components/WizardChildren.tsx';
import { detectedZone } from '../components/ZonePicker.tsx';
import { ApiError, api } from '../lib/api.ts';
import {
  clearDraft,
  type Draft,
  emptyChild,
  emptyNotes,
  firstInvalidStep,
  loadDraft,
  notesRequest,
  type StepNumber,
  saveDraft,
  stepOfField,
  steps,
  toRequest,
  validate,
  validateStep,
} from '../lib/booking-draft.ts';
import { type CalleeRules, useCalleeRules, zoneForNumber } from '../lib/callee-rules.ts';
import { siteLanguage, translateMessage } from '../lib/i18n.ts';
import { siteLocale } from '../lib/locale.ts';
import { Link, navigate, useLocation } from '../lib/router.tsx';
import { rememberToken } from '../lib/tokens.ts';
import type { BookableTime, CreatedBooking } from '../lib/types.ts';
import { extraChildCentsIn, pricesIn, usePricing, visitorCurrency } from '../lib/usePricing.ts';
import { useSiteConfig } from '../lib/useSiteConfig.ts';

function defaults(): Draft {
  return {
    children: [emptyChild()],
    language: siteLanguage(),
    notes: emptyNotes(),
    timezone: detectedZone(),
    callNow: false,
    waitForCallingHours: false,
    country: defaultCountry(),
    phoneNational: '',
    phoneNumber: '',
    parentEmail: '',
    giftBudget: '',
    currency: '',
    // A paid add-on starts unticked: the total is the landing page's price until the parent
    // ticks it (issue #13).
    purchaseRecording: false,
    consent: { ownsNumber: false, isGuardian: false, aiCall: false, recording: false },
  };
}

/** The gift budget as typed, in the booking's currency: "£50" (the number only, if not one). */
function budgetShown(typed: string, currency: string, locale: string): string {
  const amount = Number(typed.trim().replace(/^[^\d-]+/, ''));
  return Number.isInteger(amount) ? formatWholeMoney(amount, currency, locale) : typed;
}

const stepPath = (step: StepNumber) => (step === 1 ? '/book' : `/book?step=${step}`);

/**
 * What the API's full rules say of the number and zone, once they are loaded: a number kind
 * Santa will not call (premium rate, …) and, should it happen, a zone that is not the number's.
 */
function calleeErrors(rules: CalleeRules | undefined, draft: Draft): Record<string, string> {
  if (!rules || !draft.phoneNumber) return {};
  const problem = rules.phoneNumberProblem(draft.phoneNumber);
  if (problem) {
    const country = rules.phoneNumberCountryCode(draft.phoneNumber) ?? draft.country;
    return { phoneNumber: rules.describePhoneNumberProblem(problem, country) };
  }
  const callee = rules.calleeTimezone(draft.phoneNumber, draft.timezone);
  return 'problem' in callee
    ? { timezone: rules.describeZoneMismatch(draft.phoneNumber, callee.zones) }
    : {};
}

/** The four-step booking wizard. */
export default function Book() {
  const { t } = useTranslation('book');
  // The schema's messages are shown in the site's language (translateMessage).
  useTranslation('validation');
  const location = useLocation();
  const requested = Math.min(
    4,
    Math.max(1, Number(new URLSearchParams(location.split('?')[1] ?? '').get('step')) || 1),
  ) as StepNumber;
  const [draft, setDraft] = useState<Draft>(() => loadDraft(defaults()));
  const [shown, setShown] = useState<Record<number, boolean>>({});
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  // The children whose voice note is being recorded or saved, by child id.
  const [voiceBusyIds, setVoiceBusyIds] = useState<ReadonlySet<string>>(new Set());
  const voiceBusy = draft.children.some((child) => voiceBusyIds.has(child.id));
  const [booked, setBooked] = useState<{ key: string; booking: CreatedBooking }>();
  const [slotFull, setSlotFull] = useState<{ message: string; times: BookableTime[] }>();
  const [formError, setFormError] = useState('');
  const [notice, setNotice] = useState('');
  const { config, failed: configFailed } = useSiteConfig();
  const { pricing: priceList } = usePricing();
  const locale = siteLocale();
  // The parent's choice when the list offers it, else their region's currency or the default.
  const currency = priceList
    ? priceList.prices.some((offered) => offered.currency === draft.currency)
      ? draft.currency
      : visitorCurrency(priceList)
    : draft.currency;
  const pricing = priceList ? pricesIn(priceList, currency) : undefined;
  // Before the price list has loaded (or if it failed), the budget is labelled in the default's.
  const budgetCurrency = currency || defaultPricing.currency;
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const previousStep = useRef<StepNumber | undefined>(undefined);
  // The full phone rules (~50 KiB gzipped) are fetched when the number's step is reached.
  const calleeRules = useCalleeRules(requested >= 2 || draft.phoneNumber !== '');
  const [zoneNotice, setZoneNotice] = useState('');

  const calleeIssues = calleeErrors(calleeRules, draft);
  const allErrors = { ...calleeIssues, ...validate(draft) };
  // A later step needs the earlier ones done: /book?step=3 on a fresh visit starts at step 1.
  const earlierInvalid = firstInvalidStep(
    Object.fromEntries(Object.entries(allErrors).filter(([f]) => stepOfField(f) < requested)),
  );
  const step = earlierInvalid ?? requested;

  useEffect(() => {
    if (step !== requested) {
      setShown((current) => ({ ...current, [step]: true }));
      navigate(stepPath(step), { replace: true });
    }
  }, [step, requested]);

  useEffect(() => saveDraft(draft), [draft]);

  // The request names the currency shown, so the server prices in it.
  useEffect(() => {
    if (currency && currency !== draft.currency) {
      setDraft((current) => ({ ...current, currency }));
    }
  }, [currency, draft.currency]);

  // Calling hours are the callee's: the zone follows the number's country.
  useEffect(() => {
    if (!calleeRules) return;
    const zone = zoneForNumber(calleeRules, draft.phoneNumber, draft.timezone, detectedZone());
    if (!zone) return;
    // The number's country may only name the same clock differently (a Guernsey mobile on
    // Europe/London becomes Europe/Guernsey): the time chosen stays, only a new clock clears it.
    const sameClock = 'zone' in calleeRules.calleeTimezone(draft.phoneNumber, draft.timezone);
    setDraft((current) =>
      sameClock
        ? { ...current, timezone: zone }
        : { ...current, timezone: zone, callNow: false, scheduledAt: undefined },
    );
    setServerErrors((current) => {
      const { timezone: _zone, scheduledAt: _time, callNow: _now, ...rest } = current;
      return rest;
    });
    const single = calleeRules.phoneNumberZones(draft.phoneNumber).length === 1;
    setZoneNotice(
      t(single ? 'zone.setSingle' : 'zone.setSeveral', { zone: zone.replaceAll('_', ' ') }),
    );
  }, [calleeRules, draft.phoneNumber, draft.timezone, t]);

  // The call's language follows the site's until the parent picks one.
  const language = siteLanguage();
  useEffect(() => {
    setDraft((current) =>
      current.languageChosen || current.language === language ? current : { ...current, language },
    );
  }, [language]);

  useEffect(() => {
    if (previousStep.current !== undefined && previousStep.current !== step) {
      stepHeading.current?.focus();
    }
    previousStep.current = step;
  }, [step]);

  const errorsFor = (which: StepNumber): Record<string, string> => {
    const client: Record<string, string> = shown[which]
      ? Object.fromEntries(
          Object.entries(allErrors).filter(([field]) => stepOfField(field) === which),
        )
      : {};
    // A zone that is not the number's is said at once, beside the zone picker.
    if (calleeIssues.timezone && stepOfField('timezone') === which) {
      client.timezone ??= calleeIssues.timezone;
    }
    const server = Object.fromEntries(
      Object.entries(serverErrors).filter(([field]) => stepOfField(field) === which),
    );
    // In the site's language: the validation namespace is keyed by the English message.
    return Object.fromEntries(
      Object.entries({ ...client, ...server }).map(([field, message]) => [
        field,
        translateMessage(message),
      ]),
    );
  };
  const errors = errorsFor(step);
  if (step === 1 && shown[1] && voiceBusy) {
    draft.children.forEach((child, index) => {
      if (voiceBusyIds.has(child.id)) errors[`children.${index}.voiceNoteKey`] ??= t('voiceWait');
    });
  }

  const update = (patch: Partial<Draft>, ...fields: string[]) => {
    setDraft((current) => ({ ...current, ...patch }));
    if (fields.some((field) => serverErrors[field])) {
      setServerErrors((current) => {
        const next = { ...current };
        for (const field of fields) delete next[field];
        return next;
      });
    }
  };

  const focusFirstError = () =>
    requestAnimationFrame(() => {
      const target = form.current?.querySelector<HTMLElement>(
        '[aria-invalid="true"], .field-error',
      );
      if (target?.matches('input, select, textarea')) target.focus();
      else target?.scrollIntoView({ block: 'center' });
    });

  const next = (event: FormEvent) => {
    event.preventDefault();
    if (step === 4) return;
    const stepErrors = Object.keys(errorsFor(step)).length || (step === 1 && voiceBusy);
    const clientErrors = {
      ...Object.fromEntries(
        Object.entries(calleeIssues).filter(([field]) => stepOfField(field) === step),
      ),
      ...validateStep(draft, step),
    };
    if (stepErrors || Object.keys(clientErrors).length) {
      setShown((current) => ({ ...current, [step]: true }));
      focusFirstError();
      return;
    }
    navigate(stepPath((step + 1) as StepNumber));
  };

  async function createBooking(): Promise<CreatedBooking | undefined> {
    setFormError('');
    setSlotFull(undefined);
    setNotice('');
    const invalid = { ...calleeErrors(calleeRules, draft), ...validate(draft) };
    if (Object.keys(invalid).length) {
      setShown({ 1: true, 2: true, 3: true, 4: true });
      const first = firstInvalidStep(invalid) ?? 4;
      if (first !== 4) navigate(stepPath(first));
      else focusFirstError();
      return undefined;
    }
    const body = toRequest(draft);
    const key = JSON.stringify(body);
    if (booked?.key === key) return booked.booking;
    if (booked) {
      // The details changed after a declined payment: let the old, unpaid hold go at once.
      void api(`/api/calls/${booked.booking.callId}/cancel`, {
        method: 'POST',
        token: booked.booking.accessToken,
      }).catch(() => undefined);
      setBooked(undefined);
    }
    try {
      // Parsed: the amount it names is what the payment form charges.
      const created = createdBookingSchema.parse(
        await api<unknown>('/api/calls', { method: 'POST', body }),
      );
      rememberToken(created.callId, created.accessToken);
      setBooked({ key, booking: created });
      return created;
    } catch (error) {
      if (!(error instanceof ApiError)) {
        setFormError(t('errors.generic'));
        return undefined;
      }
      if (error.code === 'slot_full' || error.code === 'no_line_free') {
        const parsed = errorBodySchema.shape.error.safeParse(error.body);
        const times = parsed.data?.nearestFreeTimes ?? [];
        setSlotFull({ message: translateMessage(error.message), times });
        return undefined;
      }
      if (Object.keys(error.fields).length) {
        setServerErrors(error.fields);
        const first = firstInvalidStep(error.fields) ?? 4;
        if (first !== 4) navigate(stepPath(first));
        else focusFirstError();
        return undefined;
      }
      setFormError(translateMessage(error.message));
      return undefined;
    }
  }

  const paid = (booking: CreatedBooking) => {
    clearDraft();
    navigate(`/success/${booking.callId}`);
  };

  const currentBooking =
    booked && booked.key === JSON.stringify(toRequest(draft)) ? booked.booking : undefined;
  // What the call costs, never worked out here: once booked, the amount the server froze on
  // the booking; before, the server's price list priced by the server's own rule.
  // Each child after the first adds the list's extra-child price (issue #14): base + (children
  // − 1) × extraChildCents + recording, as the server prices it.
  const extraChildren = draft.children.length - 1;
  const extraChildCents =
    priceList && pricing ? extraChildCentsIn(priceList, pricing.currency) : undefined;
  const extraCents = extraChildren * (extraChildCents ?? 0);
  const price = currentBooking
    ? { amountCents: currentBooking.amountCents, currency: currentBooking.currency }
    : pricing
      ? {
          amountCents: priceBooking(pricing, draft.purchaseRecording).totalCents + extraCents,
          currency: pricing.currency,
        }
      : undefined;
  const childNames = childNamesPhrase(
    draft.children.map((child) => ({ name: normalisePersonName(child.name) })),
    locale,
  );
  const notes = notesRequest(draft.notes);
  const stepTitle = (number: StepNumber) => t(`steps.${number}`, { count: draft.children.length });

  return (
    <Page title={t('pageTitle', { step: stepTitle(step) })} heading={t('heading')}>
      <ol className="stepper" aria-label={t('stepsLabel')}>
        {steps.map((item) => (
          <li
            key={item.number}
            className={item.number === step ? 'current' : item.number < step ? 'done' : 'upcoming'}
            aria-current={item.number === step ? 'step' : undefined}
          >
            <span className="stepper-number" aria-hidden="true">
              {item.number < step ? '✓' : item.number}
            </span>
            <span className="stepper-title">{stepTitle(item.number)}</span>
          </li>
        ))}
      </ol>

      <form ref={form} className="card wizard" onSubmit={next} noValidate>
        <h2 ref={stepHeading} tabIndex={-1}>
          <span className="step-count">{t('stepCount', { step, total: steps.length })} </span>
          {stepTitle(step)}
        </h2>
        <p className="status status-error form-summary" role="status">
          {Object.keys(errors).length
            ? t('checkFields', { count: Object.keys(errors).length })
            : '\u00a0'}
        </p>

        {step === 1 ? (
          <>
            <WizardChildren
              items={draft.children}
              errors={errors}
              onChange={(children, ...fields) => update({ children }, ...fields)}
              onVoiceBusy={(id, busy) =>
                setVoiceBusyIds((current) => {
                  if (current.has(id) === busy) return current;
                  const next = new Set(current);
                  if (busy) next.add(id);
                  else next.delete(id);
                  return next;
                })
              }
            />
            <fieldset className="field">
              <legend>{t('language.legend')}</legend>
              <p className="hint" id="call-language-hint">
                {t('language.hint', { count: draft.children.length })}
              </p>
              <div className="choice-row">
                {languages.map((option) => (
                  <label key={option.code} className="choice">
                    <input
                      type="radio"
                      name="call-language"
                      value={option.code}
                      checked={draft.language === option.code}
                      aria-describedby="call-language-hint"
                      onChange={() =>
                        update({ language: option.code, languageChosen: true }, 'language')
                      }
                    />
                    <span lang={option.code}>{option.name}</span>
                  </label>
                ))}
              </div>
              <FieldError id="call-language" error={errors.language} />
            </fieldset>
            <NotesForSanta
              notes={draft.notes}
              errors={errors}
              onChange={(next, ...fields) => update({ notes: next }, ...fields)}
            />
          </>
        ) : null}

        {step === 2 ? (
          <>
            <PhoneInput
              country={draft.country}
              national={draft.phoneNational}
              error={errors.phoneNumber}
              onChange={({ country, national, e164 }) =>
                update({ country, phoneNational: national, phoneNumber: e164 }, 'phoneNumber')
              }
            />
            <p className="status" role="status">
              {zoneNotice || '\u00a0'}
            </p>
            <AvailabilityPicker
              timezone={draft.timezone}
              zones={
                calleeRules && draft.phoneNumber
                  ? calleeRules.phoneNumberZones(draft.phoneNumber)
                  : undefined
              }
              onTimezone={(timezone) => {
                setZoneNotice('');
                update({ timezone, scheduledAt: undefined }, 'timezone', 'scheduledAt', 'callNow');
              }}
              choice={{ callNow: draft.callNow, scheduledAt: draft.scheduledAt }}
              onChoice={(choice) =>
                update(
                  { callNow: choice.callNow, scheduledAt: choice.scheduledAt },
                  'scheduledAt',
                  'callNow',
                )
              }
              initialDate={draft.pickerDate}
              errors={errors}
            />
            <div
              className={errors.waitForCallingHours ? 'check-field field-invalid' : 'check-field'}
            >
              <label className="check" htmlFor="wait-for-hours">
                <input
                  id="wait-for-hours"
                  type="checkbox"
                  checked={draft.waitForCallingHours}
                  onChange={(event) =>
                    update({ waitForCallingHours: event.target.checked }, 'waitForCallingHours')
                  }
                  {...describedBy('wait-for-hours', errors.waitForCallingHours, true)}
                />
                <span>{t('wait.label')}</span>
              </label>
              <p className="hint" id="wait-for-hours-hint">
                {t('wait.hint')}
              </p>
              <FieldError id="wait-for-hours" error={errors.waitForCallingHours} />
            </div>
          </>
        ) : null}

        {step === 3 ? (
          <>
            <Field
              id="parent-email"
              label={t('email.label')}
              hint={t('email.hint')}
              error={errors.parentEmail}
            >
              <input
                id="parent-email"
                type="email"
                autoComplete="email"
                value={draft.parentEmail}
                onChange={(event) => update({ parentEmail: event.target.value }, 'parentEmail')}
                {...describedBy('parent-email', errors.parentEmail, true)}
              />
            </Field>
            {priceList && priceList.prices.length > 1 ? (
              <Field
                id="currency"
                label={t('currency.label')}
                hint={t('currency.hint')}
                error={errors.currency}
              >
                <select
                  id="currency"
                  value={currency}
                  onChange={(event) => update({ currency: event.target.value }, 'currency')}
                  {...describedBy('currency', errors.currency, true)}
                >
                  {priceList.prices.map((offered) => (
                    <option key={offered.currency} value={offered.currency}>
                      {currencyLabel(offered.currency, locale)}
                    </option>
                  ))}
                </select>
              </Field>
            ) : null}
            <GiftBudgetField
              id="gift-budget"
              value={draft.giftBudget}
              error={errors.giftBudget}
              onChange={(giftBudget) => update({ giftBudget }, 'giftBudget')}
              currency={budgetCurrency}
              locale={locale}
            />
          </>
        ) : null}

        {step === 4 ? (
          <>
            <dl className="summary">
              <div>
                <dt>{t('review.children', { count: draft.children.length })}</dt>
                <dd>
                  <ul className="review-children">
                    {draft.children.map((child) => (
                      <li key={child.id}>
                        {t('review.child', {
                          name: normalisePersonName(child.name),
                          age: child.age,
                        })}
                        {child.voiceNoteKey ? ` · ${t('review.voiceNote')}` : ''}
                      </li>
                    ))}
                  </ul>
                  {t('review.language', {
                    language: languages.find((option) => option.code === draft.language)?.name,
                  })}
                  {notes ? ` · ${t('review.notes')}` : ''}{' '}
                  <Link to={stepPath(1)} className="edit-link">
                    {t('review.edit')}
                    <span className="visually-hidden">
                      {' '}
                      {t('review.editChildren', { count: draft.children.length })}
                    </span>
                  </Link>
                </dd>
              </div>
              <div>
                <dt>{t('review.calls')}</dt>
                <dd>
                  {parsePhoneNumberFromString(draft.phoneNumber)?.formatInternational() ??
                    draft.phoneNumber}{' '}
                  {draft.callNow
                    ? t('review.rightNow')
                    : draft.scheduledAt
                      ? t('review.on', {
                          time: formatCallTime(draft.scheduledAt, draft.timezone, locale),
                        })
                      : ''}{' '}
                  ({draft.timezone.replaceAll('_', ' ')}){' '}
                  <Link to={stepPath(2)} className="edit-link">
                    {t('review.edit')}
                    <span className="visually-hidden"> {t('review.editTime')}</span>
                  </Link>
                </dd>
              </div>
              <div>
                <dt>{t('review.afterHours')}</dt>
                <dd data-testid="wait-for-calling-hours">
                  {draft.waitForCallingHours ? t('review.waits') : t('review.refunded')}{' '}
                  <Link to={stepPath(2)} className="edit-link">
                    {t('review.edit')}
                    <span className="visually-hidden"> {t('review.editAfterHours')}</span>
                  </Link>
                </dd>
              </div>
              <div>
                <dt>{t('review.you')}</dt>
                <dd>
                  {t('review.youText', {
                    email: draft.parentEmail.trim(),
                    budget: budgetShown(draft.giftBudget, budgetCurrency, locale),
                  })}{' '}
                  <Link to={stepPath(3)} className="edit-link">
                    {t('review.edit')}
                    <span className="visually-hidden"> {t('review.editYou')}</span>
                  </Link>
                </dd>
              </div>
            </dl>

            {slotFull ? (
              <div className="notice notice-warning" role="alert">
                <p>{slotFull.message}</p>
                {slotFull.times.length ? (
                  <div className="time-grid">
                    {slotFull.times.map((time) => (
                      <button
                        key={time.startsAt}
                        type="button"
                        className="button button-secondary"
                        onClick={() => {
                          update(
                            {
                              callNow: false,
                              scheduledAt: time.startsAt,
                              pickerDate: new Intl.DateTimeFormat('en-CA', {
                                timeZone: draft.timezone,
                              }).format(new Date(time.startsAt)),
                            },
                            'scheduledAt',
                          );
                          setSlotFull(undefined);
                          setNotice(
                            t('slot.changed', {
                              time: formatCallTime(time.startsAt, draft.timezone, locale),
                            }),
                          );
                        }}
                      >
                        {formatClockTime(time.startsAt, draft.timezone, locale)}
                      </button>
                    ))}
                  </div>
                ) : (
                  <p>
                    <Link to={stepPath(2)}>{t('slot.another')}</Link>
                  </p>
                )}
              </div>
            ) : null}

            <fieldset className="field addon">
              <legend>{t('recording.legend')}</legend>
              <label className="check">
                <input
                  type="checkbox"
                  checked={draft.purchaseRecording}
                  onChange={(event) =>
                    update(
                      { purchaseRecording: event.target.checked, recordingChosen: true },
                      'purchaseRecording',
                    )
                  }
                />
                <span>
                  {t('recording.add')}
                  {pricing
                    ? ` (+${formatMoney(pricing.recordingCents, pricing.currency, locale)})`
                    : ''}
                </span>
              </label>
            </fieldset>

            {extraChildren > 0 && pricing && extraChildCents !== undefined ? (
              <p className="extra-children" data-testid="extra-children">
                {t('price.extraChildren', {
                  count: extraChildren,
                  each: formatMoney(extraChildCents, pricing.currency, locale),
                  total: formatMoney(extraCents, pricing.currency, locale),
                  names: childNames,
                })}
              </p>
            ) : null}

            <p className="total">
              {t('price.total')}{' '}
              <strong>
                {price ? formatMoney(price.amountCents, price.currency, locale) : '…'}
              </strong>
            </p>

            <fieldset className="field consents">
              <legend>{t('consent.legend')}</legend>
              {(
                [
                  ['ownsNumber', 'consent-owns', t('consent.ownsNumber')],
                  [
                    'isGuardian',
                    'consent-guardian',
                    t('consent.isGuardian', { count: draft.children.length }),
                  ],
                  ['aiCall', 'consent-ai', t('consent.aiCall')],
                  ...(draft.purchaseRecording
                    ? ([['recording', 'consent-recording', t('consent.recording')]] as const)
                    : []),
                ] as const
              ).map(([name, id, text]) => {
                const error =
                  errors[`consent.${name}`] ?? (name === 'ownsNumber' ? errors.consent : undefined);
                return (
                  <div key={name} className={error ? 'check-field field-invalid' : 'check-field'}>
                    <label className="check" htmlFor={id}>
                      <input
                        id={id}
                        type="checkbox"
                        checked={draft.consent[name]}
                        onChange={(event) =>
                          update(
                            { consent: { ...draft.consent, [name]: event.target.checked } },
                            `consent.${name}`,
                            'consent',
                          )
                        }
                        {...describedBy(id, error)}
                      />
                      <span>{text}</span>
                    </label>
                    <FieldError id={id} error={error} />
                  </div>
                );
              })}
              <p className="hint">
                <Trans
                  t={t}
                  i18nKey="consent.readLegal"
                  components={{ privacy: <Link to="/privacy" />, terms: <Link to="/terms" /> }}
                />
              </p>
            </fieldset>

            {Object.entries(errors)
              .filter(([field]) => !field.startsWith('consent') && field !== 'purchaseRecording')
              .map(([field, message]) => (
                <p key={field} className="field-error">
                  {message}
                </p>
              ))}

            <p
              className={formError ? 'status status-error' : 'status status-success'}
              role="status"
            >
              {formError || notice || '\u00a0'}
            </p>

            {config && price ? (
              <Payment
                config={config}
                amountCents={price.amountCents}
                currency={price.currency}
                createBooking={createBooking}
                onPaid={paid}
              />
            ) : (
              <div className="payment-placeholder">
                {configFailed ? t('payment.configFailed') : t('payment.loadingShort')}
              </div>
            )}
          </>
        ) : null}

        <div className="wizard-actions">
          {step > 1 ? (
            <Link to={stepPath((step - 1) as StepNumber)} className="button button-secondary">
              {t('back')}
            </Link>
          ) : (
            <span />
          )}
          {step < 4 ? (
            <button type="submit" className="button button-primary">
              {t('continue')}
            </button>
          ) : null}
        </div>
      </form>
    </Page>
  );
}
