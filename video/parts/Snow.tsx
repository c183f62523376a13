import type React from 'react';
import { random, useCurrentFrame } from 'remotion';

interface Flake {
  readonly x: number;
  readonly y: number;
  readonly size: number;
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
    size: Math.round(4 + depth * 12),
    fall: 0.6 + depth * 2.2,
    swayPx: 8 + random(`sway-${index}`) * 22,
    swayPhase: random(`phase-${index}`) * Math.PI * 2,
    opacity: 0.35 + depth * 0.55,
  };
});

/**
 * Falling snow; near flakes are bigger, brighter and faster. Each flake is its own
 * compositor layer moved by a transform, so Chromium paints it once and only composites it on
 * later frames (a full-screen SVG of moving circles had to be re-painted every frame).
 */
export const Snow: React.FC = () => {
  const frame = useCurrentFrame();
  return (
    <>
      {flakes.map((flake, index) => {
        const y = (flake.y + frame * flake.fall) % (height + 20);
        const x = flake.x + Math.sin(frame / 70 + flake.swayPhase) * flake.swayPx;
        return (
          <div
            // biome-ignore lint/suspicious/noArrayIndexKey: the flakes are a fixed list.
            key={index}
            style={{
              position: 'absolute',
              left: 0,
              top: 0,
              width: flake.size,
              height: flake.size,
              borderRadius: '50%',
              background: '#ffffff',
              opacity: flake.opacity,
              willChange: 'transform',
              transform: `translate3d(${x.toFixed(1)}px, ${(y - 20).toFixed(1)}px, 0)`,
            }}
          />
        );
      })}
    </>
  );
};
