import * as z from 'zod';

/**
 * The local render service's HTTP protocol (`local/remotion/`, the local cloud's stand-in for
 * Remotion Lambda), shared by the service and `functions/adapters/local-video-renderer.ts`.
 *
 * `POST /renders` → 202 `{ renderId }`; `GET /renders/{renderId}` → 200 a render's state, 404
 * unknown. Shapes mirror `renderMediaOnLambda` (`outName: { bucketName, key }`, `webhook`).
 */
export const localRenderRequestSchema = z.object({
  /** Validated by the service against the composition's schema (video/props.ts). */
  inputProps: z.record(z.string(), z.unknown()),
  outName: z.object({ bucketName: z.string().min(3), key: z.string().min(1).max(1024) }),
  webhook: z.object({
    url: z.url(),
    secret: z.string().min(1),
    customData: z.record(z.string(), z.union([z.string(), z.number()])),
  }),
});
export type LocalRenderRequest = z.infer<typeof localRenderRequestSchema>;

export const localRenderStatuses = ['queued', 'rendering', 'done', 'error'] as const;
export type LocalRenderStatus = (typeof localRenderStatuses)[number];

/** `POST /renders` answer; read tolerantly. */
export const localRenderStartedSchema = z.object({ renderId: z.string().min(1) });

/**
 * `GET /renders/{renderId}` answer; read tolerantly (only what the client uses).
 * `fraction` is 0..1 of frames rendered and encoded.
 */
export const localRenderStateSchema = z.object({
  renderId: z.string().min(1),
  status: z.enum(localRenderStatuses),
  fraction: z.number().min(0).max(1),
});
export type LocalRenderState = z.infer<typeof localRenderStateSchema>;
