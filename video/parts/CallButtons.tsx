import type React from 'react';
import { theme } from '../theme.ts';

const Round: React.FC<{
  readonly background: string;
  readonly label: string;
  readonly children: React.ReactNode;
}> = ({ background, label, children }) => (
  <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', gap: 14 }}>
    <div
      style={{
        width: 132,
        height: 132,
        borderRadius: 66,
        background,
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
      }}
    >
      {children}
    </div>
    <div style={{ fontFamily: theme.sans, fontSize: 30, color: theme.textSoft }}>{label}</div>
  </div>
);

/** The phone's call controls, drawn (not working): they make the frame read as a call. */
export const CallButtons: React.FC = () => (
  <div style={{ display: 'flex', gap: 110, alignItems: 'flex-start' }}>
    <Round background="rgba(255, 255, 255, 0.14)" label="mute">
      <svg width={60} height={60} viewBox="0 0 24 24" aria-hidden>
        <title>Mute</title>
        <rect x={9} y={3} width={6} height={11} rx={3} fill={theme.text} />
        <path
          d="M5 11a7 7 0 0 0 14 0M12 18v3"
          stroke={theme.text}
          strokeWidth={2}
          fill="none"
          strokeLinecap="round"
        />
      </svg>
    </Round>
    <Round background={theme.red} label="end">
      <svg width={70} height={70} viewBox="0 0 24 24" aria-hidden>
        <title>End call</title>
        <path
          d="M3 14.5c5-4.5 13-4.5 18 0l-2.2 2.6-3.6-1.6v-2.6c-2.1-.7-4.3-.7-6.4 0v2.6l-3.6 1.6z"
          fill={theme.text}
        />
      </svg>
    </Round>
    <Round background="rgba(255, 255, 255, 0.14)" label="speaker">
      <svg width={60} height={60} viewBox="0 0 24 24" aria-hidden>
        <title>Speaker</title>
        <path d="M4 9h4l5-4v14l-5-4H4z" fill={theme.text} />
        <path
          d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12"
          stroke={theme.text}
          strokeWidth={2}
          fill="none"
          strokeLinecap="round"
        />
      </svg>
    </Round>
  </div>
);
