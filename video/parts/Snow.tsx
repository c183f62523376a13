import type React from 'react';
import { random, useCurrentFrame } from 'remotion';

interface Flake {
  readonly x: number;
  readonly y: number;
  readonly radius: number;
  /** Pixels a frame downwards. */
  readonly fall: number;
  readonly swayPx: number;
  readonly swayPhase: number;
  readonly opacity: number;
}

const width = 1080;
const height = 1920;
const count = 90;

/** Deterministic flakes (Remotion's seeded `random`): every render of a frame is the same. */
const flakes: readonly Flake[] = Array.from({ length: count }, (_, index) => {
  const depth = random(`depth-${index}`);
  return {
    x: random(`x-${index}`) * width,
    y: random(`y-${index}`) * height,
    radius: 2 + depth * 6,
    fall: 0.6 + depth * 2.2,
    swayPx: 8 + random(`sway-${index}`) * 22,
    swayPhase: random(`phase-${index}`) * Math.PI * 2,
    opacity: 0.35 + depth * 0.55,
  };
});

/** Falling snow: one SVG of plain circles; near flakes are bigger, brighter and faster. */
export const Snow: React.FC = () => {
  const frame = useCurrentFrame();
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      style={{ position: 'absolute', inset: 0 }}
      aria-hidden
    >
      <title>Snow</title>
      {flakes.map((flake, index) => {
        const y = (((flake.y + frame * flake.fall) % (height + 20)) + height + 20) % (height + 20);
        const x = flake.x + Math.sin(frame / 70 + flake.swayPhase) * flake.swayPx;
        return (
          <circle
            // biome-ignore lint/suspicious/noArrayIndexKey: the flakes are a fixed list.
            key={index}
            cx={x}
            cy={y - 10}
            r={flake.radius}
            fill="#ffffff"
            opacity={flake.opacity}
          />
        );
      })}
    </svg>
  );
};
