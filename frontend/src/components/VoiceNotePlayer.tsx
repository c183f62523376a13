import { Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../lib/format.ts';
import './VoiceNotePlayer.css';

const knownLength = (seconds: number) => Number.isFinite(seconds) && seconds > 0;

/**
 * The parent's voice note, played back with its real length.
 *
 * Chromium's MediaRecorder writes WebM with no duration in its header, so a fresh recording's
 * `<audio>` reports `duration` Infinity (or 0) and its controls show "0:00" until it has been
 * played or seeked through (crbug 642012). On `loadedmetadata` the player seeks far past the end,
 * which makes Chromium read the whole (local, in-memory) blob and set the real duration, then
 * seeks back to the start. Until then, and where a browser never learns it, the length shown is
 * `recordedSeconds`, measured by the recorder's own clock.
 *
 * Give it `key={url}`: the length is worked out once per recording, when it mounts.
 *
 * @param url an object URL of the recording (`URL.createObjectURL`).
 * @param recordedSeconds how long the recorder ran, in seconds, if known.
 */
export function VoiceNotePlayer(props: {
  readonly url: string;
  readonly recordedSeconds?: number | undefined;
}) {
  // Its words are in the `recording` namespace, which the wizard has not loaded: only the
  // player waits for them, not the whole step.
  return (
    <Suspense fallback={null}>
      <Player {...props} />
    </Suspense>
  );
}

function Player({
  url,
  recordedSeconds,
}: {
  readonly url: string;
  readonly recordedSeconds?: number | undefined;
}) {
  const { t } = useTranslation('recording');
  const audio = useRef<HTMLAudioElement>(null);
  const [mediaSeconds, setMediaSeconds] = useState<number>();

  useEffect(() => {
    const element = audio.current;
    if (!element) return;
    let probing = false;
    const onMetadata = () => {
      if (knownLength(element.duration)) {
        setMediaSeconds(element.duration);
        return;
      }
      probing = true;
      // Any time past the end will do; the browser clamps it to the real end.
      element.currentTime = Number.MAX_SAFE_INTEGER;
    };
    const onDurationChange = () => {
      if (!knownLength(element.duration)) return;
      setMediaSeconds(element.duration);
      if (probing) {
        probing = false;
        element.currentTime = 0;
      }
    };
    // A browser that still does not know the length after the seek: back to the start anyway.
    const onSeeked = () => {
      if (!probing) return;
      probing = false;
      element.currentTime = 0;
    };
    element.addEventListener('loadedmetadata', onMetadata);
    element.addEventListener('durationchange', onDurationChange);
    element.addEventListener('seeked', onSeeked);
    if (element.readyState >= HTMLMediaElement.HAVE_METADATA) onMetadata();
    return () => {
      element.removeEventListener('loadedmetadata', onMetadata);
      element.removeEventListener('durationchange', onDurationChange);
      element.removeEventListener('seeked', onSeeked);
    };
  }, []);

  // Whole seconds rounded down, as the player's own controls count them.
  const seconds = mediaSeconds ?? recordedSeconds;
  return (
    <span className="voice-note-player">
      {/* biome-ignore lint/a11y/useMediaCaption: a parent's own voice note, played back to them */}
      <audio ref={audio} controls preload="auto" src={url} aria-label={t('voiceNote.label')} />
      {seconds !== undefined ? (
        <span className="hint" data-testid="voice-note-length">
          {t('length', { duration: formatDuration(Math.max(1, Math.floor(seconds))) })}
        </span>
      ) : null}
    </span>
  );
}
