import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { formatCallTime, formatClockTime } from '../../../functions/core/date-format.ts';
import {
  currencyLabel,
  formatMoney,
  formatWholeMoney,
} from '../../../functions/core/money-format.ts';
import { normalisePersonName } from '../../../functions/core/person-name.ts';
import { defaultPricing, priceBooking } from '../../../functions/core/pricing.ts';
import { createdBookingSchema } from '../../../functions/schemas/api/create-booking.ts';
import { errorBodySchema } from '../../../functions/schemas/api/error-body.ts';
import { childGenders } from '../../../functions/schemas/booking-request.ts';
import { AvailabilityPicker } from '../components/AvailabilityPicker.tsx';
import {
  ChildAgeField,
  ChildInfoField,
  ChildNameField,
  GiftBudgetField,
} from '../components/ChildFields.tsx';
import { describedBy, Field, FieldError } from '../components/Field.tsx';
import { Page } from '../components/Page.tsx';
import { Payment } from '../components/Payment.tsx';
import { defaultCountry, PhoneInput } from '../components/PhoneInput.tsx';
import { canRecord, VoiceNote } from '../components/VoiceNote.tsx';
import { detectedZone } from '../components/ZonePicker.tsx';
import { ApiError, api } from '../lib/api.ts';
import {
  clearDraft,
  type Draft,
  firstInvalidStep,
  loadDraft,
  type StepNumber,
  saveDraft,
  stepOfField,
  steps,
  toRequest,
  validate,
  validateStep,
} from '../lib/booking-draft.ts';
import { type CalleeRules, useCalleeRules, zoneForNumber } from '../lib/callee-rules.ts';
import { siteLocale } from '../lib/locale.ts';
import { Link, navigate, useLocation } from '../lib/router.tsx';
import { rememberToken } from '../lib/tokens.ts';
import type { BookableTime, CreatedBooking } from '../lib/types.ts';
import { pricesIn, usePricing, visitorCurrency } from '../lib/usePricing.ts';
import { useSiteConfig } from '../lib/useSiteConfig.ts';

const genderLabels: Record<(typeof childGenders)[number], string> = {
  girl: 'Girl',
  boy: 'Boy',
  other: 'Other',
  prefer_not_to_say: 'Prefer not to say',
};

function defaults(): Draft {
  return {
    childName: '',
    childAge: '',
    childGender: '',
    childInfoText: '',
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
  const location = useLocation();
  const requested = Math.min(
    4,
    Math.max(1, Number(new URLSearchParams(location.split('?')[1] ?? '').get('step')) || 1),
  ) as StepNumber;
  const [draft, setDraft] = useState<Draft>(() => loadDraft(defaults()));
  const [shown, setShown] = useState<Record<number, boolean>>({});
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [voiceBusy, setVoiceBusy] = useState(false);
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
      single
        ? `Time zone set to ${zone.replaceAll('_', ' ')}, where this number is.`
        : `Time zone set to ${zone.replaceAll('_', ' ')}. Choose another of this number's zones if your child is elsewhere.`,
    );
  }, [calleeRules, draft.phoneNumber, draft.timezone]);

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
    return { ...client, ...server };
  };
  const errors = errorsFor(step);
  if (step === 1 && shown[1] && voiceBusy) {
    errors.voiceNoteKey ??= 'Wait a moment until your voice note is saved.';
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
        setFormError('Something went wrong. Please try again.');
        return undefined;
      }
      if (error.code === 'slot_full' || error.code === 'no_line_free') {
        const parsed = errorBodySchema.shape.error.safeParse(error.body);
        const times = parsed.data?.nearestFreeTimes ?? [];
        setSlotFull({ message: error.message, times });
        return undefined;
      }
      if (Object.keys(error.fields).length) {
        setServerErrors(error.fields);
        const first = firstInvalidStep(error.fields) ?? 4;
        if (first !== 4) navigate(stepPath(first));
        else focusFirstError();
        return undefined;
      }
      setFormError(error.message);
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
  const price = currentBooking
    ? { amountCents: currentBooking.amountCents, currency: currentBooking.currency }
    : pricing
      ? {
          amountCents: priceBooking(pricing, draft.purchaseRecording).totalCents,
          currency: pricing.currency,
        }
      : undefined;

  return (
    <Page title={`Book — ${steps[step - 1]?.title}`} heading="Book a call from Santa">
      <ol className="stepper" aria-label="Booking steps">
        {steps.map((item) => (
          <li
            key={item.number}
            className={item.number === step ? 'current' : item.number < step ? 'done' : 'upcoming'}
            aria-current={item.number === step ? 'step' : undefined}
          >
            <span className="stepper-number" aria-hidden="true">
              {item.number < step ? '✓' : item.number}
            </span>
            <span className="stepper-title">{item.title}</span>
          </li>
        ))}
      </ol>

      <form ref={form} className="card wizard" onSubmit={next} noValidate>
        <h2 ref={stepHeading} tabIndex={-1}>
          <span className="step-count">
            Step {step} of {steps.length}:{' '}
          </span>
          {steps[step - 1]?.title}
        </h2>
        <p className="status status-error form-summary" role="status">
          {Object.keys(errors).length
            ? `Please check ${Object.keys(errors).length === 1 ? 'the field' : `the ${Object.keys(errors).length} fields`} marked below.`
            : '\u00a0'}
        </p>

        {step === 1 ? (
          <>
            <ChildNameField
              id="child-name"
              value={draft.childName}
              error={errors.childName}
              onChange={(childName) => update({ childName }, 'childName')}
            />
            <ChildAgeField
              id="child-age"
              value={draft.childAge}
              error={errors.childAge}
              onChange={(childAge) => update({ childAge }, 'childAge')}
            />
            <fieldset className="field">
              <legend>
                Santa should speak to them as <span className="optional">(optional)</span>
              </legend>
              <div className="choice-row">
                {childGenders.map((gender) => (
                  <label key={gender} className="choice">
                    <input
                      type="radio"
                      name="child-gender"
                      value={gender}
                      checked={draft.childGender === gender}
                      onChange={() => update({ childGender: gender }, 'childGender')}
                    />
                    <span>{genderLabels[gender]}</span>
                  </label>
                ))}
              </div>
              <FieldError id="child-gender" error={errors.childGender} />
            </fieldset>
            <ChildInfoField
              id="child-info"
              value={draft.childInfoText}
              error={errors.childInfoText}
              onChange={(childInfoText) => update({ childInfoText }, 'childInfoText')}
            />
            {canRecord() ? (
              <VoiceNote
                savedKey={draft.voiceNoteKey}
                error={errors.voiceNoteKey}
                onKey={(saved, busy) => {
                  setVoiceBusy(busy);
                  update(
                    { voiceNoteKey: saved?.key, voiceNoteProof: saved?.proof },
                    'voiceNoteKey',
                  );
                }}
              />
            ) : null}
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
                <span>
                  If Santa cannot get through before calling hours end, try again when they open
                  next
                </span>
              </label>
              <p className="hint" id="wait-for-hours-hint">
                Santa only calls during calling hours on your child's clock. If the call is delayed
                past them (a late payment, or retries when nobody answers), ticking this lets him
                wait for the next morning. Otherwise the call is cancelled, you get a full refund,
                and we email you why.
              </p>
              <FieldError id="wait-for-hours" error={errors.waitForCallingHours} />
            </div>
          </>
        ) : null}

        {step === 3 ? (
          <>
            <Field
              id="parent-email"
              label="Your email"
              hint="For the confirmation, a reminder and the transcript after the call."
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
                label="Currency"
                hint="What you pay in. The gift budget is in it too."
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
                <dt>Child</dt>
                <dd>
                  {normalisePersonName(draft.childName)}, {draft.childAge}
                  {draft.voiceNoteKey ? ' · voice note saved' : ''}{' '}
                  <Link to={stepPath(1)} className="edit-link">
                    Edit<span className="visually-hidden"> child</span>
                  </Link>
                </dd>
              </div>
              <div>
                <dt>Santa calls</dt>
                <dd>
                  {parsePhoneNumberFromString(draft.phoneNumber)?.formatInternational() ??
                    draft.phoneNumber}{' '}
                  {draft.callNow
                    ? 'right now'
                    : draft.scheduledAt
                      ? `on ${formatCallTime(draft.scheduledAt, draft.timezone, locale)}`
                      : ''}{' '}
                  ({draft.timezone.replaceAll('_', ' ')}){' '}
                  <Link to={stepPath(2)} className="edit-link">
                    Edit<span className="visually-hidden"> number and time</span>
                  </Link>
                </dd>
              </div>
              <div>
                <dt>After calling hours</dt>
                <dd data-testid="wait-for-calling-hours">
                  {draft.waitForCallingHours
                    ? 'If Santa cannot get through before calling hours end, he tries again when they open next.'
                    : 'If Santa cannot get through before calling hours end, the call is cancelled and fully refunded, and we email you why.'}{' '}
                  <Link to={stepPath(2)} className="edit-link">
                    Edit<span className="visually-hidden"> what happens after calling hours</span>
                  </Link>
                </dd>
              </div>
              <div>
                <dt>You</dt>
                <dd>
                  {draft.parentEmail.trim()} · gift budget{' '}
                  {budgetShown(draft.giftBudget, budgetCurrency, locale)}{' '}
                  <Link to={stepPath(3)} className="edit-link">
                    Edit<span className="visually-hidden"> your details</span>
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
                            `Call time changed to ${formatCallTime(time.startsAt, draft.timezone, locale)}. Press Pay to book it.`,
                          );
                        }}
                      >
                        {formatClockTime(time.startsAt, draft.timezone, locale)}
                      </button>
                    ))}
                  </div>
                ) : (
                  <p>
                    <Link to={stepPath(2)}>Choose another time</Link>
                  </p>
                )}
              </div>
            ) : null}

            <fieldset className="field addon">
              <legend>Keep the memory</legend>
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
                  Add the recording of the call
                  {pricing
                    ? ` (+${formatMoney(pricing.recordingCents, pricing.currency, locale)})`
                    : ''}
                </span>
              </label>
            </fieldset>

            <p className="total">
              Total:{' '}
              <strong>
                {price ? formatMoney(price.amountCents, price.currency, locale) : '…'}
              </strong>
            </p>

            <fieldset className="field consents">
              <legend>Please confirm</legend>
              {(
                [
                  ['ownsNumber', 'consent-owns', 'I own this phone number, or may use it.'],
                  ['isGuardian', 'consent-guardian', "I am the child's parent or guardian."],
                  [
                    'aiCall',
                    'consent-ai',
                    "I understand Santa's voice is AI-generated, and I agree to an AI-voiced call.",
                  ],
                  ...(draft.purchaseRecording
                    ? ([
                        [
                          'recording',
                          'consent-recording',
                          'I agree to the call being recorded, for me to keep.',
                        ],
                      ] as const)
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
                Read our <Link to="/privacy">privacy notes</Link> and <Link to="/terms">terms</Link>
                .
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
                {configFailed
                  ? 'Payment could not be loaded. Reload the page.'
                  : 'Loading payment…'}
              </div>
            )}
          </>
        ) : null}

        <div className="wizard-actions">
          {step > 1 ? (
            <Link to={stepPath((step - 1) as StepNumber)} className="button button-secondary">
              Back
            </Link>
          ) : (
            <span />
          )}
          {step < 4 ? (
            <button type="submit" className="button button-primary">
              Continue
            </button>
          ) : null}
        </div>
      </form>
    </Page>
  );
}
