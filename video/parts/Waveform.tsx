import type React from 'react';
import { smoothedPeak } from '../timeline.ts';

const bars = 43;
/** Each bar away from the middle shows the loudness this many frames earlier. */
const framesPerBar = 2;
const barWidth = 12;
const gap = 9;
const maxHeight = 190;
const minHeight = 10;
const santaBars = 'linear-gradient(180deg, #fff4d6 0%, #f6c453 100%)';
const otherBars = 'linear-gradient(180deg, #ffffff 0%, #9fd3ff 100%)';

/**
 * Voice bars: the middle bar is the loudness now and the others the recent past, mirrored
 * outwards, so the sound visibly travels from the centre. Heights come from the precomputed
 * `peaks` (one per frame), never from decoding audio in the browser.
 */
export const Waveform: React.FC<{
  readonly peaks: readonly number[];
  readonly frame: number;
  /** Gold while Santa speaks, frosty white-blue otherwise. */
  readonly santa: boolean;
}> = ({ peaks, frame, santa }) => {
  const middle = (bars - 1) / 2;
  return (
    <div
      style={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        gap,
        height: maxHeight,
        width: bars * (barWidth + gap),
      }}
    >
      {Array.from({ length: bars }, (_, index) => {
        const distance = Math.abs(index - middle);
        const level = smoothedPeak(peaks, frame - distance * framesPerBar, 4);
        // Outer bars taper so the shape reads as one voice, not a spectrum.
        const taper = 1 - (distance / (middle + 1)) ** 2 * 0.55;
        const height = minHeight + (maxHeight - minHeight) * level * taper;
        return (
          <div
            // biome-ignore lint/suspicious/noArrayIndexKey: the bars are a fixed row.
            key={index}
            style={{
              width: barWidth,
              height,
              borderRadius: barWidth / 2,
              background: santa ? santaBars : otherBars,
              opacity: 0.55 + 0.45 * (1 - distance / middle),
            }}
          />
        );
      })}
    </div>
  );
};
