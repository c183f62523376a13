import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import { requireEnv } from './env.ts';

/** The secrets handlers need. In AWS they live in one Secrets Manager secret (JSON). */
const appSecretsSchema = z.object({
  stripeSecretKey: z.string().min(1),
  stripeWebhookSecret: z.string().min(1),
  accessTokenSecret: z.string().min(32),
  elevenLabsApiKey: z.string().min(1),
  elevenLabsWebhookSecret: z.string().min(1),
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
    });
  }
  const client = new SecretsManagerClient({});
  const { SecretString } = await client.send(
    new GetSecretValueCommand({ SecretId: requireEnv(appSecretsArnEnv, env) }),
  );
  return appSecretsSchema.parse(JSON.parse(SecretString ?? '{}'));
}
