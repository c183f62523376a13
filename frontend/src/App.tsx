import { useEffect, useState } from 'react';

type Health = 'checking' | 'ok' | 'unavailable';

/** The landing page. The booking wizard, status and recording pages arrive with the site issue. */
export function App() {
  const [health, setHealth] = useState<Health>('checking');

  useEffect(() => {
    fetch('/api/health')
      .then((response) => setHealth(response.ok ? 'ok' : 'unavailable'))
      .catch(() => setHealth('unavailable'));
  }, []);

  return (
    <main>
      <h1>A phone call from Santa</h1>
      <p>
        Tell us your child's name, age and what they love. At the time you choose, Santa rings your
        phone and talks with them — and afterwards you get the transcript and, if you like, the
        recording.
      </p>
      <p className="status" aria-live="polite">
        Service status:{' '}
        {health === 'checking' ? 'checking…' : health === 'ok' ? 'all systems go' : 'unavailable'}
      </p>
    </main>
  );
}
