import { useTranslation } from 'react-i18next';
import { notePersonRelations } from '../../../functions/core/santa-notes.ts';
import { draftId, type NotesDraft } from '../lib/booking-draft.ts';
import { describedBy, Field, FieldError } from './Field.tsx';

/** The most names the booking takes (`notesForSanta.people`, contract #14). */
const maxPeople = 8;

/**
 * The parent's notes for Santa (functions/core/santa-notes.ts): something to praise, one gentle
 * encouragement, the names around the children (with who they are), and topics Santa must not
 * raise. All optional; each says how Santa uses it. Lengths are the booking schema's.
 * `errors` are keyed `notesForSanta.<field>`.
 */
export function NotesForSanta({
  notes,
  errors,
  onChange,
}: {
  readonly notes: NotesDraft;
  readonly errors: Readonly<Record<string, string>>;
  readonly onChange: (notes: NotesDraft, ...fields: string[]) => void;
}) {
  const { t } = useTranslation('book');
  const text = (
    field: 'praise' | 'encouragement' | 'avoidTopics',
    max: number,
    rows: number | undefined,
  ) => {
    const id = `notes-${field}`;
    const error = errors[`notesForSanta.${field}`];
    const props = {
      id,
      value: notes[field],
      maxLength: max,
      onChange: (event: { target: { value: string } }) =>
        onChange({ ...notes, [field]: event.target.value }, `notesForSanta.${field}`),
      ...describedBy(id, error, true),
    };
    return (
      <Field
        id={id}
        label={t(`notes.${field}`)}
        optional
        hint={t(`notes.${field}Hint`)}
        error={error}
      >
        {rows ? <textarea rows={rows} {...props} /> : <input {...props} />}
      </Field>
    );
  };
  const setPerson = (index: number, patch: Partial<NotesDraft['people'][number]>) =>
    onChange(
      {
        ...notes,
        people: notes.people.map((person, at) => (at === index ? { ...person, ...patch } : person)),
      },
      `notesForSanta.people.${index}.name`,
      `notesForSanta.people.${index}.relation`,
      'notesForSanta.people',
    );
  return (
    <fieldset className="field notes-for-santa">
      <legend>
        {t('notes.legend')} <span className="optional">{t('common:optional')}</span>
      </legend>
      <p className="hint">{t('notes.intro')}</p>
      {text('praise', 200, undefined)}
      {text('encouragement', 200, undefined)}
      <fieldset className="field">
        <legend>{t('notes.people')}</legend>
        <p className="hint" id="notes-people-hint">
          {t('notes.peopleHint')}
        </p>
        {notes.people.map((person, index) => {
          const nameId = `notes-person-${index + 1}-name`;
          const relationId = `notes-person-${index + 1}-relation`;
          const error =
            errors[`notesForSanta.people.${index}.name`] ??
            errors[`notesForSanta.people.${index}.relation`];
          return (
            <div key={person.id} className="people-row">
              <div className="field">
                <label htmlFor={relationId}>{t('notes.relation', { number: index + 1 })}</label>
                <select
                  id={relationId}
                  value={person.relation}
                  onChange={(event) =>
                    setPerson(index, {
                      relation:
                        notePersonRelations.find((relation) => relation === event.target.value) ??
                        'other',
                    })
                  }
                >
                  {notePersonRelations.map((relation) => (
                    <option key={relation} value={relation}>
                      {t(`notes.relations.${relation}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={nameId}>{t('notes.personName', { number: index + 1 })}</label>
                <input
                  id={nameId}
                  value={person.name}
                  maxLength={50}
                  autoComplete="off"
                  onChange={(event) => setPerson(index, { name: event.target.value })}
                  {...describedBy(nameId, error)}
                />
                <FieldError id={nameId} error={error} />
              </div>
              <button
                type="button"
                className="button button-link"
                onClick={() =>
                  onChange(
                    { ...notes, people: notes.people.filter((_person, at) => at !== index) },
                    ...Object.keys(errors).filter((field) =>
                      field.startsWith('notesForSanta.people'),
                    ),
                  )
                }
              >
                {person.name.trim()
                  ? t('notes.removePersonNamed', { name: person.name.trim() })
                  : t('notes.removePerson', { number: index + 1 })}
              </button>
            </div>
          );
        })}
        {notes.people.length < maxPeople ? (
          <button
            type="button"
            className="button button-secondary"
            onClick={() =>
              onChange({
                ...notes,
                people: [...notes.people, { id: draftId(), relation: 'sibling', name: '' }],
              })
            }
          >
            <span aria-hidden="true">+ </span>
            {t('notes.addPerson')}
          </button>
        ) : null}
        <FieldError id="notes-people" error={errors['notesForSanta.people']} />
      </fieldset>
      {text('avoidTopics', 300, 3)}
    </fieldset>
  );
}
