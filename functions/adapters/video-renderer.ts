import type { SantaCallVideoProps } from '../../video/props.ts';
import { envNames, renderedVideoKeyPrefix } from '../resources.ts';
import { localVideoRenderer } from './local-video-renderer.ts';
import { remotionLambdaRenderer } from './remotion-lambda-renderer.ts';

/** One render: the props, where the MP4 goes, and who is told when it is done. */
export interface VideoRenderRequest {
  readonly inputProps: SantaCallVideoProps;
  /** Key in the private videos bucket (VIDEOS_BUCKET), under `renderedVideoKeyPrefix` (`videos/`). */
  readonly outKey: string;
  /**
   * Remotion posts `{ type, renderId, customData, … }` here, signed with `secret`
   * (`X-Remotion-Signature`). `customData` ≤ 1 KB serialized (Remotion's limit).
   */
  readonly webhook: {
    readonly url: string;
    readonly secret: string;
    readonly customData: Record<string, string | number>;
  };
}

/** How far a render is: `fraction` 0..1; `done` once the MP4 is in the bucket; `failed` for good. */
export interface RenderProgress {
  readonly fraction: number;
  readonly done: boolean;
  readonly failed: boolean;
}

export interface VideoRenderer {
  /** Starts a render and answers at once with its id (the result comes by webhook). */
  start(request: VideoRenderRequest): Promise<{ readonly renderId: string }>;
  progress(renderId: string): Promise<RenderProgress>;
}

/**
 * The renderer for this environment: Remotion Lambda (`renderMediaOnLambda` /
 * `getRenderProgress`) when REMOTION_FUNCTION_NAME is set (CDK sets it with `grantRender`),
 * else the local render service at REMOTION_LOCAL_URL (the local cloud sets it). One code path:
 * both write the MP4 to VIDEOS_BUCKET at outKey and post the same signed webhook.
 * Throws naming the missing variable when neither is configured.
 */
export function videoRenderer(env: NodeJS.ProcessEnv = process.env): VideoRenderer {
  const renderer = env[envNames.remotion.functionName]
    ? remotionLambdaRenderer(env)
    : localVideoRenderer(env);
  return {
    start: async (request) => {
      assertCustomDataSize(request.webhook.customData);
      if (!request.outKey.startsWith(renderedVideoKeyPrefix)) {
        // Remotion's role may write only there (lib/video.ts): fail here, not in the Lambda.
        throw new RangeError(
          `outKey must start with ${renderedVideoKeyPrefix}, got ${request.outKey}.`,
        );
      }
      return renderer.start(request);
    },
    progress: (renderId) => renderer.progress(renderId),
  };
}

/** Remotion's limit on `customData`, serialized. */
export const maxCustomDataBytes = 1024;

/** Refuses customData Remotion would refuse (its limit is 1 KB of JSON). */
export function assertCustomDataSize(customData: Record<string, string | number>): void {
  const bytes = Buffer.byteLength(JSON.stringify(customData));
  if (bytes > maxCustomDataBytes) {
    throw new RangeError(
      `Webhook customData is ${bytes} bytes; Remotion allows ${maxCustomDataBytes}.`,
    );
  }
}
