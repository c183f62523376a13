import { signRemotionPayload } from '../../functions/webhooks/remotion-signature.ts';
import type { WebhookDelivery } from '../webhook-delivery.ts';

/**
 * Remotion Lambda's webhook, as @remotion/serverless 4.0.527 sends it (`handlers/launch.js`,
 * `invoke-webhook.js`): JSON body; headers `X-Remotion-Mode: production`,
 * `X-Remotion-Signature: sha512=<hex HMAC-SHA512(secret, body)>`, `X-Remotion-Status: <type>`;
 * any non-2xx is a failure, retried twice after 0.5 s and 1 s (`exponentialBackoff`).
 */
export type RemotionWebhookBody =
  | {
      readonly type: 'success';
      readonly renderId: string;
      readonly expectedBucketOwner: string | null;
      readonly bucketName: string;
      readonly customData: Record<string, string | number> | null;
      readonly outputUrl: string;
      readonly outputFile: string;
      readonly lambdaErrors: readonly unknown[];
      readonly timeToFinish: number;
      readonly costs: {
        readonly accruedSoFar: number;
        readonly displayCost: string;
        readonly currency: string;
        readonly disclaimer: string;
      };
    }
  | {
      readonly type: 'error';
      readonly renderId: string;
      readonly expectedBucketOwner: string | null;
      readonly bucketName: string;
      readonly customData: Record<string, string | number> | null;
      readonly errors: readonly { message: string; name: string; stack: string }[];
    };

export const remotionWebhookRetryDelaysMs = [500, 1_000] as const;

/** One delivery of the body to its URL, signed afresh for each attempt as Remotion does. */
export function remotionWebhookDelivery(
  body: RemotionWebhookBody,
  secret: string,
): WebhookDelivery {
  const payload = JSON.stringify(body);
  return {
    label: `render ${body.renderId} (${body.type})`,
    payload,
    headers: () => ({
      'x-remotion-mode': 'production',
      'x-remotion-signature': signRemotionPayload(payload, secret),
      'x-remotion-status': body.type,
    }),
    retryDelaysMs: remotionWebhookRetryDelaysMs,
    delivered: (status) => status >= 200 && status < 300,
  };
}
