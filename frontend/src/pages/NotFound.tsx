import { useTranslation } from 'react-i18next';
import { Page } from '../components/Page.tsx';
import { Link } from '../lib/router.tsx';

/** The page for an address, booking link or share link that leads nowhere. */
export function NotFound({ what = 'page' }: { readonly what?: 'page' | 'booking' | 'share link' }) {
  const { t } = useTranslation('notfound');
  return (
    <Page title={t('title')} heading={t('heading')}>
      <p className="lead">
        {what === 'booking' ? t('booking') : what === 'share link' ? t('shareLink') : t('page')}
      </p>
      <p>
        <Link to="/" className="button button-secondary">
          {t('home')}
        </Link>
      </p>
    </Page>
  );
}
