import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { useState } from 'react';
import { formatCallTime } from '../../../functions/core/date-format.ts';
import { ApiError, api, messageOf } from '../lib/api.ts';
import { siteLocale } from '../lib/locale.ts';
import type { BookingView } from '../lib/types.ts';
import { ChildAgeField, ChildInfoField, ChildNameField, GiftBudgetField } from './ChildFields.tsx';
import { defaultCountry, PhoneInput } from './PhoneInput.tsx';

interface Draft {
  readonly country: string;
  readonly phoneNational: string;
  readonly phoneNumber: string;
  readonly childName: string;
  readonly childAge: string;
  readonly childInfoText: string;
  readonly giftBudget: string;
}

/** The form's starting values: the booking as it stands (the number in its country's format). */
function draftOf(booking: BookingView): Draft {
  const phone = parsePhoneNumberFromString(booking.details.phoneNumber ?? '');
  return {
    country: phone?.country ?? defaultCountry(),
    phoneNational: phone?.formatNational() ?? '',
    phoneNumber: phone?.number ?? '',
    childName: booking.child.name ?? '',
    childAge: String(booking.child.age),
    childInfoText: booking.details.childInfoText ?? '',
    giftBudget: String(booking.giftBudget),
  };
}

/**
 * "Correct the details": the number Santa calls (with its country) and the child's name, age,
 * interests and gift budget, until the cutoff before the call (`booking.details.editableUntil`,
 * `functions/core/details-edit.ts`). Sends only what changed to
 * `PATCH /api/calls/{callId}/details`; the API's field errors show next to their fields.
 */
export function CorrectDetails({
  booking,
  token,
  onChanged,
}: {
  readonly booking: BookingView;
  readonly token: string;
  readonly onChanged: (booking: BookingView) => void;
}) {
  const [draft, setDraft] = useState(() => draftOf(booking));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const until = booking.details.editableUntil;
  if (!until) return null;
  const initial = draftOf(booking);
  const update = (changes: Partial<Draft>, field: string) => {
    setDraft((current) => ({ ...current, ...changes }));
    setErrors(({ [field]: _, ...rest }) => rest);
    setMessage('');
  };

  async function save() {
    const body: Record<string, unknown> = {};
    if (
      draft.phoneNumber !== initial.phoneNumber ||
      draft.phoneNational !== initial.phoneNational
    ) {
      // An incomplete number is sent as typed with its country, so the API says what is wrong
      // with it in that country's terms (its example, not a US one).
      body.phoneNumber = draft.phoneNumber || draft.phoneNational;
      body.phoneCountry = draft.country;
    }
    if (draft.childName !== initial.childName) body.childName = draft.childName;
    if (draft.childAge !== initial.childAge) body.childAge = Number(draft.childAge);
    if (draft.childInfoText !== initial.childInfoText) body.childInfoText = draft.childInfoText;
    if (draft.giftBudget !== initial.giftBudget) body.giftBudget = Number(draft.giftBudget);
    if (Object.keys(body).length === 0) {
      setFailed(false);
      setMessage('Nothing has changed.');
      return;
    }
    setBusy(true);
    setErrors({});
    setMessage('');
    try {
      const saved = await api<BookingView>(`/api/calls/${booking.callId}/details`, {
        method: 'PATCH',
        token,
        body,
      });
      onChanged(saved);
      setDraft(draftOf(saved));
      setFailed(false);
      const number = parsePhoneNumberFromString(saved.details.phoneNumber ?? '');
      setMessage(
        `Saved — Santa will call ${number?.formatInternational() ?? 'the number'} and ask for ${saved.child.name ?? 'your child'}.`,
      );
    } catch (error) {
      setFailed(true);
      if (error instanceof ApiError && Object.keys(error.fields).length) {
        setErrors(error.fields);
        setMessage(error.message);
      } else {
        setMessage(messageOf(error));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="details-title">
      <h2 id="details-title">Correct the details</h2>
      <p className="hint">
        You can correct the number and your child's details until{' '}
        <time dateTime={until}>
          {formatCallTime(until, booking.schedule.timezone, siteLocale())}
        </time>{' '}
        ({booking.schedule.timezone.replaceAll('_', ' ')}), a few minutes before the call.
      </p>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <PhoneInput
          country={draft.country}
          national={draft.phoneNational}
          error={errors.phoneNumber}
          onChange={({ country, national, e164 }) =>
            update({ country, phoneNational: national, phoneNumber: e164 }, 'phoneNumber')
          }
        />
        <ChildNameField
          id="details-name"
          value={draft.childName}
          error={errors.childName}
          onChange={(childName) => update({ childName }, 'childName')}
        />
        <ChildAgeField
          id="details-age"
          value={draft.childAge}
          error={errors.childAge}
          onChange={(childAge) => update({ childAge }, 'childAge')}
        />
        <ChildInfoField
          id="details-info"
          value={draft.childInfoText}
          error={errors.childInfoText}
          onChange={(childInfoText) => update({ childInfoText }, 'childInfoText')}
        />
        <GiftBudgetField
          id="details-budget"
          value={draft.giftBudget}
          error={errors.giftBudget}
          onChange={(giftBudget) => update({ giftBudget }, 'giftBudget')}
          currency={booking.currency}
          locale={siteLocale()}
        />
        <p className="actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save the changes'}
          </button>
        </p>
        <p className={failed ? 'status status-error' : 'status status-success'} role="status">
          {message || '\u00a0'}
        </p>
      </form>
    </section>
  );
}
