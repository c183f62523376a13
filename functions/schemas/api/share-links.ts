import * as z from 'zod';

/** One of a booking's live share links, as the parent sees it (the token is never kept). */
export const shareLinkSchema = z.object({
  shareId: z.string(),
  /** ISO 8601, UTC. */
  createdAt: z.string(),
  /** When the link stops by itself (the recording's retention ends), ISO 8601. */
  expiresAt: z.string(),
});
export type ShareLink = z.infer<typeof shareLinkSchema>;

/**
 * The answer of `POST /api/calls/{callId}/shares` (201): the new link. Its URL is shown once —
 * only a hash of its token is stored, so it cannot be shown again (make a new one instead).
 */
export const createdShareSchema = shareLinkSchema.extend({
  /** `<site>/shared/<token>`: opens the shared recording without the parent's token. */
  url: z.string(),
});
export type CreatedShare = z.infer<typeof createdShareSchema>;

/** The answer of `GET /api/calls/{callId}/shares`: live links, oldest first. */
export const shareListSchema = z.object({ shares: z.array(shareLinkSchema) });
export type ShareList = z.infer<typeof shareListSchema>;

/**
 * The answer of the public `GET /api/shared/{token}`: what a grandparent with the link sees.
 * The child's first name, the call's date and short-lived (15 min) links to the video when it
 * is rendered, else the audio. Never the transcript, the parent's contact or a storage URL
 * that outlives the visit.
 */
export const sharedRecordingSchema = z.object({
  childFirstName: z.string(),
  /** The call's instant, UTC ISO 8601. */
  callAt: z.string(),
  /** The callee's IANA zone, to show the date as the family lived it. */
  timezone: z.string(),
  /** The call's day on the child's clock, e.g. `December 24, 2026`. */
  callDateDisplay: z.string(),
  kind: z.enum(['video', 'audio']),
  /** Presigned GET of the video (MP4) or the audio (MP3), minutes long. */
  mediaUrl: z.string(),
  /** The same, served as a file download. */
  downloadUrl: z.string(),
  /** When both links stop working, ISO 8601: the page fetches fresh ones after. */
  linksExpireAt: z.string(),
});
export type SharedRecording = z.infer<typeof sharedRecordingSchema>;
