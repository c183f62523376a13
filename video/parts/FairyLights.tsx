import type React from 'react';
import { useCurrentFrame } from 'remotion';

const bulbColours = ['#ff5a5f', '#ffd166', '#5ce1a6', '#6ec3ff', '#ff9ff3'] as const;

/** Where the wire hangs: a quadratic curve from (0, 70) sagging to y=190 in the middle. */
function wireY(x: number): number {
  const t = x / 1080;
  return 70 * (1 - t) ** 2 + 2 * 250 * t * (1 - t) + 70 * t * t;
}

const bulbs = Array.from({ length: 12 }, (_, index) => {
  const x = 45 + index * 90;
  return { x, y: wireY(x) + 18, colour: bulbColours[index % bulbColours.length] ?? '#ffd166' };
});

/**
 * A string of coloured bulbs across the top that twinkle softly: each bulb's glow is a
 * radial gradient (no CSS blur or shadow, which would cost every frame) whose opacity breathes.
 */
export const FairyLights: React.FC = () => {
  const frame = useCurrentFrame();
  return (
    <svg
      width={1080}
      height={320}
      viewBox="0 0 1080 320"
      style={{ position: 'absolute', left: 0, top: 0 }}
      aria-hidden
    >
      <title>Fairy lights</title>
      <defs>
        {bulbColours.map((colour) => (
          <radialGradient key={colour} id={`glow-${colour.slice(1)}`}>
            <stop offset="0%" stopColor={colour} stopOpacity={0.75} />
            <stop offset="100%" stopColor={colour} stopOpacity={0} />
          </radialGradient>
        ))}
      </defs>
      <path d="M0 70 Q 540 430 1080 70" stroke="#1d2a1f" strokeWidth={4} fill="none" />
      {bulbs.map((bulb, index) => {
        const twinkle = 0.55 + 0.45 * Math.sin(frame / 22 + index * 1.7);
        return (
          <g key={bulb.x}>
            <circle
              cx={bulb.x}
              cy={bulb.y + 6}
              r={46}
              fill={`url(#glow-${bulb.colour.slice(1)})`}
              opacity={twinkle}
            />
            <rect x={bulb.x - 7} y={bulb.y - 18} width={14} height={12} rx={3} fill="#3a4a3c" />
            <ellipse cx={bulb.x} cy={bulb.y + 6} rx={11} ry={16} fill={bulb.colour} />
            <ellipse cx={bulb.x - 3} cy={bulb.y} rx={3} ry={6} fill="#ffffff" opacity={0.6} />
          </g>
        );
      })}
    </svg>
  );
};
