import type { ReactNode } from 'react';
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

export function Layout({ children }: { readonly children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <Link to="/" className="brand" aria-label="CallSanta home">
            <BrandMark />
            CallSanta
          </Link>
          <nav aria-label="Main" className="main-nav">
            <Link to="/faq" className="nav-link">
              FAQ
            </Link>
            <Link to="/book" className="header-cta">
              Book a call
            </Link>
          </nav>
        </div>
      </header>
      {children}
      <footer className="site-footer">
        <div className="site-footer-inner">
          <nav aria-label="Footer">
            <ul>
              <li>
                <Link to="/faq">Questions and answers</Link>
              </li>
              <li>
                <Link to="/contact">Contact us</Link>
              </li>
              <li>
                <Link to="/privacy">Privacy</Link>
              </li>
              <li>
                <Link to="/terms">Terms</Link>
              </li>
              <li>
                <Link to="/affiliate/join">Become a creator partner</Link>
              </li>
            </ul>
          </nav>
          <p>Santa's voice is AI-generated. We say so before every call.</p>
        </div>
      </footer>
    </>
  );
}
