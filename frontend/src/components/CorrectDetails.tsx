import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { formatCallTime } from '../../../functions/core/date-format.ts';
import { ApiError, api, messageOf } from '../lib/api.ts';
import {
  type ChildDraft,
  childAndNotesChanges,
  childDrafts,
  type NotesDraft,
  noteFields,
  notesDraft,
  storedNotes,
} from '../lib/details-draft.ts';
import { siteLocale } from '../lib/locale.ts';
import type { BookingView } from '../lib/types.ts';
import { viewChildNames } from '../lib/view-children.ts';
import { ChildAgeField, ChildInfoField, ChildNameField, GiftBudgetField } from './ChildFields.tsx';
import { describedBy, Field } from './Field.tsx';
import { defaultCountry, PhoneInput } from './PhoneInput.tsx';

interface Draft {
  readonly country: string;
  readonly phoneNational: string;
  readonly phoneNumber: string;
  readonly childName: string;
  readonly childAge: string;
  readonly childInfoText: string;
  readonly giftBudget: string;
  /** Every child's words for Santa (several children: one field each). */
  readonly children: readonly ChildDraft[];
  readonly notes: NotesDraft;
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
    children: childDrafts(booking),
    notes: notesDraft(storedNotes(booking)),
  };
}

/** The notes' limits, as the booking schema has them (contract #14). */
const noteMaxLength: Readonly<Record<(typeof noteFields)[number], number>> = {
  praise: 200,
  encouragement: 200,
  avoidTopics: 300,
};

/**
 * "Correct the details": the number Santa calls (with its country), the child's name, age,
 * interests and gift budget — with several children, what Santa should know about each — and
 * the parent's notes for Santa when the booking has them, until the cutoff before the call
 * (`booking.details.editableUntil`, `functions/core/details-edit.ts`). Sends only what changed
 * to `PATCH /api/calls/{callId}/details`; the API's field errors show next to their fields.
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
  const { t } = useTranslation('manage');
  const [draft, setDraft] = useState(() => draftOf(booking));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const until = booking.details.editableUntil;
  if (!until) return null;
  const initial = draftOf(booking);
  const several = draft.children.length > 1;
  const notes = storedNotes(booking);
  const update = (changes: Partial<Draft>, field: string) => {
    setDraft((current) => ({ ...current, ...changes }));
    setErrors(({ [field]: _, ...rest }) => rest);
    setMessage('');
  };
  const updateChild = (index: number, infoText: string) =>
    update(
      {
        children: draft.children.map((child, at) =>
          at === index ? { ...child, infoText } : child,
        ),
      },
      `children.${index}.infoText`,
    );

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
    if (several) {
      Object.assign(body, childAndNotesChanges(initial, draft, notes));
    } else {
      if (draft.childName !== initial.childName) body.childName = draft.childName;
      if (draft.childAge !== initial.childAge) body.childAge = Number(draft.childAge);
      if (draft.childInfoText !== initial.childInfoText) body.childInfoText = draft.childInfoText;
      const { notesForSanta } = childAndNotesChanges(
        { ...initial, children: [] },
        { ...draft, children: [] },
        notes,
      );
      if (notesForSanta) body.notesForSanta = notesForSanta;
    }
    if (draft.giftBudget !== initial.giftBudget) body.giftBudget = Number(draft.giftBudget);
    if (Object.keys(body).length === 0) {
      setFailed(false);
      setMessage(t('details.nothingChanged'));
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
        t('details.saved', {
          number: number?.formatInternational() ?? t('details.theNumber'),
          names: viewChildNames(saved, siteLocale()) ?? t('yourChild'),
        }),
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
      <h2 id="details-title">{t('details.title')}</h2>
      <p className="hint">
        <Trans
          t={t}
          i18nKey="details.until"
          values={{
            until: formatCallTime(until, booking.schedule.timezone, siteLocale()),
            zone: booking.schedule.timezone.replaceAll('_', ' '),
          }}
          components={{ time: <time dateTime={until} /> }}
        />
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
        {several ? (
          draft.children.map((child, index) => (
            <fieldset
              // biome-ignore lint/suspicious/noArrayIndexKey: a booking's children never reorder
              key={index}
              className="child-details"
            >
              <legend>
                {child.name
                  ? t('details.childHeading', { name: child.name })
                  : t('details.childHeadingUnnamed', { position: index + 1 })}
              </legend>
              <ChildInfoField
                id={`details-info-${index + 1}`}
                value={child.infoText}
                error={errors[`children.${index}.infoText`]}
                onChange={(text) => updateChild(index, text)}
              />
            </fieldset>
          ))
        ) : (
          <>
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
          </>
        )}
        {notes ? (
          <fieldset className="child-details">
            <legend>{t('details.notesTitle')}</legend>
            {noteFields.map((field) => {
              const id = `details-notes-${field}`;
              const error = errors[`notesForSanta.${field}`];
              return (
                <Field
                  key={field}
                  id={id}
                  label={t(`details.notes.${field}`)}
                  hint={t(`details.notes.${field}Hint`)}
                  error={error}
                  optional
                >
                  <textarea
                    id={id}
                    rows={2}
                    maxLength={noteMaxLength[field] * 2}
                    value={draft.notes[field]}
                    onChange={(event) =>
                      update(
                        { notes: { ...draft.notes, [field]: event.target.value } },
                        `notesForSanta.${field}`,
                      )
                    }
                    {...describedBy(id, error, true)}
                  />
                </Field>
              );
            })}
          </fieldset>
        ) : null}
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
            {busy ? t('details.saving') : t('details.save')}
          </button>
        </p>
        <p className={failed ? 'status status-error' : 'status status-success'} role="status">
          {message || '\u00a0'}
        </p>
      </form>
    </section>
  );
}
