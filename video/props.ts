import { z } from 'zod';

export const santaCallVideo = { id: 'SantaCallVideo', width: 1080, height: 1920, fps: 60 } as const;
export const santaCallVideoProps = z.object({
  childName: z.string().trim().min(1).max(60),
  audioUrl: z.string().url(), // http(s) URL Chromium can fetch (a presigned S3 GET)
  durationSeconds: z.number().positive().max(1800), // the call's length: the video's length
  peaks: z.array(z.number().min(0).max(1)), // one loudness value per video frame (60 fps)
  santaTurns: z.array(z.object({ startSeconds: z.number().min(0), endSeconds: z.number().min(0) })),
});
export type SantaCallVideoProps = z.infer<typeof santaCallVideoProps>;
