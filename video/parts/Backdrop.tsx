import type React from 'react';
import { AbsoluteFill } from 'remotion';
import { theme } from '../theme.ts';

/**
 * The still part of the night sky: gradients and a snowy ground, painted once and never
 * changed, so Chromium keeps its raster from frame to frame.
 */
export const Backdrop: React.FC = () => (
  <AbsoluteFill
    style={{
      willChange: 'transform',
      background: [
        'radial-gradient(ellipse 900px 700px at 50% 30%, rgba(246, 196, 83, 0.22), rgba(246, 196, 83, 0) 70%)',
        `radial-gradient(ellipse 1400px 900px at 50% 110%, ${theme.berry}, rgba(92, 15, 36, 0) 70%)`,
        `linear-gradient(180deg, ${theme.nightDeep} 0%, ${theme.night} 45%, #1b1440 100%)`,
      ].join(', '),
    }}
  >
    <svg
      width={1080}
      height={1920}
      viewBox="0 0 1080 1920"
      style={{ position: 'absolute', inset: 0 }}
      aria-hidden
    >
      <title>Snowy hills</title>
      <path
        d="M0 1700 C 220 1610 380 1640 540 1690 C 720 1745 880 1640 1080 1660 L 1080 1920 L 0 1920 Z"
        fill="#dfe9ff"
        opacity={0.1}
      />
      <path
        d="M0 1770 C 260 1720 420 1760 600 1790 C 780 1820 920 1750 1080 1760 L 1080 1920 L 0 1920 Z"
        fill="#eef4ff"
        opacity={0.14}
      />
    </svg>
  </AbsoluteFill>
);
