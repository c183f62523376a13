import type React from 'react';
import { theme } from '../theme.ts';
import { callTimer } from '../timeline.ts';

/**
 * Who is on the line: "Santa Claus", "Calling <children>…" (or the name of the child speaking,
 * when the transcript says who), and the call timer (mm:ss) with a
 * live dot. The child's name is drawn, never logged.
 */
export const CallCaption: React.FC<{
  readonly childName: string;
  readonly seconds: number;
  /** The child speaking now, when known by name: named instead of "Calling …". */
  readonly speaker?: string | undefined;
}> = ({ childName, seconds, speaker }) => {
  const dotOn = Math.floor(seconds * 2) % 2 === 0;
  return (
    <div
      style={{
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        gap: 22,
        color: theme.text,
        textAlign: 'center',
      }}
    >
      <div style={{ fontFamily: theme.serif, fontSize: 92, fontWeight: 700, letterSpacing: 1 }}>
        Santa Claus
      </div>
      <div
        style={{
          fontFamily: theme.sans,
          fontSize: 50,
          color: theme.goldSoft,
          maxWidth: 960,
          overflow: 'hidden',
          textOverflow: 'ellipsis',
          whiteSpace: 'nowrap',
        }}
      >
        {speaker ? `🎙 ${speaker}` : `Calling ${childName}…`}
      </div>
      <div
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 16,
          marginTop: 8,
          padding: '12px 30px',
          borderRadius: 40,
          background: 'rgba(255, 255, 255, 0.1)',
          fontFamily: theme.sans,
          fontSize: 44,
          fontVariantNumeric: 'tabular-nums',
          color: theme.text,
        }}
      >
        <div
          style={{
            width: 18,
            height: 18,
            borderRadius: 9,
            background: theme.red,
            opacity: dotOn ? 1 : 0.35,
          }}
        />
        {callTimer(seconds)}
      </div>
    </div>
  );
};
