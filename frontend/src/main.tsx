import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './lib/i18n.ts';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
createRoot(root).render(
  <StrictMode>
    {/* Until the header's words in the visitor's language have loaded (English ships inline). */}
    <Suspense fallback={null}>
      <App />
    </Suspense>
  </StrictMode>,
);
