/**
 * The AWS resources a function may touch, and how. The route table and the workflow task table
 * declare access in this vocabulary; CDK turns it into least-privilege grants and environment
 * variables, and the local cloud into the same environment variables.
 */

import type { SecretName } from './config/secret-schemas.ts';

export const bucketIds = ['voiceNotes', 'recordings', 'videos'] as const;
export type BucketId = (typeof bucketIds)[number];

/**
 * Rendered videos live under this prefix of the videos bucket: the only keys Remotion Lambda's
 * role may write there (`lib/video.ts`), and the only keys the video renderer accepts as outKey.
 */
export const renderedVideoKeyPrefix = 'videos/';

/**
 * `probe` proves a resource answers without reading its data (DescribeTable, HeadBucket): what
 * a health check needs, and nothing about any child.
 */
export type AccessMode = 'probe' | 'read' | 'readWrite';

/**
 * A bucket's access: `readWrite` gets and puts objects but never deletes one;
 * `readWriteDelete` may also delete, and is declared only by the paths that remove a
 * parent's files (erase, and the video step that drops a video rendered after an erase).
 */
export type BucketAccessMode = AccessMode | 'readWriteDelete';

export interface ResourceAccess {
  readonly table?: AccessMode;
  readonly buckets?: Partial<Record<BucketId, BucketAccessMode>>;
  /** Start executions of the booking workflow, answer its task tokens, or read how they stand. */
  readonly workflow?: readonly ('start' | 'callback' | 'describe')[];
  /** Create, update and delete the booking's one-time schedule. */
  readonly schedules?: boolean;
  /** Send email through SES. */
  readonly email?: boolean;
  /**
   * The app's secrets the function reads (`functions/config/secret-schemas.ts`): it may get the
   * value of exactly these, e.g. `['stripe', 'access-token']`.
   */
  readonly secrets?: readonly SecretName[];
  /** Talk to ElevenLabs: needs the Santa agent's id and its phone number's id. */
  readonly elevenLabs?: boolean;
  /** Start video renders and read their progress (Remotion Lambda; the local render service). */
  readonly videoRender?: boolean;
}

/** Environment variable names, shared by CDK, the local cloud and the handlers' config. */
export const envNames = {
  table: 'TABLE_NAME',
  buckets: {
    voiceNotes: 'VOICE_NOTES_BUCKET',
    recordings: 'RECORDINGS_BUCKET',
    videos: 'VIDEOS_BUCKET',
  },
  stateMachineArn: 'BOOKING_WORKFLOW_ARN',
  scheduleGroup: 'SCHEDULE_GROUP_NAME',
  schedulerRoleArn: 'SCHEDULER_ROLE_ARN',
  scheduleDeadLetterQueueArn: 'SCHEDULE_DEAD_LETTER_QUEUE_ARN',
  emailFrom: 'EMAIL_FROM_ADDRESS',
  s3ForcePathStyle: 'CALLSANTA_S3_FORCE_PATH_STYLE',
  /**
   * The video renderer (`functions/adapters/video-renderer.ts`): Remotion Lambda when
   * REMOTION_FUNCTION_NAME is set (CDK's `Video.grantRender`), else the local render service.
   */
  remotion: {
    functionName: 'REMOTION_FUNCTION_NAME',
    serveUrl: 'REMOTION_SERVE_URL',
    region: 'REMOTION_REGION',
    /** Remotion's working bucket (chunks, progress): `forceBucketName`. */
    renderBucket: 'REMOTION_RENDER_BUCKET',
    /** How many functions one render may run at once (`functions/core/render-split.ts`). */
    maxLambdas: 'REMOTION_MAX_LAMBDAS',
    /** The local render service (local cloud only). */
    localUrl: 'REMOTION_LOCAL_URL',
  },
} as const satisfies {
  table: string;
  buckets: Record<BucketId, string>;
  [other: string]: unknown;
};
