import Stripe from 'stripe';
import { requireEnv } from '../config/env.ts';

/**
 * The API version this code is written against: the one the pinned stripe-node is generated
 * from. Pinning it keeps the account's default version from changing answers under us, and
 * an SDK upgrade that moves it fails the type check until this line is reviewed.
 */
const apiVersion: Stripe.LatestApiVersion = '2026-10-28.endive';

/**
 * A Stripe client from the environment: `STRIPE_SECRET_KEY`, and `STRIPE_API_BASE_URL` when
 * set (the local emulator), else api.stripe.com. POSTs carry an idempotency key on retries.
 */
export function createStripeClient(env: NodeJS.ProcessEnv = process.env): Stripe {
  const secretKey = requireEnv('STRIPE_SECRET_KEY', env);
  const baseUrl = env.STRIPE_API_BASE_URL?.trim();
  return new Stripe(secretKey, {
    apiVersion,
    maxNetworkRetries: 2,
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
