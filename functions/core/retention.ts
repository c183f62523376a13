/**
 * How long children's media is kept, in days — the one place the number lives: the S3
 * lifecycle rules (`lib/storage.ts`), share links' expiry and the post-call purchase window
 * all read it.
 *
 * Recordings (transcript + audio) and videos stay 400 days so a family can watch again the next
 * Christmas. The audio is kept that long whether or not the recording was bought: a parent who
 * did not buy it may buy it after the call (issue #10), and the video is rendered from the
 * audio, so the audio must outlive the offer (see `recordingOfferEndsAt`).
 */
export const mediaRetentionDays = {
  voiceNotes: 120,
  recordings: 400,
  videos: 400,
} as const;

const dayMs = 24 * 60 * 60 * 1000;

/**
 * When a call's recording (audio and transcript) is deleted, at the earliest: the lifecycle
 * counts from the objects' creation, which is after the call's scheduled instant, so counting
 * from `scheduledAt` (ISO 8601) never overstates it.
 */
export function recordingExpiresAt(scheduledAt: string): Date {
  return new Date(Date.parse(scheduledAt) + mediaRetentionDays.recordings * dayMs);
}

/**
 * The last moment a recording may be bought after the call: a week before its audio goes, so
 * the render (minutes) and the parent's viewing have time left.
 */
export function recordingOfferEndsAt(scheduledAt: string): Date {
  return new Date(recordingExpiresAt(scheduledAt).getTime() - 7 * dayMs);
}
