import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Mp3Encoder } from '@breezystack/lamejs';
import type { Pcm } from './wav.ts';

/** Mono voice at 32 kbit/s: phone-line quality, which is what a call recording is. */
const bitRateKbps = 32;
/** lamejs encodes in blocks of this many samples. */
const blockSize = 1152;
/** A few dozen milliseconds of work at a time, then other requests get their turn. */
const blocksPerTurn = 16;

/**
 * Encodes mono PCM as MP3 (MPEG audio frames, no ID3 tag). lamejs is plain JavaScript and
 * takes a while, so it stops now and then to let the event loop — the local cloud's API
 * server, handlers and timers — carry on.
 */
export async function encodeMp3({ samples, sampleRate }: Pcm): Promise<Buffer> {
  const encoder = new Mp3Encoder(1, sampleRate, bitRateKbps);
  const frames: Buffer[] = [];
  // lamejs hands back Int8Arrays whatever its types say; view the same bytes as a Buffer.
  const keep = (frame: ArrayBufferView) =>
    frames.push(Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength));
  for (let block = 0; block * blockSize < samples.length; block++) {
    if (block > 0 && block % blocksPerTurn === 0) await yieldToEventLoop();
    const start = block * blockSize;
    keep(encoder.encodeBuffer(samples.subarray(start, start + blockSize)));
  }
  keep(encoder.flush());
  return Buffer.concat(frames);
}
