import { useTranslation } from 'react-i18next';
import type { CallSummary } from '../lib/call-summary.ts';

/**
 * "What <name> asked Santa for": each child's wishes as a list, what they are proud of, and —
 * gently — anything that worried them, with the call's summary above. Only for the parent (the
 * recording page with their token); a shared link never shows it (a child's wishes are
 * private). The words are the call's analysis, in the call's language.
 */
export function WishList({ summary }: { readonly summary: CallSummary }) {
  const { t } = useTranslation('recording');
  return (
    <section className="card wish-list" aria-labelledby="wishes-title">
      <h2 id="wishes-title">{t('wishes.title')}</h2>
      {summary.summary ? (
        <p className="call-summary" data-testid="call-summary">
          {summary.summary}
        </p>
      ) : null}
      {summary.children.map((child, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the children keep the booking's order
        <section key={index} className="child-wishes" aria-labelledby={`wishes-${index}`}>
          <h3 id={`wishes-${index}`}>{t('wishes.askedFor', { name: child.name })}</h3>
          {child.wishes.length ? (
            <ul data-testid="wishes">
              {child.wishes.map((wish, at) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a wish may be said twice
                <li key={at}>{wish}</li>
              ))}
            </ul>
          ) : (
            <p>{t('wishes.none', { name: child.name })}</p>
          )}
          {child.proudOf ? (
            <p>
              <strong>{t('wishes.proudOf', { name: child.name })}</strong> {child.proudOf}
            </p>
          ) : null}
          {child.worries ? (
            <p>
              <strong>{t('wishes.worries', { name: child.name })}</strong> {child.worries}
            </p>
          ) : null}
        </section>
      ))}
      <p className="hint">{t('wishes.private')}</p>
    </section>
  );
}
