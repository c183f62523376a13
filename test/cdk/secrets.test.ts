import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppSecrets } from '../../functions/config/secrets.ts';
import type { CallSantaStack } from '../../lib/callsanta-stack.ts';
import { logicalId, prodContext, synthesize } from './synth.ts';

type SecretResource = {
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Metadata?: { cdk_nag?: { rules_to_suppress?: { id: string; reason: string }[] } };
  Properties: {
    Name: string;
    KmsKeyId?: unknown;
    GenerateSecretString: {
      SecretStringTemplate: string;
      GenerateStringKey: string;
      PasswordLength: number;
      ExcludePunctuation?: boolean;
      IncludeSpace?: boolean;
    };
  };
};

/**
 * The keys `functions/config/secrets.ts` requires; the type fails to compile if they drift.
 * `remotionWebhookSecret` is added to the stored value by ops (lib/secrets.ts), never to the
 * template: a template change would regenerate the whole value.
 */
const addedByOps = ['remotionWebhookSecret'] as const;
const handlerKeys = Object.keys({
  stripeSecretKey: '',
  stripeWebhookSecret: '',
  accessTokenSecret: '',
  elevenLabsApiKey: '',
  elevenLabsWebhookSecret: '',
} satisfies Record<Exclude<keyof AppSecrets, (typeof addedByOps)[number]>, string>).sort();

describe('the app secret', () => {
  let dev: Template;
  let stack: CallSantaStack;
  let prod: Template;

  beforeAll(() => {
    ({ template: dev, stack } = synthesize());
    prod = synthesize(prodContext).template;
  }, 60_000);

  function onlySecret(template: Template): SecretResource {
    const secrets = Object.values(template.findResources('AWS::SecretsManager::Secret'));
    expect(secrets).toHaveLength(1);
    return secrets[0] as SecretResource;
  }

  it('is one secret per stage, callsanta/<stage>/app', () => {
    expect(onlySecret(dev).Properties.Name).toBe('callsanta/dev/app');
    expect(onlySecret(prod).Properties.Name).toBe('callsanta/prod/app');
  });

  it('holds exactly the keys the handlers read, generating the access-token secret', () => {
    // Arrange
    const generate = onlySecret(dev).Properties.GenerateSecretString;

    // Act
    const keys = [
      ...Object.keys(JSON.parse(generate.SecretStringTemplate)),
      generate.GenerateStringKey,
    ].sort();

    // Assert
    expect(keys).toEqual(handlerKeys);
    expect(generate.GenerateStringKey).toBe('accessTokenSecret');
    // The handlers refuse an access-token secret shorter than 32 characters.
    expect(generate.PasswordLength).toBeGreaterThanOrEqual(32);
  });

  it('keeps its generation settings: a change would make CloudFormation regenerate the value', () => {
    // A new GenerateSecretString wipes the Stripe and ElevenLabs keys ops put in and revokes
    // every parent's link. If this must change, plan the re-entry of those keys first.
    expect(onlySecret(dev).Properties.GenerateSecretString).toEqual({
      SecretStringTemplate: JSON.stringify({
        stripeSecretKey: 'REPLACE-WITH-THE-STRIPE-SECRET-KEY',
        stripeWebhookSecret: 'REPLACE-WITH-THE-STRIPE-WEBHOOK-SIGNING-SECRET',
        elevenLabsApiKey: 'REPLACE-WITH-THE-ELEVENLABS-API-KEY',
        elevenLabsWebhookSecret: 'REPLACE-WITH-THE-ELEVENLABS-WEBHOOK-SECRET',
      }),
      GenerateStringKey: 'accessTokenSecret',
      PasswordLength: 64,
      ExcludePunctuation: true,
      IncludeSpace: false,
    });
  });

  it('is kept when a real stage is deleted or replaced, and disposable in dev', () => {
    expect(onlySecret(prod)).toMatchObject({
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    expect(onlySecret(dev).DeletionPolicy).toBe('Delete');
  });

  it('acknowledges only the rotation finding, with the reason there is no rotation', () => {
    const acknowledged = onlySecret(dev).Metadata?.cdk_nag?.rules_to_suppress ?? [];

    expect(acknowledged.map((ack) => ack.id)).toEqual(['AwsSolutions-SMG4']);
    expect(acknowledged[0]?.reason).toMatch(/Stripe dashboard/);
    expect(acknowledged[0]?.reason).toMatch(/invalidates every manage link/);
    expect(logicalId(stack.appSecrets.secret)).toMatch(/^AppSecrets/);
  });
});
