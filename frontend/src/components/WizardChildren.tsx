import { useTranslation } from 'react-i18next';
import { maxChildrenPerCall } from '../../../functions/core/children.ts';
import { childGenders } from '../../../functions/schemas/booking-request.ts';
import { type ChildDraft, emptyChild } from '../lib/booking-draft.ts';
import { ChildAgeField, ChildInfoField, ChildNameField } from './ChildFields.tsx';
import { FieldError } from './Field.tsx';
import { canRecord, VoiceNote } from './VoiceNote.tsx';

/**
 * The first child's element ids are the wizard's old ones (`child-name`, …: links and tests
 * point at them); the second child's are `child-2-name`, …
 */
export const childFieldId = (index: number, field: string) =>
  index === 0 ? `child-${field}` : `child-${index + 1}-${field}`;

/**
 * The children Santa calls: one to `maxChildrenPerCall`, each with a name, age, how Santa
 * should speak to them, what he should know and a voice note (ChildFields.tsx, VoiceNote.tsx).
 * `errors` are keyed `children.<index>.<field>`, as the booking schema names them.
 */
export function WizardChildren({
  items,
  errors,
  onChange,
  onVoiceBusy,
}: {
  readonly items: readonly ChildDraft[];
  readonly errors: Readonly<Record<string, string>>;
  /** The new list, and the `children.<index>.<field>` names whose errors it may clear. */
  readonly onChange: (children: ChildDraft[], ...fields: string[]) => void;
  /** Whether child `id`'s voice note is being recorded or saved. */
  readonly onVoiceBusy: (id: string, busy: boolean) => void;
}) {
  const { t } = useTranslation('book');
  const change = (index: number, patch: Partial<ChildDraft>, field: string) =>
    onChange(
      items.map((child, at) => (at === index ? { ...child, ...patch } : child)),
      `children.${index}.${field}`,
    );
  const several = items.length > 1;
  return (
    <>
      {items.map((child, index) => {
        const error = (field: string) => errors[`children.${index}.${field}`];
        const name = child.name.trim();
        const body = (
          <>
            <ChildNameField
              id={childFieldId(index, 'name')}
              value={child.name}
              error={error('name')}
              onChange={(value) => change(index, { name: value }, 'name')}
            />
            <ChildAgeField
              id={childFieldId(index, 'age')}
              value={child.age}
              error={error('age')}
              onChange={(value) => change(index, { age: value }, 'age')}
            />
            <fieldset className="field">
              <legend>
                {t('child.gender')} <span className="optional">{t('common:optional')}</span>
              </legend>
              <div className="choice-row">
                {childGenders.map((gender) => (
                  <label key={gender} className="choice">
                    <input
                      type="radio"
                      name={childFieldId(index, 'gender')}
                      value={gender}
                      checked={child.gender === gender}
                      onChange={() => change(index, { gender }, 'gender')}
                    />
                    <span>{t(`child.genders.${gender}`)}</span>
                  </label>
                ))}
              </div>
              <FieldError id={childFieldId(index, 'gender')} error={error('gender')} />
            </fieldset>
            <ChildInfoField
              id={childFieldId(index, 'info')}
              value={child.infoText}
              error={error('infoText')}
              onChange={(value) => change(index, { infoText: value }, 'infoText')}
            />
            {canRecord() ? (
              <VoiceNote
                id={childFieldId(index, 'voice-note')}
                childName={name}
                savedKey={child.voiceNoteKey}
                error={error('voiceNoteKey') ?? error('voiceNoteProof')}
                onKey={(saved, busy) => {
                  onVoiceBusy(child.id, busy);
                  onChange(
                    items.map((item, at) =>
                      at === index
                        ? { ...item, voiceNoteKey: saved?.key, voiceNoteProof: saved?.proof }
                        : item,
                    ),
                    `children.${index}.voiceNoteKey`,
                    `children.${index}.voiceNoteProof`,
                  );
                }}
              />
            ) : null}
          </>
        );
        // One child reads as before; several are each a group named by its place and name.
        return several ? (
          <fieldset key={child.id} className="child-card">
            <legend>
              {name
                ? t('children.legendNamed', { number: index + 1, name })
                : t('children.legend', { number: index + 1 })}
            </legend>
            {body}
            <div className="child-card-actions">
              <button
                type="button"
                className="button button-link"
                onClick={() => {
                  onVoiceBusy(child.id, false);
                  onChange(
                    items.filter((_child, at) => at !== index),
                    ...Object.keys(errors).filter((field) => field.startsWith('children.')),
                  );
                }}
              >
                {name
                  ? t('children.removeNamed', { name })
                  : t('children.remove', { number: index + 1 })}
              </button>
            </div>
          </fieldset>
        ) : (
          <div key={child.id}>{body}</div>
        );
      })}
      {items.length < maxChildrenPerCall ? (
        <div className="field">
          <button
            type="button"
            className="button button-secondary"
            onClick={() => onChange([...items, emptyChild()])}
          >
            <span aria-hidden="true">+ </span>
            {t('children.add')}
          </button>
          <p className="hint">{t('children.addHint', { max: maxChildrenPerCall })}</p>
        </div>
      ) : (
        <p className="hint">{t('children.full', { max: maxChildrenPerCall })}</p>
      )}
    </>
  );
}
