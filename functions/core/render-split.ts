/**
 * How a Remotion Lambda render is split into chunks: `framesPerLambda` for a video of
 * `frameCount` frames when at most `concurrentLambdas` functions may run at once.
 *
 * ## The arithmetic, on paper (5-minute call: 300 s × 60 fps = 18,000 frames)
 *
 * Remotion runs one orchestrator invocation ("launch") that invokes one renderer per chunk,
 * each rendering `framesPerLambda` frames, then concatenates the chunks (no re-encode) and
 * muxes the audio. The orchestrator holds one concurrency slot for the whole render, so with an
 * account limit C only C − 1 renderers run at once; chunks beyond that are throttled by Lambda
 * and retried later (whole extra waves). Hence: `chunks = ceil(frames / framesPerLambda) ≤ C − 1`,
 * i.e. `framesPerLambda ≥ ceil(frames / (C − 1))`, and the fastest split is exactly that.
 *
 * Wall time ≈ start-up (invoke + Chromium start + page load, assumed 5–10 s)
 *           + framesPerLambda / f (f = one renderer's frames per second)
 *           + stitching (concatenate chunks, mux audio, upload; assumed 5–15 s for 5 minutes).
 *
 * f is ASSUMED, not measured on Lambda: this machine renders 1080×1920@60 at ≈ 10.6 frames/s
 * with 2 x86 cores (REFERENCE.md). A 2048 MB function gets ≈ 1.16 vCPU (Lambda gives one full
 * vCPU at 1,769 MB) on Graviton, with Chromium and the encoder sharing it: assume f ≈ 5–8
 * frames/s, 6 in the figures below.
 *
 * - New account, C = 10 → 9 renderers → framesPerLambda = 2,000 → 2,000 / 6 ≈ 333 s of
 *   rendering per chunk. That is **not under a minute** (and would not fit deployFunction's
 *   default 240 s timeout unless f ≥ 8.3: ours is 900 s, lib/remotion-release.ts). At 2048 MB no split achieves a minute within 10 concurrent
 *   functions: a minute needs ≈ 45 s of rendering, i.e. ≥ 18,000 / 45 = 400 frames/s in total,
 *   ≈ 67 renderers at f = 6 (or f ≈ 45 per function at C = 10, beyond any Lambda size).
 * - So the limit is a setting of the stage (`REMOTION_MAX_LAMBDAS`): ask AWS for a Lambda
 *   concurrency quota of ≥ 100 (Remotion's docs recommend raising it; requests of 1,000 are
 *   routinely granted) and set it to 90 → framesPerLambda = 203 → ≈ 34 s of rendering + ≈ 15–25 s
 *   overhead ≈ 50–60 s. At C = 10 the same rule gives the fastest render the account allows
 *   (one wave, no throttling) and the render task must wait for it accordingly.
 *
 * Bounds: Remotion refuses fewer than 4 frames per function and more than 200 functions per
 * render; we never go below 20 frames (Remotion's own floor for its default), where start-up
 * dominates.
 *
 * @param frameCount the video's frames (≥ 1)
 * @param concurrentLambdas how many functions of the account may run at once for one render
 *   (the orchestrator included; ≥ 2)
 * @returns framesPerLambda, an integer ≥ 20 (or frameCount when shorter)
 */
export function framesPerLambda(frameCount: number, concurrentLambdas: number): number {
  if (!Number.isInteger(frameCount) || frameCount < 1) {
    throw new RangeError(`frameCount must be a positive integer, got ${frameCount}.`);
  }
  if (!Number.isInteger(concurrentLambdas) || concurrentLambdas < 2) {
    throw new RangeError(`concurrentLambdas must be an integer ≥ 2, got ${concurrentLambdas}.`);
  }
  const renderers = Math.min(concurrentLambdas - 1, maxFunctionsPerRender);
  const perChunk = Math.max(Math.ceil(frameCount / renderers), minFramesPerLambda);
  return Math.min(perChunk, frameCount);
}

/** Remotion's limit (MAX_FUNCTIONS_PER_RENDER in @remotion/serverless-client). */
export const maxFunctionsPerRender = 200;
/** Below this, a chunk's start-up costs more than its frames. */
export const minFramesPerLambda = 20;
/** A new AWS account's concurrent executions, which Remotion's docs warn about. */
export const newAccountConcurrency = 10;
