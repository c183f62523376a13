import { type RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import {
  placeholderPrefix,
  type SecretValue as SecretJson,
  type SecretName,
  secretNames,
} from '../functions/config/secret-schemas.ts';
import { acknowledge } from './nag.ts';

export interface AppSecretsProps {
  readonly stage: string;
  /** RETAIN outside dev: losing the access-token secret revokes every parent's link. */
  readonly removalPolicy: RemovalPolicy;
}

/**
 * What ops replace after the first deploy, per secret (the keys of
 * `functions/config/secret-schemas.ts`); the handlers refuse these values.
 */
export const secretPlaceholders = {
  stripe: {
    secretKey: `${placeholderPrefix}THE-STRIPE-SECRET-KEY`,
    webhookSecret: `${placeholderPrefix}THE-STRIPE-WEBHOOK-SIGNING-SECRET`,
  },
  elevenlabs: {
    apiKey: `${placeholderPrefix}THE-ELEVENLABS-API-KEY`,
    webhookSecret: `${placeholderPrefix}THE-ELEVENLABS-WEBHOOK-SECRET`,
  },
} as const satisfies { [Name in 'stripe' | 'elevenlabs']: Record<keyof SecretJson<Name>, string> };

/** The secrets we choose ourselves: generated at the first deploy, 64 letters and digits. */
export const generatedSecretKeys = {
  remotion: 'webhookSecret',
  'access-token': 'signingKey',
} as const satisfies { [Name in 'remotion' | 'access-token']: keyof SecretJson<Name> };

const descriptions: Record<SecretName, string> = {
  stripe: 'the Stripe secret key and webhook signing secret (set by ops)',
  elevenlabs: 'the ElevenLabs API key and post-call webhook secret (set by ops)',
  remotion: "the secret signing Remotion's render webhooks (generated)",
  'access-token': "the key signing parents' manage links (generated)",
};

/**
 * The app's secrets, one Secrets Manager secret per provider and stage, `callsanta/<stage>/<name>`,
 * each a JSON object checked by its schema in `functions/config/secret-schemas.ts`. A function
 * is granted GetSecretValue on the ones its access declaration names, and only those.
 *
 * - `stripe` (`secretKey` sk_…/rk_…, `webhookSecret` whsec_…) and `elevenlabs` (`apiKey`,
 *   `webhookSecret`) start as `REPLACE-WITH-…` placeholders, which the handlers refuse; ops put
 *   the real values once (docs/deploy.md, "Secrets"):
 *
 *   ```sh
 *   aws secretsmanager put-secret-value --secret-id callsanta/prod/stripe \
 *     --secret-string '{"secretKey":"sk_live_…","webhookSecret":"whsec_…"}'
 *   ```
 *
 * - `remotion` (`webhookSecret`) and `access-token` (`signingKey`) are generated at the first
 *   deploy: 64 letters and digits, never seen by anyone.
 *
 * Deploys leave the values alone, but CloudFormation rewrites a value when its template
 * property changes (the placeholder text, or `generateSecretString`): that would wipe the keys
 * ops put in, or revoke every parent's link, so test/cdk/secrets.test.ts pins them.
 *
 * Rotation (why there is no rotation schedule): the Stripe keys are rolled in Stripe's
 * dashboard and the ElevenLabs keys in ElevenLabs'; ops put the new value with the command
 * above. Functions read secrets through Powertools Parameters with a 5-minute cache
 * (`functions/config/secrets.ts`), so warm functions take the new value within 5 minutes: roll
 * with the provider's overlap (Stripe lets the old key live on for a chosen time). A new
 * access-token key makes every manage link already emailed invalid, so it is replaced only when
 * it may have leaked.
 *
 * A `cdk destroy` of dev schedules the secrets for deletion (30 days); to deploy dev again
 * within that window, first `aws secretsmanager delete-secret --secret-id callsanta/dev/<name>
 * --force-delete-without-recovery` for each.
 */
export class AppSecrets extends Construct {
  readonly secrets: Readonly<Record<SecretName, Secret>>;

  constructor(scope: Construct, id: string, props: AppSecretsProps) {
    super(scope, id);
    const make = (name: SecretName, value: Partial<ConstructorParameters<typeof Secret>[2]>) => {
      const secret = new Secret(this, idOf(name), {
        secretName: `callsanta/${props.stage}/${name}`,
        description: `CallSanta ${props.stage}: ${descriptions[name]}`,
        removalPolicy: props.removalPolicy,
        ...value,
      });
      acknowledge(
        secret.node.defaultChild ?? secret,
        'AwsSolutions-SMG4',
        'No automatic rotation: the Stripe keys are issued and rolled in the Stripe dashboard and ' +
          'the ElevenLabs keys in the ElevenLabs dashboard, then put here by ops; the generated ' +
          'Remotion webhook secret is ours alone, and a new access-token key invalidates every manage ' +
          'link already emailed to parents, so it is replaced by hand only after a suspected leak ' +
          '(procedure in lib/secrets.ts).',
      );
      return [name, secret] as const;
    };
    const generated = (key: string) => ({
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: key,
        passwordLength: 64,
        excludePunctuation: true,
        includeSpace: false,
      },
    });
    this.secrets = Object.fromEntries(
      secretNames.map((name) =>
        make(
          name,
          name === 'stripe' || name === 'elevenlabs'
            ? {
                // A placeholder, not a secret: the real value is put by ops, outside the template.
                secretStringValue: SecretValue.unsafePlainText(
                  JSON.stringify(secretPlaceholders[name]),
                ),
              }
            : generated(generatedSecretKeys[name]),
        ),
      ),
    ) as Record<SecretName, Secret>;
  }
}

/** `Stripe`, `Elevenlabs`, `Remotion`, `AccessToken`: the construct ids (stable logical ids). */
function idOf(name: SecretName): string {
  return name.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase());
}
