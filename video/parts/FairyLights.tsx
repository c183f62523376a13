import type React from 'react';
import { useCurrentFrame } from 'remotion';

const bulbColours = ['#ff5a5f', '#ffd166', '#5ce1a6', '#6ec3ff', '#ff9ff3'] as const;

/** Where the wire hangs: a quadratic curve from (0, 70) sagging to y=250 in the middle. */
function wireY(x: number): number {
  const t = x / 1080;
  return 70 * (1 - t) ** 2 + 2 * 250 * t * (1 - t) + 70 * t * t;
}

const bulbs = Array.from({ length: 12 }, (_, index) => {
  const x = 45 + index * 90;
  return { x, y: wireY(x) + 18, colour: bulbColours[index % bulbColours.length] ?? '#ffd166' };
});

const glowRadius = 46;

/**
 * A string of coloured bulbs across the top that twinkle softly. The wire and bulbs are one
 * still SVG; each glow is a radial-gradient disc on its own compositor layer whose opacity
 * breathes — no CSS blur or shadow, and nothing re-painted from frame to frame.
 */
export const FairyLights: React.FC = () => {
  const frame = useCurrentFrame();
  return (
    <>
      {bulbs.map((bulb, index) => (
        <div
          key={bulb.x}
          style={{
            position: 'absolute',
            left: bulb.x - glowRadius,
            top: bulb.y + 6 - glowRadius,
            width: glowRadius * 2,
            height: glowRadius * 2,
            borderRadius: '50%',
            background: `radial-gradient(circle, ${bulb.colour}c0 0%, ${bulb.colour}00 70%)`,
            willChange: 'opacity',
            opacity: 0.55 + 0.45 * Math.sin(frame / 22 + index * 1.7),
          }}
        />
      ))}
      <svg
        width={1080}
        height={320}
        viewBox="0 0 1080 320"
        style={{ position: 'absolute', left: 0, top: 0, willChange: 'transform' }}
        aria-hidden
      >
        <title>Fairy lights</title>
        <path d="M0 70 Q 540 430 1080 70" stroke="#1d2a1f" strokeWidth={4} fill="none" />
        {bulbs.map((bulb) => (
          <g key={bulb.x}>
            <rect x={bulb.x - 7} y={bulb.y - 18} width={14} height={12} rx={3} fill="#3a4a3c" />
            <ellipse cx={bulb.x} cy={bulb.y + 6} rx={11} ry={16} fill={bulb.colour} />
            <ellipse cx={bulb.x - 3} cy={bulb.y} rx={3} ry={6} fill="#ffffff" opacity={0.6} />
          </g>
        ))}
      </svg>
    </>
  );
};
