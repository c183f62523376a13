import Stripe from 'stripe';
import { requireEnv } from '../config/env.ts';

/**
 * The API version this code is written against: the one the pinned stripe-node is generated
 * from. Pinning it keeps the account's default version from changing answers under us, and
 * an SDK upgrade that moves it fails the type check until this line is reviewed.
 */
const apiVersion: Stripe.LatestApiVersion = '2026-10-28.endive';

/**
 * How long one request to Stripe may take, and how often it is retried. stripe-node waits
 * 80 s by default; the Lambdas that call Stripe have 10 s (booking, cancel) or 20 s (the
 * webhook, `functions/routes.ts`). Two attempts of 3 s plus stripe-node's back-off (0.5–1 s)
 * end within 8 s, so a hung Stripe becomes our error answer (and, for webhooks, Stripe's
 * retry) instead of a Lambda timeout that leaves a step half done.
 */
export const stripeRequestPolicy = { timeoutMs: 3_000, maxNetworkRetries: 1 } as const;

export interface StripeClientOptions {
  readonly timeoutMs?: number;
  readonly maxNetworkRetries?: number;
}

/**
 * A Stripe client from the environment: `STRIPE_SECRET_KEY`, and `STRIPE_API_BASE_URL` when
 * set (the local emulator), else api.stripe.com. Retries are safe: our POSTs carry their own
 * idempotency keys (booking-derived), and stripe-node adds one to any POST that has none.
 */
export function createStripeClient(
  env: NodeJS.ProcessEnv = process.env,
  options: StripeClientOptions = {},
): Stripe {
  const secretKey = requireEnv('STRIPE_SECRET_KEY', env);
  const baseUrl = env.STRIPE_API_BASE_URL?.trim();
  return new Stripe(secretKey, {
    apiVersion,
    timeout: options.timeoutMs ?? stripeRequestPolicy.timeoutMs,
    maxNetworkRetries: options.maxNetworkRetries ?? stripeRequestPolicy.maxNetworkRetries,
    ...(baseUrl ? endpoint(baseUrl) : {}),
  });
}

/** The SDK takes host, port and protocol, not a URL; it cannot take a path prefix either. */
function endpoint(baseUrl: string): { host: string; port: number; protocol: 'http' | 'https' } {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(`STRIPE_API_BASE_URL is not a URL: ${baseUrl}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`STRIPE_API_BASE_URL must be http or https: ${baseUrl}`);
  }
  if (url.pathname !== '/' || url.search) {
    throw new Error(`STRIPE_API_BASE_URL must be an origin without a path: ${baseUrl}`);
  }
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443,
    protocol,
  };
}
