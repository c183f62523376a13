import type { RemovalPolicy } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { AppSecrets as AppSecretsJson } from '../functions/config/secrets.ts';
import { acknowledge } from './nag.ts';

export interface AppSecretsProps {
  readonly stage: string;
  /** RETAIN outside dev: losing the access-token secret revokes every parent's link. */
  readonly removalPolicy: RemovalPolicy;
}

/** What ops replace after the first deploy (the keys of `functions/config/secrets.ts`). */
export const secretPlaceholders = {
  stripeSecretKey: 'REPLACE-WITH-THE-STRIPE-SECRET-KEY',
  stripeWebhookSecret: 'REPLACE-WITH-THE-STRIPE-WEBHOOK-SIGNING-SECRET',
  elevenLabsApiKey: 'REPLACE-WITH-THE-ELEVENLABS-API-KEY',
  elevenLabsWebhookSecret: 'REPLACE-WITH-THE-ELEVENLABS-WEBHOOK-SECRET',
} as const satisfies Partial<Record<keyof AppSecretsJson, string>>;

const generatedKey = 'accessTokenSecret' satisfies keyof AppSecretsJson;

/**
 * The app's secrets: one Secrets Manager secret per stage, `callsanta/<stage>/app`, holding the
 * JSON `functions/config/secrets.ts` reads (GetSecretValue on APP_SECRETS_ARN).
 *
 * - `accessTokenSecret` (signs the links parents manage a booking with) is generated at the
 *   first deploy: 64 letters and digits, never seen by anyone.
 * - `stripeSecretKey`, `stripeWebhookSecret`, `elevenLabsApiKey` and `elevenLabsWebhookSecret`
 *   start as placeholders; ops put the real values in once, keeping the generated key:
 *
 *   ```sh
 *   aws secretsmanager get-secret-value --secret-id callsanta/prod/app \
 *     --query SecretString --output text > app-secret.json   # edit the four placeholders
 *   aws secretsmanager put-secret-value --secret-id callsanta/prod/app \
 *     --secret-string file://app-secret.json && rm app-secret.json
 *   ```
 *
 * `remotionWebhookSecret` (signs Remotion's render webhooks; `functions/config/secrets.ts`) is
 * ours to choose and is added to the stored value by ops the same way, once per stage, as 64
 * random characters (`openssl rand -hex 32`); until it is there, video renders fail closed
 * and everything else works. It is not in the template, for the reason below.
 *
 * Deploys leave the value alone, but CloudFormation regenerates the *whole* value when
 * `generateSecretString` changes: that would wipe the Stripe and ElevenLabs keys and revoke
 * every parent's link, so the test in test/cdk pins it. A key the handlers start to need later
 * is added to the stored value by ops with the commands above, never to the template.
 *
 * Rotation (why there is no rotation schedule): the Stripe keys are rolled in Stripe's
 * dashboard, which shows the new key once, and the ElevenLabs keys in ElevenLabs'; ops then put
 * them here as above (warm functions keep the old key until their container is recycled, so
 * roll with the provider's overlap period, or keep the old key valid for an hour). A new
 * `accessTokenSecret` makes every manage link already emailed to parents invalid, so it is
 * replaced by hand only when it may have leaked — put a new 64-character value with the same
 * command, and expect parents to need a new link.
 *
 * A `cdk destroy` of dev schedules the secret for deletion (30 days); to deploy dev again
 * within that window, first `aws secretsmanager delete-secret --secret-id callsanta/dev/app
 * --force-delete-without-recovery`.
 */
export class AppSecrets extends Construct {
  readonly secret: Secret;

  constructor(scope: Construct, id: string, props: AppSecretsProps) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      secretName: `callsanta/${props.stage}/app`,
      description: `CallSanta ${props.stage}: Stripe keys (set by ops) and the generated access-token secret`,
      generateSecretString: {
        secretStringTemplate: JSON.stringify(secretPlaceholders),
        generateStringKey: generatedKey,
        passwordLength: 64,
        excludePunctuation: true,
        includeSpace: false,
      },
      removalPolicy: props.removalPolicy,
    });
    acknowledge(
      this.secret.node.defaultChild ?? this.secret,
      'AwsSolutions-SMG4',
      'No automatic rotation: the Stripe keys are issued and rolled in the Stripe dashboard and ' +
        'the ElevenLabs keys in the ElevenLabs dashboard, then put here by ops, and a new accessTokenSecret invalidates every manage link already ' +
        'emailed to parents, so it is replaced by hand only after a suspected leak (procedure in ' +
        'lib/secrets.ts).',
    );
  }
}
