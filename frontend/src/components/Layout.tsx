import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguageCode, languages } from '../../../functions/core/languages.ts';
import { chooseLanguage, siteLanguage } from '../lib/i18n.ts';
import { Link } from '../lib/router.tsx';

/** The brand's mark: a gold star with a little bell's glint, drawn inline (no request). */
function BrandMark() {
  return (
    <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M12 1.8l2.9 6.3 6.9.8-5.1 4.7 1.4 6.8L12 16.9l-6.1 3.5 1.4-6.8-5.1-4.7 6.9-.8z"
        fill="currentColor"
      />
      <circle cx="12" cy="11.6" r="2.2" fill="#fff6cf" />
    </svg>
  );
}

/**
 * The site's language: each language by its own name, a native select (keyboard and screen
 * reader as the platform makes them). The choice is remembered and sets <html lang>.
 */
function LanguagePicker() {
  const { t } = useTranslation('common');
  return (
    <div className="language-picker">
      <label htmlFor="site-language" className="visually-hidden">
        {t('language.label')}
      </label>
      <select
        id="site-language"
        value={siteLanguage()}
        onChange={(event) => {
          if (isLanguageCode(event.target.value)) void chooseLanguage(event.target.value);
        }}
      >
        {languages.map((language) => (
          <option key={language.code} value={language.code} lang={language.code}>
            {language.name}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Layout({ children }: { readonly children: ReactNode }) {
  const { t } = useTranslation('common');
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <Link to="/" className="brand" aria-label={t('brandHome')}>
            <BrandMark />
            CallSanta
          </Link>
          <nav aria-label={t('nav.main')} className="main-nav">
            <LanguagePicker />
            <Link to="/faq" className="nav-link">
              {t('nav.faq')}
            </Link>
            <Link to="/book" className="header-cta">
              {t('nav.book')}
            </Link>
          </nav>
        </div>
      </header>
      {children}
      <footer className="site-footer">
        <div className="site-footer-inner">
          <nav aria-label={t('nav.footer')}>
            <ul>
              <li>
                <Link to="/faq">{t('footer.faq')}</Link>
              </li>
              <li>
                <Link to="/contact">{t('footer.contact')}</Link>
              </li>
              <li>
                <Link to="/privacy">{t('footer.privacy')}</Link>
              </li>
              <li>
                <Link to="/terms">{t('footer.terms')}</Link>
              </li>
              <li>
                <Link to="/affiliate/join">{t('footer.affiliate')}</Link>
              </li>
            </ul>
          </nav>
          <p>{t('footer.aiVoice')}</p>
        </div>
      </footer>
    </>
  );
}
