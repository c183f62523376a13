import * as z from 'zod';

/** The composition's identity and canvas: portrait 1080×1920 at 60 frames a second. */
export const santaCallVideo = {
  id: 'SantaCallVideo',
  width: 1080,
  height: 1920,
  fps: 60,
} as const;

/** One stretch of the call in which Santa speaks, in seconds from the start of the recording. */
export const santaTurn = z
  .object({ startSeconds: z.number().min(0), endSeconds: z.number().min(0) })
  .refine((turn) => turn.endSeconds >= turn.startSeconds, {
    message: 'A turn cannot end before it starts.',
  });

/**
 * The ONE props schema of `SantaCallVideo`, shared by the composition, the render task and the
 * recording page (docs: /work/notes/video-contract.md).
 *
 * - `childName`: shown as "Calling <name>…" — every child of the call ("Emma and Leo"); never logged.
 * - `audioUrl`: an http(s) URL Chromium can fetch (a presigned S3 GET, or a loopback server).
 * - `durationSeconds`: the call's length, which is the video's length (≤ 30 minutes).
 * - `peaks`: loudness 0..1, one value per video frame (60 fps), from `waveformPeaks`.
 * - `santaTurns`: when Santa speaks (from the transcript, `santaTurns` in speaking-turns.ts);
 *   empty when unknown, and then the ring follows the loudness alone.
 */
export const santaCallVideoProps = z.object({
  childName: z.string().trim().min(1).max(60),
  audioUrl: z.string().url(),
  durationSeconds: z.number().positive().max(1800),
  peaks: z.array(z.number().min(0).max(1)),
  santaTurns: z.array(santaTurn),
  /**
   * When a child known by name speaks (`childTurns` in speaking-turns.ts, from the transcript's
   * attributed turns): the caption names them meanwhile. Absent or empty: never named.
   */
  childTurns: z
    .array(
      z
        .object({
          startSeconds: z.number().min(0),
          endSeconds: z.number().min(0),
          name: z.string().trim().min(1).max(60),
        })
        .refine((turn) => turn.endSeconds >= turn.startSeconds, {
          message: 'A turn cannot end before it starts.',
        }),
    )
    .optional(),
});

export type SantaCallVideoProps = z.infer<typeof santaCallVideoProps>;

/** The video's length in frames: the call rounded up to a whole frame, at least one. */
export function durationInFrames(durationSeconds: number): number {
  return Math.max(1, Math.ceil(durationSeconds * santaCallVideo.fps - 1e-9));
}
