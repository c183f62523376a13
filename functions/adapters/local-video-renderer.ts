import type * as z from 'zod';
import { requireEnv } from '../config/env.ts';
import { DomainError } from '../core/errors.ts';
import { envNames } from '../resources.ts';
import { describeIssues } from '../schemas/describe-issues.ts';
import {
  type LocalRenderRequest,
  localRenderStartedSchema,
  localRenderStateSchema,
} from '../schemas/local-render-service.ts';
import type { RenderProgress, VideoRenderer, VideoRenderRequest } from './video-renderer.ts';

const requestTimeoutMs = 10_000;

/**
 * The local cloud's render service (`local/remotion/`) at REMOTION_LOCAL_URL, spoken to over
 * HTTP like any provider: `POST /renders` → 202 `{ renderId }`, `GET /renders/{id}`. The MP4
 * goes to VIDEOS_BUCKET at outKey, as `outName: { bucketName, key }` does on Lambda.
 * A failed request throws `DomainError('upstream')` naming the status (the task's Retry
 * handles it).
 */
export function localVideoRenderer(env: NodeJS.ProcessEnv = process.env): VideoRenderer {
  const baseUrl = requireEnv(envNames.remotion.localUrl, env).replace(/\/$/, '');
  const videosBucket = requireEnv(envNames.buckets.videos, env);

  async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      signal: AbortSignal.timeout(requestTimeoutMs),
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new DomainError(
        'upstream',
        'render_service_failed',
        `The local render service answered ${method} ${path} with ${response.status}.`,
      );
    }
    return JSON.parse(text) as unknown;
  }

  function read<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      throw new DomainError(
        'upstream',
        'render_service_malformed',
        `The local render service's ${what} cannot be read: ${describeIssues(parsed.error)}.`,
      );
    }
    return parsed.data;
  }

  return {
    async start(request: VideoRenderRequest) {
      const body: LocalRenderRequest = {
        inputProps: request.inputProps,
        outName: { bucketName: videosBucket, key: request.outKey },
        webhook: {
          url: request.webhook.url,
          secret: request.webhook.secret,
          customData: request.webhook.customData,
        },
      };
      const answer = read(localRenderStartedSchema, await call('POST', '/renders', body), 'answer');
      return { renderId: answer.renderId };
    },

    async progress(renderId: string): Promise<RenderProgress> {
      const state = read(
        localRenderStateSchema,
        await call('GET', `/renders/${encodeURIComponent(renderId)}`),
        'progress',
      );
      return {
        fraction: state.fraction,
        done: state.status === 'done',
        failed: state.status === 'error',
      };
    },
  };
}
