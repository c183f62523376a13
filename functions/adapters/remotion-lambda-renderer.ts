import type { AwsRegion } from '@remotion/lambda/client';
import * as z from 'zod';
import { santaCallVideo } from '../../video/props.ts';
import { requireEnv } from '../config/env.ts';
import { framesPerLambda, newAccountConcurrency } from '../core/render-split.ts';
import { envNames } from '../resources.ts';
import type { RenderProgress, VideoRenderer, VideoRenderRequest } from './video-renderer.ts';

/**
 * Remotion's client (≈ 1.4 MiB in a bundle, with its own AWS SDK clients), loaded by the first
 * render or progress read rather than at import: GetBooking reaches this module for the status
 * page's video progress, and most of its requests never need it (`npm run bench:bundles`).
 */
const remotionClient = () => import('@remotion/lambda/client');

const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as us-east-1');

/** What we read back from `getRenderProgress`: only these; anything else may change. */
const progressSchema = z.object({
  overallProgress: z.number().min(0).max(1).catch(0),
  done: z.boolean(),
  fatalErrorEncountered: z.boolean(),
});

/**
 * Every setting of a render but the request's own; fixed here so every render is the same.
 *
 * - `codec: 'h264'`, `colorSpace: 'bt709'`: what phones and social apps play, tagged as such.
 * - `privacy: 'no-acl'`: the videos bucket has ACLs disabled (owner enforced); Remotion would
 *   otherwise try to set a private ACL and fail.
 * - `downloadBehavior: play-in-browser`: the recording page plays the MP4 inline; the download
 *   button asks for its own presigned URL with a Content-Disposition.
 * - `timeoutInMilliseconds: 60_000`: how long one frame may wait on `delayRender` (the audio's
 *   first fetch from S3 included), twice Remotion's default.
 * - `maxRetries: 1`: a chunk whose function crashed is rendered once more by Remotion; the
 *   render task retries a whole failed render once more on top (issue #10).
 * - `overwrite: true`: a retried render writes the same key.
 */
const fixedOptions = {
  composition: santaCallVideo.id,
  codec: 'h264',
  colorSpace: 'bt709',
  privacy: 'no-acl',
  downloadBehavior: { type: 'play-in-browser' },
  timeoutInMilliseconds: 60_000,
  maxRetries: 1,
  overwrite: true,
  logLevel: 'warn',
} as const;

/**
 * Remotion Lambda, configured by CDK (`lib/video.ts` `grantRender`): REMOTION_FUNCTION_NAME,
 * REMOTION_SERVE_URL, REMOTION_REGION, REMOTION_RENDER_BUCKET, REMOTION_MAX_LAMBDAS (default
 * 10, a new account's concurrency) and VIDEOS_BUCKET. Client and function are the same
 * Remotion version (one version in package.json; the function zip comes from the same package).
 */
export function remotionLambdaRenderer(env: NodeJS.ProcessEnv = process.env): VideoRenderer {
  const names = envNames.remotion;
  const functionName = requireEnv(names.functionName, env);
  const serveUrl = requireEnv(names.serveUrl, env);
  const awsRegion = region.parse(requireEnv(names.region, env)) as AwsRegion;
  const renderBucket = requireEnv(names.renderBucket, env);
  const videosBucket = requireEnv(envNames.buckets.videos, env);
  const maxLambdas = z.coerce
    .number()
    .int()
    .min(2)
    .parse(env[names.maxLambdas] ?? newAccountConcurrency);

  return {
    async start(request: VideoRenderRequest) {
      const frames = Math.ceil(request.inputProps.durationSeconds * santaCallVideo.fps);
      const { renderMediaOnLambda } = await remotionClient();
      const { renderId } = await renderMediaOnLambda({
        ...fixedOptions,
        region: awsRegion,
        functionName,
        serveUrl,
        inputProps: request.inputProps,
        forceBucketName: renderBucket,
        framesPerLambda: framesPerLambda(frames, maxLambdas),
        outName: { bucketName: videosBucket, key: request.outKey },
        webhook: {
          url: request.webhook.url,
          secret: request.webhook.secret,
          customData: request.webhook.customData,
        },
      });
      return { renderId };
    },

    async progress(renderId: string): Promise<RenderProgress> {
      const { getRenderProgress } = await remotionClient();
      const raw: unknown = await getRenderProgress({
        functionName,
        region: awsRegion,
        bucketName: renderBucket,
        renderId,
      });
      const progress = progressSchema.parse(raw);
      return {
        fraction: progress.overallProgress,
        done: progress.done,
        failed: progress.fatalErrorEncountered,
      };
    },
  };
}
