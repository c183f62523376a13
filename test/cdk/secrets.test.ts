import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { secretNames, secretSchemas } from '../../functions/config/secret-schemas.ts';
import type { CallSantaStack } from '../../lib/callsanta-stack.ts';
import { logicalId, prodContext, synthesize } from './synth.ts';

type SecretResource = {
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Metadata?: { cdk_nag?: { rules_to_suppress?: { id: string; reason: string }[] } };
  Properties: {
    Name: string;
    KmsKeyId?: unknown;
    SecretString?: string;
    GenerateSecretString?: {
      SecretStringTemplate: string;
      GenerateStringKey: string;
      PasswordLength: number;
      ExcludePunctuation?: boolean;
      IncludeSpace?: boolean;
    };
  };
};

describe('the secrets, one per provider', () => {
  let dev: Template;
  let stack: CallSantaStack;
  let prod: Template;

  beforeAll(() => {
    ({ template: dev, stack } = synthesize());
    prod = synthesize(prodContext).template;
  }, 60_000);

  function secretNamed(template: Template, name: string): SecretResource {
    const found = Object.values(template.findResources('AWS::SecretsManager::Secret')).filter(
      (resource) => (resource as SecretResource).Properties.Name === name,
    );
    expect(found, name).toHaveLength(1);
    return found[0] as SecretResource;
  }

  it('are callsanta/<stage>/<name>, one per provider, and no other', () => {
    for (const template of [dev, prod]) {
      const names = Object.values(template.findResources('AWS::SecretsManager::Secret'))
        .map((resource) => (resource as SecretResource).Properties.Name)
        .sort();
      const stage = template === dev ? 'dev' : 'prod';

      expect(names).toEqual(secretNames.map((name) => `callsanta/${stage}/${name}`).sort());
    }
  });

  it.each(['stripe', 'elevenlabs'] as const)(
    '%s starts as placeholders with exactly the keys its schema reads, which the schema refuses',
    (name) => {
      // Arrange
      const stored = secretNamed(dev, `callsanta/dev/${name}`).Properties;

      // Act
      const value = JSON.parse(stored.SecretString ?? '{}');

      // Assert
      expect(stored.GenerateSecretString).toBeUndefined();
      expect(Object.keys(value).sort()).toEqual(Object.keys(secretSchemas[name].shape).sort());
      expect(secretSchemas[name].safeParse(value).success).toBe(false);
    },
  );

  it('keeps its placeholders and generation settings: a change would make CloudFormation rewrite the values', () => {
    // A new SecretString or GenerateSecretString wipes the keys ops put in, or revokes every
    // parent's link. If this must change, plan the re-entry of those keys first.
    expect(secretNamed(dev, 'callsanta/dev/stripe').Properties.SecretString).toBe(
      JSON.stringify({
        secretKey: 'REPLACE-WITH-THE-STRIPE-SECRET-KEY',
        webhookSecret: 'REPLACE-WITH-THE-STRIPE-WEBHOOK-SIGNING-SECRET',
      }),
    );
    expect(secretNamed(dev, 'callsanta/dev/elevenlabs').Properties.SecretString).toBe(
      JSON.stringify({
        apiKey: 'REPLACE-WITH-THE-ELEVENLABS-API-KEY',
        webhookSecret: 'REPLACE-WITH-THE-ELEVENLABS-WEBHOOK-SECRET',
      }),
    );
    for (const [name, key] of [
      ['remotion', 'webhookSecret'],
      ['access-token', 'signingKey'],
    ] as const) {
      const stored = secretNamed(dev, `callsanta/dev/${name}`).Properties;
      expect(stored.SecretString, name).toBeUndefined();
      expect(stored.GenerateSecretString, name).toEqual({
        SecretStringTemplate: '{}',
        GenerateStringKey: key,
        PasswordLength: 64,
        ExcludePunctuation: true,
        IncludeSpace: false,
      });
      // The generated key is the one key its schema reads.
      expect(Object.keys(secretSchemas[name].shape)).toEqual([key]);
    }
  });

  it('are kept when a real stage is deleted or replaced, and disposable in dev', () => {
    for (const name of secretNames) {
      expect(secretNamed(prod, `callsanta/prod/${name}`)).toMatchObject({
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
      expect(secretNamed(dev, `callsanta/dev/${name}`).DeletionPolicy).toBe('Delete');
    }
  });

  it('acknowledge only the rotation finding, with the reason there is no rotation', () => {
    for (const name of secretNames) {
      const acknowledged =
        secretNamed(dev, `callsanta/dev/${name}`).Metadata?.cdk_nag?.rules_to_suppress ?? [];

      expect(acknowledged.map((ack) => ack.id)).toEqual(['AwsSolutions-SMG4']);
      expect(acknowledged[0]?.reason).toMatch(/Stripe dashboard/);
      expect(acknowledged[0]?.reason).toMatch(/invalidates every manage link/);
      expect(logicalId(stack.appSecrets.secrets[name])).toMatch(/^AppSecrets/);
    }
  });
});
