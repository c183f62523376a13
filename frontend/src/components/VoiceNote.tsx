import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../lib/api.ts';
import { translateMessage } from '../lib/i18n.ts';
import type { VoiceNoteUpload } from '../lib/types.ts';
import { FieldError } from './Field.tsx';
import { VoiceNotePlayer } from './VoiceNotePlayer.tsx';

type State =
  | { readonly kind: 'idle' }
  | { readonly kind: 'starting' }
  | { readonly kind: 'recording'; readonly seconds: number }
  | {
      readonly kind: 'uploading';
      readonly url: string;
      readonly seconds: number;
      readonly percent: number | undefined;
    }
  | { readonly kind: 'saved'; readonly url?: string | undefined; readonly seconds?: number }
  | {
      readonly kind: 'failed';
      readonly url?: string | undefined;
      readonly seconds?: number;
      readonly message: string;
    };

const maxSeconds = 120;
/**
 * Recordings of this page load by key (object URL and length in seconds), so a parent can
 * still listen after going back a step.
 */
const recordings = new Map<string, { readonly url: string; readonly seconds: number }>();
const preferredTypes = [
  'audio/webm;codecs=opus',
  'audio/webm',
  'audio/ogg;codecs=opus',
  'audio/mp4',
];

export const canRecord = () =>
  typeof window !== 'undefined' &&
  typeof window.MediaRecorder !== 'undefined' &&
  Boolean(navigator.mediaDevices?.getUserMedia);

/** Posts the recording straight to S3 with the presigned form, reporting progress. */
function uploadWithProgress(
  form: VoiceNoteUpload,
  blob: Blob,
  onProgress: (percent: number) => void,
): Promise<void> {
  const body = new FormData();
  for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
  body.append('file', blob, form.key.split('/').pop());
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.uploadUrl);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () =>
      xhr.status >= 200 && xhr.status < 300
        ? resolve()
        : reject(new Error('The voice note could not be saved. Please try again.'));
    xhr.onerror = () => reject(new TypeError('network'));
    xhr.send(body);
  });
}

/**
 * Where S3 does not let the page read its answer (no CORS rule), the form still uploads as a
 * plain cross-origin form post; the booking then checks the note arrived.
 */
async function uploadWithoutProgress(form: VoiceNoteUpload, blob: Blob): Promise<void> {
  const body = new FormData();
  for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
  body.append('file', blob, form.key.split('/').pop());
  await fetch(form.uploadUrl, { method: 'POST', body, mode: 'no-cors' });
}

/**
 * A voice note for Santa, recorded in the browser: record, listen back, record again. It is
 * uploaded as soon as it is recorded; its key goes into the booking.
 */
export function VoiceNote({
  id = 'voice-note',
  childName = '',
  savedKey,
  onKey,
  error,
}: {
  /** Unique on the page: one voice note per child. */
  readonly id?: string;
  /** The child it is about, when known, for the hint ("what Emma loves"). */
  readonly childName?: string;
  readonly savedKey?: string | undefined;
  /** The saved note's key and its proof (both go into the booking), or undefined. */
  readonly onKey: (
    saved: { readonly key: string; readonly proof: string } | undefined,
    busy: boolean,
  ) => void;
  readonly error?: string | undefined;
}) {
  const { t } = useTranslation('book');
  const [state, setState] = useState<State>(() =>
    savedKey ? { kind: 'saved', ...recordings.get(savedKey) } : { kind: 'idle' },
  );
  const recorder = useRef<MediaRecorder | null>(null);
  const timer = useRef<number | undefined>(undefined);

  useEffect(
    () => () => {
      window.clearInterval(timer.current);
      recorder.current?.stream.getTracks().forEach((track) => {
        track.stop();
      });
    },
    [],
  );

  async function upload(blob: Blob, url: string, seconds: number) {
    setState({ kind: 'uploading', url, seconds, percent: 0 });
    onKey(undefined, true);
    try {
      const form = await api<VoiceNoteUpload>('/api/voice-notes', {
        method: 'POST',
        body: { contentType: blob.type || 'audio/webm', sizeBytes: blob.size },
      });
      try {
        await uploadWithProgress(form, blob, (percent) =>
          setState({ kind: 'uploading', url, seconds, percent }),
        );
      } catch (error) {
        if (!(error instanceof TypeError)) throw error;
        setState({ kind: 'uploading', url, seconds, percent: undefined });
        await uploadWithoutProgress(form, blob);
      }
      recordings.set(form.key, { url, seconds });
      setState({ kind: 'saved', url, seconds });
      onKey({ key: form.key, proof: form.proof }, false);
    } catch (error) {
      setState({
        kind: 'failed',
        url,
        seconds,
        message:
          error instanceof ApiError ? translateMessage(error.message) : t('voiceNote.notSaved'),
      });
      onKey(undefined, false);
    }
  }

  async function start() {
    setState({ kind: 'starting' });
    onKey(undefined, true);
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      setState({
        kind: 'failed',
        message: t('voiceNote.noMicrophone'),
      });
      onKey(undefined, false);
      return;
    }
    const mimeType = preferredTypes.find((type) => MediaRecorder.isTypeSupported(type));
    const media = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
    const chunks: Blob[] = [];
    media.ondataavailable = (event) => {
      if (event.data.size) chunks.push(event.data);
    };
    let startedAt = performance.now();
    media.onstart = () => {
      startedAt = performance.now();
    };
    media.onstop = () => {
      window.clearInterval(timer.current);
      // Measured here: a WebM blob from MediaRecorder carries no duration of its own.
      const seconds = (performance.now() - startedAt) / 1000;
      stream.getTracks().forEach((track) => {
        track.stop();
      });
      const type = (media.mimeType || mimeType || 'audio/webm').split(';')[0] ?? 'audio/webm';
      const blob = new Blob(chunks, { type });
      void upload(blob, URL.createObjectURL(blob), seconds);
    };
    recorder.current = media;
    media.start(250);
    setState({ kind: 'recording', seconds: 0 });
    timer.current = window.setInterval(() => {
      const seconds = Math.floor((performance.now() - startedAt) / 1000);
      if (seconds >= maxSeconds) media.stop();
      else setState({ kind: 'recording', seconds });
    }, 250);
  }

  const stop = () => recorder.current?.state === 'recording' && recorder.current.stop();
  const discard = () => {
    setState({ kind: 'idle' });
    onKey(undefined, false);
  };

  const url = 'url' in state ? state.url : undefined;
  const hasNote = url !== undefined || state.kind === 'saved';
  const status =
    state.kind === 'starting'
      ? t('voiceNote.asking')
      : state.kind === 'recording'
        ? t('voiceNote.recording', { minutes: maxSeconds / 60 })
        : state.kind === 'uploading'
          ? state.percent === undefined
            ? t('voiceNote.saving')
            : t('voiceNote.savingPercent', { percent: state.percent })
          : state.kind === 'saved'
            ? t('voiceNote.saved')
            : state.kind === 'failed'
              ? state.message
              : '\u00a0';

  return (
    <fieldset className={error ? 'voice-note field-invalid' : 'voice-note'}>
      <legend>
        {t('voiceNote.legend')} <span className="optional">{t('common:optional')}</span>
      </legend>
      <p className="hint">
        {childName.trim()
          ? t('voiceNote.hintNamed', { name: childName.trim() })
          : t('voiceNote.hint')}
      </p>
      <div className="voice-controls">
        {state.kind === 'recording' ? (
          <button type="button" className="button button-primary" onClick={stop}>
            <span aria-hidden="true">■ </span>
            {t('voiceNote.stop', { seconds: state.seconds })}
          </button>
        ) : hasNote ? (
          <>
            {url ? (
              <VoiceNotePlayer
                key={url}
                url={url}
                recordedSeconds={'seconds' in state ? state.seconds : undefined}
              />
            ) : null}
            <button
              type="button"
              className="button button-secondary"
              onClick={() => void start()}
              disabled={state.kind === 'uploading'}
            >
              {t('voiceNote.again')}
            </button>
            <button
              type="button"
              className="button button-link"
              onClick={discard}
              disabled={state.kind === 'uploading'}
            >
              {t('voiceNote.delete')}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => void start()}
            disabled={state.kind === 'starting'}
          >
            <span aria-hidden="true">● </span>
            {t('voiceNote.record')}
          </button>
        )}
      </div>
      <div className="progress-slot">
        {state.kind === 'uploading' ? (
          <progress
            max={100}
            value={state.percent}
            aria-label={t('voiceNote.upload')}
            className="upload-progress"
          />
        ) : null}
      </div>
      <p
        className={state.kind === 'failed' ? 'status status-error' : 'status'}
        role="status"
        data-testid="voice-note-status"
      >
        {status}
      </p>
      <FieldError id={id} error={error} />
    </fieldset>
  );
}
