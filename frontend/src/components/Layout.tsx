import type { ReactNode } from 'react';
import { Link } from '../lib/router.tsx';

export function Layout({ children }: { readonly children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <Link to="/" className="brand" aria-label="CallSanta home">
            <span aria-hidden="true" className="brand-mark">
              ★
            </span>
            CallSanta
          </Link>
          <nav aria-label="Main">
            <Link to="/book" className="header-cta">
              Book a call
            </Link>
          </nav>
        </div>
      </header>
      {children}
      <footer className="site-footer">
        <nav aria-label="Footer">
          <ul>
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
      </footer>
    </>
  );
}
