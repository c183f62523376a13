import type React from 'react';
import { interpolate, useCurrentFrame } from 'remotion';
import { theme } from '../theme.ts';
import { SantaFace } from './SantaFace.tsx';

const size = 460;
/** A ripple leaves the ring this often while Santa speaks, and lives this long (frames). */
const rippleEvery = 36;
const rippleLife = 72;

/**
 * Santa's portrait in a gold ring. While he speaks (`level` 0..1, his smoothed loudness) the
 * ring swells and glows and ripples spread from it; between his turns it rests. Only
 * transforms and opacity change from frame to frame, which Chromium composites cheaply.
 */
export const SantaAvatar: React.FC<{ readonly level: number; readonly speaking: number }> = ({
  level,
  speaking,
}) => {
  const frame = useCurrentFrame();
  const entrance = interpolate(frame, [0, 24], [0.85, 1], { extrapolateRight: 'clamp' });
  const breathe = 1 + 0.012 * Math.sin(frame / 40);
  // Blink for 8 frames every 4 s.
  const blinkPhase = frame % 240;
  const blink = blinkPhase < 8 ? Math.sin((blinkPhase / 8) * Math.PI) : 0;
  const ripples = [0, 1].map((n) => {
    const age = (frame + n * rippleEvery) % rippleLife;
    return {
      key: n,
      scale: 1 + (age / rippleLife) * 0.35,
      opacity: (1 - age / rippleLife) * 0.5 * speaking,
    };
  });
  return (
    <div
      style={{
        position: 'relative',
        width: size,
        height: size,
        willChange: 'transform',
        transform: `scale(${entrance * breathe})`,
      }}
    >
      {/* Glow: a radial gradient disc, not a shadow or blur. */}
      <div
        style={{
          position: 'absolute',
          inset: -170,
          borderRadius: '50%',
          background: `radial-gradient(circle, rgba(246, 196, 83, 0.55) 30%, rgba(246, 196, 83, 0) 68%)`,
          willChange: 'transform, opacity',
          opacity: 0.25 + 0.75 * level,
          transform: `scale(${0.9 + 0.2 * level})`,
        }}
      />
      {ripples.map((ripple) => (
        <div
          key={ripple.key}
          style={{
            position: 'absolute',
            inset: -26,
            borderRadius: '50%',
            border: `6px solid ${theme.goldSoft}`,
            willChange: 'transform, opacity',
            opacity: ripple.opacity,
            transform: `scale(${ripple.scale})`,
          }}
        />
      ))}
      <div
        style={{
          position: 'absolute',
          inset: -26,
          borderRadius: '50%',
          border: `10px solid ${theme.gold}`,
          willChange: 'transform, opacity',
          opacity: 0.55 + 0.45 * speaking,
          transform: `scale(${1 + 0.07 * level})`,
        }}
      />
      <div
        style={{
          position: 'absolute',
          inset: 0,
          borderRadius: '50%',
          overflow: 'hidden',
          border: `6px solid ${theme.text}`,
          background: theme.goldSoft,
          willChange: 'transform',
        }}
      >
        <SantaFace mouthOpen={Math.min(1, level * 1.3)} blink={blink} />
      </div>
    </div>
  );
};
