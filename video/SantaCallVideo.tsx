import type React from 'react';
import { AbsoluteFill, Audio, useCurrentFrame, useVideoConfig } from 'remotion';
import { Backdrop } from './parts/Backdrop.tsx';
import { CallButtons } from './parts/CallButtons.tsx';
import { CallCaption } from './parts/CallCaption.tsx';
import { FairyLights } from './parts/FairyLights.tsx';
import { Logo } from './parts/Logo.tsx';
import { SantaAvatar } from './parts/SantaAvatar.tsx';
import { Snow } from './parts/Snow.tsx';
import { Waveform } from './parts/Waveform.tsx';
import type { SantaCallVideoProps } from './props.ts';
import { speakingChild } from './speaking-turns.ts';
import { isSantaSpeaking, santaVoiceLevel } from './timeline.ts';

/**
 * The Santa call video (1080×1920, 60 fps): a winter night with snow and fairy lights,
 * Santa's portrait whose ring pulses while he speaks, "Calling <child>…", the call timer,
 * voice bars from the precomputed peaks, call controls, the CallSanta watermark, and the call
 * recording as the soundtrack. Props are validated by `santaCallVideoProps` (props.ts) in
 * `calculateMetadata` before a frame is drawn.
 */
export const SantaCallVideo: React.FC<SantaCallVideoProps> = ({
  childName,
  audioUrl,
  peaks,
  santaTurns,
  childTurns,
}) => {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const seconds = frame / fps;
  const level = santaVoiceLevel(peaks, santaTurns, frame, fps);
  const speaking =
    santaTurns.length === 0 ? Math.min(1, level * 3) : isSantaSpeaking(santaTurns, seconds) ? 1 : 0;
  return (
    <AbsoluteFill style={{ backgroundColor: '#050b1f' }}>
      <Backdrop />
      <Snow />
      <FairyLights />
      <AbsoluteFill
        style={{ alignItems: 'center', justifyContent: 'flex-start', paddingTop: 380, gap: 0 }}
      >
        <SantaAvatar level={level} speaking={speaking} />
        <div style={{ height: 110 }} />
        <CallCaption
          childName={childName}
          seconds={seconds}
          speaker={speakingChild(childTurns, seconds)}
        />
        <div style={{ height: 90 }} />
        <Waveform peaks={peaks} frame={frame} santa={speaking > 0.5} />
      </AbsoluteFill>
      <AbsoluteFill style={{ alignItems: 'center', justifyContent: 'flex-end', paddingBottom: 80 }}>
        <CallButtons />
        <div style={{ height: 70 }} />
        <Logo />
      </AbsoluteFill>
      <Audio src={audioUrl} />
    </AbsoluteFill>
  );
};
