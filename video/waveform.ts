import { MPEGDecoder } from 'mpg123-decoder';

/** Loudness per video frame, and the length of the decoded audio. */
export interface WaveformPeaks {
  /** One value per video frame, 0..1 (1 = the loud end of this call's speech). */
  readonly peaks: number[];
  /** The decoded audio's length in seconds. */
  readonly durationSeconds: number;
}

/** The MP3 is fed to the decoder this many bytes at a time, so no call is held as PCM whole. */
const chunkBytes = 64 * 1024;
/** The frame loudness that counts as full scale: this quantile of the frames with sound. */
const referenceQuantile = 0.95;
/** RMS below this (about −50 dBFS) is line noise, not sound. */
const silenceRms = 0.003;

/**
 * Loudness of an MP3 for each video frame, computed in Node with mpg123 compiled to WebAssembly
 * (package `mpg123-decoder`; no ffmpeg binary, so it runs in a plain nodejs24.x Lambda).
 *
 * Each frame's value is the RMS of its 1/fps seconds of audio (channels averaged), divided by
 * the 95th percentile of the frames with sound, so quiet phone recordings still fill the bars,
 * and clamped to 1. Silence (RMS < ~−50 dBFS) is 0.
 *
 * @param mp3 the MP3 file's bytes (MPEG-1/2/2.5 layer III, any rate, mono or stereo)
 * @param fps the video's frame rate (frames per second)
 * @returns `peaks` of length ceil(durationSeconds × fps), and `durationSeconds`
 * @throws Error when the bytes hold no decodable audio
 */
export async function waveformPeaks(mp3: Uint8Array, fps = 60): Promise<WaveformPeaks> {
  const decoder = new MPEGDecoder();
  await decoder.ready;
  try {
    const rms: number[] = [];
    let sampleRate = 0;
    let samplesPerFrame = 0;
    let sumSquares = 0;
    let inFrame = 0;
    let total = 0;
    for (let offset = 0; offset < mp3.length; offset += chunkBytes) {
      const decoded = decoder.decode(mp3.subarray(offset, offset + chunkBytes));
      if (decoded.samplesDecoded === 0) continue;
      if (sampleRate === 0) {
        sampleRate = decoded.sampleRate;
        samplesPerFrame = sampleRate / fps;
      }
      const channels = decoded.channelData;
      const left = channels[0];
      if (!left) continue;
      const right = channels[1] ?? left;
      for (let i = 0; i < decoded.samplesDecoded; i++) {
        const sample = ((left[i] ?? 0) + (right[i] ?? 0)) / 2;
        sumSquares += sample * sample;
        inFrame++;
        total++;
        // Frame boundaries fall on fractional samples when the rate is not a multiple of fps.
        if (total >= (rms.length + 1) * samplesPerFrame) {
          rms.push(Math.sqrt(sumSquares / inFrame));
          sumSquares = 0;
          inFrame = 0;
        }
      }
    }
    if (total === 0 || sampleRate === 0) throw new Error('The MP3 holds no decodable audio.');
    if (inFrame > 0) rms.push(Math.sqrt(sumSquares / inFrame));
    const durationSeconds = total / sampleRate;
    const frames = Math.ceil(durationSeconds * fps - 1e-9);
    while (rms.length < frames) rms.push(0);
    rms.length = frames;
    return { peaks: normalise(rms), durationSeconds };
  } finally {
    decoder.free();
  }
}

/** RMS values scaled so the loud end of the speech is 1; silence is 0; 3 decimals. */
function normalise(rms: readonly number[]): number[] {
  const sounding = rms.filter((value) => value >= silenceRms).sort((a, b) => a - b);
  const reference = sounding[Math.floor((sounding.length - 1) * referenceQuantile)] ?? 1;
  return rms.map((value) =>
    value < silenceRms ? 0 : Math.round(Math.min(1, value / reference) * 1000) / 1000,
  );
}
