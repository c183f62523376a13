import * as z from 'zod';

/**
 * The app's secrets, one per provider: each is a Secrets Manager secret
 * `callsanta/<stage>/<name>` holding a JSON object (`lib/secrets.ts`), and each has its own
 * schema here. A function declares the names it reads (`functions/resources.ts`) and is
 * granted exactly those.
 */
export const secretNames = ['stripe', 'elevenlabs', 'remotion', 'access-token'] as const;
export type SecretName = (typeof secretNames)[number];

/** What `lib/secrets.ts` puts in a secret ops must fill in; never accepted as a value. */
export const placeholderPrefix = 'REPLACE-WITH-';

/**
 * A value that is set and is not the deploy's placeholder. Messages never quote the value:
 * they end up in logs and in the health check's problems.
 */
const real = (minLength = 1) =>
  z
    .string({ error: 'is missing' })
    .refine((value) => !value.startsWith(placeholderPrefix), {
      error: 'is still the placeholder',
      abort: true,
    })
    .refine((value) => value.trim().length >= minLength, {
      error: `is shorter than ${minLength} characters`,
    });

const prefixed = (prefixes: readonly string[]) =>
  real().refine((value) => prefixes.some((prefix) => value.startsWith(prefix)), {
    error: `does not start with ${prefixes.join(' or ')}`,
  });

/** Tolerant readers: only the keys we use are parsed; others in the stored JSON are ignored. */
export const secretSchemas = {
  /**
   * Stripe's secret key (`sk_live_…`/`sk_test_…`, or a restricted `rk_…`) and the webhook
   * endpoint's signing secret (`whsec_…`), both from the Stripe dashboard.
   */
  stripe: z.object({
    secretKey: prefixed(['sk_', 'rk_']),
    webhookSecret: prefixed(['whsec_']),
  }),
  /** The ElevenLabs API key and the post-call webhook's HMAC secret (ElevenLabs' dashboard). */
  elevenlabs: z.object({
    apiKey: real(),
    webhookSecret: real(),
  }),
  /**
   * Signs Remotion's render webhooks: the render task passes it to `renderMediaOnLambda` and
   * the webhook verifies with it. Ours to choose: generated at the first deploy.
   */
  remotion: z.object({ webhookSecret: real(16) }),
  /** Signs the links parents manage a booking with (HMAC key): generated at the first deploy. */
  'access-token': z.object({ signingKey: real(32) }),
} as const satisfies Record<SecretName, z.ZodType>;

export type SecretValue<Name extends SecretName> = z.infer<(typeof secretSchemas)[Name]>;

/** The environment variable that carries each secret's ARN in AWS (set by `lib/house-function.ts`). */
export const secretArnEnv = {
  stripe: 'STRIPE_SECRET_ARN',
  elevenlabs: 'ELEVENLABS_SECRET_ARN',
  remotion: 'REMOTION_SECRET_ARN',
  'access-token': 'ACCESS_TOKEN_SECRET_ARN',
} as const satisfies Record<SecretName, string>;

/**
 * The local contract (README, "Local contract"): the local cloud gives the values through these
 * variables instead of Secrets Manager, key by key.
 */
export const secretLocalEnv = {
  stripe: { secretKey: 'STRIPE_SECRET_KEY', webhookSecret: 'STRIPE_WEBHOOK_SECRET' },
  elevenlabs: { apiKey: 'ELEVENLABS_API_KEY', webhookSecret: 'ELEVENLABS_WEBHOOK_SECRET' },
  remotion: { webhookSecret: 'REMOTION_WEBHOOK_SECRET' },
  'access-token': { signingKey: 'ACCESS_TOKEN_SECRET' },
} as const satisfies { [Name in SecretName]: Record<keyof SecretValue<Name>, string> };
