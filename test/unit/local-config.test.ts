import { describe, expect, it } from 'vitest';
import { requireEnv } from '../../functions/config/env.ts';
import {
  encodeStageConfig,
  type StageConfig,
  stageConfigDefaults,
} from '../../functions/config/stage-config.ts';
import { loadLocalCloudConfig } from '../../local/config.ts';
import { applySubstitutions } from '../../local/stepfunctions/substitutions.ts';

describe('loadLocalCloudConfig', () => {
  it('defaults to port 3000, .data, real time and local provider emulators', () => {
    const config = loadLocalCloudConfig({});

    expect(config.basePort).toBe(3000);
    expect(config.ports).toMatchObject({ api: 3000, dynamodb: 3001, s3: 3002, elevenLabs: 3007 });
    expect(config.dataDir).toMatch(/\/\.data$/);
    expect(config.timeScale).toBe(1);
    expect(config.stripe).toEqual({ baseUrl: 'http://127.0.0.1:3006', emulated: true });
  });

  it('uses a provider base URL from the environment and starts no emulator for it', () => {
    const config = loadLocalCloudConfig({
      CALLSANTA_PORT: '4100',
      ELEVENLABS_API_BASE_URL: 'http://127.0.0.1:9999/',
      ELEVENLABS_WEBHOOK_SECRET: 'wsec_given',
    });

    expect(config.elevenLabs).toEqual({ baseUrl: 'http://127.0.0.1:9999', emulated: false });
    expect(config.secrets.elevenLabsWebhook).toBe('wsec_given');
    expect(config.ports.api).toBe(4100);
  });

  it('gives handlers the stage settings’ defaults and its own site URL', () => {
    const config = loadLocalCloudConfig({
      CALLSANTA_PORT: '4100',
      PUBLIC_SITE_URL: 'https://www.callsanta.example',
    });

    expect(config.stageConfig).toEqual({
      ...stageConfigDefaults,
      publicSiteUrl: 'http://127.0.0.1:4100',
      // The contact form's messages land in the local outbox, addressed here.
      supportEmail: 'help@callsanta.local',
    });
  });

  it('takes every stage setting but the site URL from the variables CDK sets', () => {
    // Arrange: every setting changed, written as CDK writes it.
    const given: StageConfig = {
      publicSiteUrl: 'https://www.callsanta.example',
      callConcurrencyLimit: 1,
      expectedCallMinutes: 15,
      callingHoursStart: '00:00',
      callingHoursEnd: '24:00',
      callStartsPerSecond: 2,
      callRingSeconds: 30,
      callRetryShare: 0.25,
      callLeaseSeconds: 600,
      callRetryWaitSeconds: 60,
      callMaxRetries: 1,
      callAbandonAfterSeconds: 1200,
      dialSettleSeconds: 10,
      reconcileAfterSeconds: 120,
      reconcileMaxRecoveryRuns: 5,
      supportEmail: 'care@santa.example',
    };

    // Act
    const config = loadLocalCloudConfig(encodeStageConfig(given));

    // Assert
    expect(config.stageConfig).toEqual({ ...given, publicSiteUrl: 'http://127.0.0.1:3000' });
  });

  it.each([
    [{ CALLSANTA_PORT: 'eighty' }, /CALLSANTA_PORT/],
    [{ CALLSANTA_TIME_SCALE: '0' }, /CALLSANTA_TIME_SCALE/],
    [{ STRIPE_API_BASE_URL: 'not a url' }, /STRIPE_API_BASE_URL/],
    [{ CALL_CONCURRENCY_LIMIT: '0' }, /CALL_CONCURRENCY_LIMIT \(calls\): must be at least 1/],
    [{ CALLING_HOURS_START: '8am' }, /CALLING_HOURS_START \(HH:MM\)/],
    [{ RECONCILE_MAX_RECOVERY_RUNS: 'many' }, /RECONCILE_MAX_RECOVERY_RUNS/],
    [
      { CALLSANTA_PORT: 'eighty', DIAL_SETTLE_SECONDS: '0' },
      /CALLSANTA_PORT: .*; DIAL_SETTLE_SECONDS/,
    ],
  ])('refuses %o naming the bad setting', (env, message) => {
    expect(() => loadLocalCloudConfig(env)).toThrow(message);
  });
});

describe('applySubstitutions', () => {
  it('fills every placeholder', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: ASL placeholders, not a template.
    expect(applySubstitutions('{"F":"${A}","G":"${B_2}"}', { A: 'arn:a', B_2: 'arn:b' })).toBe(
      '{"F":"arn:a","G":"arn:b"}',
    );
  });

  it('names a placeholder that has no value', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an ASL placeholder, not a template.
    expect(() => applySubstitutions('"${Missing}"', {})).toThrow(/\$\{Missing\}/);
  });
});

describe('requireEnv', () => {
  it.each([[{}], [{ TABLE_NAME: '  ' }]])('names the missing variable (%o)', (env) => {
    expect(() => requireEnv('TABLE_NAME', env)).toThrow(/TABLE_NAME/);
  });

  it('returns a set value', () => {
    expect(requireEnv('TABLE_NAME', { TABLE_NAME: 't' })).toBe('t');
  });
});
