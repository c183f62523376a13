import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod';
import { requireEnv } from './env.ts';

/** The secrets handlers need. In AWS they live in one Secrets Manager secret (JSON). */
const appSecretsSchema = z.object({
  stripeSecretKey: z.string().min(1),
  stripeWebhookSecret: z.string().min(1),
  accessTokenSecret: z.string().min(32),
  elevenLabsApiKey: z.string().min(1),
  elevenLabsWebhookSecret: z.string().min(1),
  /**
   * Signs Remotion's render webhooks: the render task passes it to `renderMediaOnLambda` and
   * the webhook verifies with it. Ours to choose (any 64 random characters), added to the
   * stored secret by ops (lib/secrets.ts), so optional here: a handler that needs it asks
   * `requireRemotionWebhookSecret`, which fails closed, and every other handler keeps working
   * on a stage where it is not set yet.
   */
  remotionWebhookSecret: z.string().min(1).optional(),
});
export type AppSecrets = z.infer<typeof appSecretsSchema>;

export const appSecretsArnEnv = 'APP_SECRETS_ARN';

let cached: Promise<AppSecrets> | undefined;

/**
 * Reads the secrets once per container: from the environment when they are set there (the
 * local cloud sets them), otherwise from the Secrets Manager secret named by APP_SECRETS_ARN.
 * A missing secret stops the handler — verification is never skipped.
 */
export function appSecrets(env: NodeJS.ProcessEnv = process.env): Promise<AppSecrets> {
  cached ??= load(env).catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function load(env: NodeJS.ProcessEnv): Promise<AppSecrets> {
  if (env.STRIPE_SECRET_KEY || env.STRIPE_WEBHOOK_SECRET || env.ACCESS_TOKEN_SECRET) {
    return appSecretsSchema.parse({
      stripeSecretKey: requireEnv('STRIPE_SECRET_KEY', env),
      stripeWebhookSecret: requireEnv('STRIPE_WEBHOOK_SECRET', env),
      accessTokenSecret: requireEnv('ACCESS_TOKEN_SECRET', env),
      elevenLabsApiKey: requireEnv('ELEVENLABS_API_KEY', env),
      elevenLabsWebhookSecret: requireEnv('ELEVENLABS_WEBHOOK_SECRET', env),
      remotionWebhookSecret: env.REMOTION_WEBHOOK_SECRET || undefined,
    });
  }
  const client = new SecretsManagerClient({});
  const { SecretString } = await client.send(
    new GetSecretValueCommand({ SecretId: requireEnv(appSecretsArnEnv, env) }),
  );
  return appSecretsSchema.parse(JSON.parse(SecretString ?? '{}'));
}

/**
 * The Remotion webhook secret, or an Error naming the fix: verification is never skipped and a
 * render is never started unsigned.
 */
export function requireRemotionWebhookSecret(secrets: AppSecrets): string {
  if (!secrets.remotionWebhookSecret) {
    throw new Error(
      'The app secret has no remotionWebhookSecret: add one (64 random characters) as lib/secrets.ts describes.',
    );
  }
  return secrets.remotionWebhookSecret;
}
