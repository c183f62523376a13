import type React from 'react';
import { type CalculateMetadataFunction, Composition } from 'remotion';
import {
  durationInFrames,
  type SantaCallVideoProps,
  santaCallVideo,
  santaCallVideoProps,
} from './props.ts';
import { SantaCallVideo } from './SantaCallVideo.tsx';

/** Shown in the Studio and used when no input props are given: 3 s of a silent sample. */
const sampleProps: SantaCallVideoProps = {
  childName: 'Ada',
  audioUrl: 'https://example.com/call.mp3',
  durationSeconds: 3,
  peaks: Array.from({ length: 180 }, (_, frame) => Math.abs(Math.sin(frame / 7)) * 0.8),
  santaTurns: [{ startSeconds: 0, endSeconds: 2 }],
};

/**
 * Validates the input props with the one zod schema (Remotion's `schema` prop wants zod 3;
 * the project is on zod 4, so the check is here) and sizes the video to the call.
 */
const calculateMetadata: CalculateMetadataFunction<SantaCallVideoProps> = ({ props }) => {
  const parsed = santaCallVideoProps.parse(props);
  return { props: parsed, durationInFrames: durationInFrames(parsed.durationSeconds) };
};

/** The Remotion root: the one composition, `SantaCallVideo`. */
export const Root: React.FC = () => (
  <Composition
    id={santaCallVideo.id}
    component={SantaCallVideo}
    width={santaCallVideo.width}
    height={santaCallVideo.height}
    fps={santaCallVideo.fps}
    durationInFrames={durationInFrames(sampleProps.durationSeconds)}
    defaultProps={sampleProps}
    calculateMetadata={calculateMetadata}
  />
);
