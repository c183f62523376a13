/** Mono 16-bit PCM samples and their rate. */
export interface Pcm {
  readonly samples: Int16Array;
  readonly sampleRate: number;
}

/**
 * Reads a 16-bit PCM WAV file. Written to a pipe, a WAV's size fields are placeholders (the
 * writer cannot seek back), so the data chunk is taken to run to the end of the buffer.
 */
export function readWav(wav: Buffer): Pcm {
  if (wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error('Not a WAV file.');
  }
  let offset = 12;
  let format: { channels: number; sampleRate: number; bitsPerSample: number } | undefined;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      format = {
        channels: wav.readUInt16LE(body + 2),
        sampleRate: wav.readUInt32LE(body + 4),
        bitsPerSample: wav.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (format?.channels !== 1 || format.bitsPerSample !== 16) {
        throw new Error('Only mono 16-bit PCM WAV is supported.');
      }
      const data = wav.subarray(body, body + Math.min(size, wav.length - body));
      // Copied so the samples are aligned, whatever the chunk's offset in the buffer.
      const samples = new Int16Array(Math.floor(data.length / 2));
      for (let i = 0; i < samples.length; i++) samples[i] = data.readInt16LE(i * 2);
      return { samples, sampleRate: format.sampleRate };
    }
    offset = body + size + (size % 2);
  }
  throw new Error('The WAV file has no data chunk.');
}
