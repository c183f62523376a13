import type React from 'react';
import { theme } from '../theme.ts';

/** The CallSanta watermark: a gold star and the name, quiet enough not to compete. */
export const Logo: React.FC = () => (
  <div style={{ display: 'flex', alignItems: 'center', gap: 14, opacity: 0.85 }}>
    <svg width={46} height={46} viewBox="0 0 24 24" aria-hidden>
      <title>Star</title>
      <path
        d="M12 2l2.9 6.3 6.9.7-5.2 4.6 1.5 6.8L12 16.9 5.9 20.4l1.5-6.8L2.2 9l6.9-.7z"
        fill={theme.gold}
      />
    </svg>
    <div style={{ fontFamily: theme.serif, fontSize: 44, color: theme.text, letterSpacing: 1 }}>
      Call<span style={{ color: theme.gold, fontWeight: 700 }}>Santa</span>
    </div>
  </div>
);
