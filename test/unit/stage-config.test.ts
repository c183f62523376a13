import { describe, expect, it } from 'vitest';
import { loadBookingConfig } from '../../functions/config/booking-config.ts';
import {
  byContextKey,
  byEnvName,
  encodeStageConfig,
  loadStageConfig,
  parseStageConfig,
  type StageConfig,
  type StageSettingKey,
  scaleDurations,
  stageConfigDefaults,
  stageSettingKeys,
  stageSettings,
} from '../../functions/config/stage-config.ts';
import { loadWorkflowConfig } from '../../functions/config/workflow-config.ts';
import { defaultSchedulingRules } from '../../functions/core/scheduling-rules.ts';

const site = { PUBLIC_SITE_URL: 'https://callsanta.example' };

/** Every setting: its variable, its default (none: must be given), a good and a bad value. */
const table: readonly [
  key: StageSettingKey,
  env: string,
  defaultValue: number | string | undefined,
  good: readonly [raw: string, value: number | string],
  bad: string,
][] = [
  [
    'publicSiteUrl',
    'PUBLIC_SITE_URL',
    undefined,
    ['https://santa.example/', 'https://santa.example/'],
    'santa dot example',
  ],
  ['callConcurrencyLimit', 'CALL_CONCURRENCY_LIMIT', 4, ['12', 12], '2.5'],
  ['expectedCallMinutes', 'EXPECTED_CALL_MINUTES', 5, ['7.5', 7.5], '90'],
  ['callingHoursStart', 'CALLING_HOURS_START', '08:00', ['09:30', '09:30'], '8am'],
  ['callingHoursEnd', 'CALLING_HOURS_END', '21:00', ['24:00', '24:00'], '24:30'],
  ['callStartsPerSecond', 'CALL_STARTS_PER_SECOND', 1, ['0.5', 0.5], '0'],
  ['callRingSeconds', 'CALL_RING_SECONDS', 45, ['30', 30], '121'],
  ['callRetryShare', 'CALL_RETRY_SHARE', 0.15, ['0.2', 0.2], '1'],
  ['callLeaseSeconds', 'CALL_LEASE_SECONDS', 1500, ['1800', 1800], '900.5'],
  ['callRetryWaitSeconds', 'CALL_RETRY_WAIT_SECONDS', 300, ['60', 60], '0'],
  ['callMaxRetries', 'CALL_MAX_RETRIES', 3, ['0', 0], '11'],
  ['callAbandonAfterSeconds', 'CALL_ABANDON_AFTER_SECONDS', 2400, ['1200', 1200], 'soon'],
  ['dialSettleSeconds', 'DIAL_SETTLE_SECONDS', 30, ['45', 45], '-30'],
  ['reconcileAfterSeconds', 'RECONCILE_AFTER_SECONDS', 900, ['600', 600], '1e400'],
  ['reconcileMaxRecoveryRuns', 'RECONCILE_MAX_RECOVERY_RUNS', 3, ['20', 20], '21'],
  [
    'supportEmail',
    'SUPPORT_EMAIL_ADDRESS',
    'help@callsanta.example',
    ['care@santa.example', 'care@santa.example'],
    'care at santa',
  ],
];

describe('the stage settings', () => {
  it('are the table above, each read from its own variable', () => {
    expect(stageSettingKeys).toEqual(table.map(([key]) => key));
    expect(new Set(stageSettingKeys.map((key) => stageSettings[key].env)).size).toBe(
      stageSettingKeys.length,
    );
  });

  it.each(table)('%s is read from %s', (key, env) => {
    expect(stageSettings[key].env).toBe(env);
  });

  it.each(table.filter(([, , defaultValue]) => defaultValue !== undefined))(
    '%s (%s) defaults to %j',
    (key, _env, defaultValue) => {
      expect(loadStageConfig(site)[key]).toBe(defaultValue);
    },
  );

  it.each(table)('%s takes a good value', (key, env, _default, [raw, value]) => {
    expect(loadStageConfig({ ...site, [env]: raw })[key]).toBe(value);
  });

  it.each(table)(
    '%s refuses a bad value, naming %s or its context key',
    (key, env, _default, _good, bad) => {
      const given = (name: StageSettingKey) =>
        name === key ? bad : name === 'publicSiteUrl' ? site.PUBLIC_SITE_URL : undefined;

      expect(() => loadStageConfig({ ...site, [env]: bad })).toThrow(
        `Stage settings are invalid — ${env} (${stageSettings[key].unit}): `,
      );
      expect(parseStageConfig(given, byContextKey)).toEqual({
        success: false,
        problems: [expect.stringMatching(new RegExp(`^"${key}" .*, got "${bad}"$`))],
      });
    },
  );

  it('needs the site URL: it has no default', () => {
    expect(() => loadStageConfig({})).toThrow(
      'Stage settings are invalid — PUBLIC_SITE_URL (URL): is not set',
    );
  });

  it('take cdk.json numbers as they take "7" from the environment', () => {
    const context: Readonly<Record<string, unknown>> = {
      publicSiteUrl: site.PUBLIC_SITE_URL,
      callMaxRetries: 7,
    };

    const fromContext = parseStageConfig((key) => context[key], byContextKey);

    expect(fromContext).toEqual({
      success: true,
      config: loadStageConfig({ ...site, CALL_MAX_RETRIES: '7' }),
    });
  });

  it.each([[''], ['   ']])('count a blank variable (%j) as not set', (blank) => {
    expect(loadStageConfig({ ...site, CALL_LEASE_SECONDS: blank }).callLeaseSeconds).toBe(1500);
  });

  it.each([
    ['21:00', '08:00'],
    ['12:00', '12:00'],
  ])('refuse calling hours from %s to %s, naming both', (start, end) => {
    expect(() =>
      loadStageConfig({ ...site, CALLING_HOURS_START: start, CALLING_HOURS_END: end }),
    ).toThrow(`CALLING_HOURS_START (${start}) must be before CALLING_HOURS_END (${end})`);
  });

  it('list every problem at once', () => {
    expect(() =>
      loadStageConfig({ ...site, CALL_MAX_RETRIES: '-1', DIAL_SETTLE_SECONDS: '0' }),
    ).toThrow(
      'CALL_MAX_RETRIES (retries): must be at least 0, got "-1"; DIAL_SETTLE_SECONDS (seconds): must be at least 1, got "0"',
    );
  });
});

describe('the encoder', () => {
  const changed: StageConfig = {
    publicSiteUrl: 'https://santa.example.org/',
    callConcurrencyLimit: 7,
    expectedCallMinutes: 7.5,
    callingHoursStart: '00:00',
    callingHoursEnd: '24:00',
    callStartsPerSecond: 0.25,
    callRingSeconds: 45,
    callRetryShare: 0.3,
    callLeaseSeconds: 600,
    callRetryWaitSeconds: 1,
    callMaxRetries: 0,
    callAbandonAfterSeconds: 1,
    dialSettleSeconds: 120,
    reconcileAfterSeconds: 86_400,
    reconcileMaxRecoveryRuns: 20,
    supportEmail: 'care@santa.example',
  };

  it.each([
    ['the defaults', { ...stageConfigDefaults, ...{ publicSiteUrl: 'http://127.0.0.1:3000' } }],
    ['every setting changed', changed],
  ])('writes %s so the handlers read back the same config', (_what, config) => {
    // Act
    const environment = encodeStageConfig(config);

    // Assert
    expect(Object.keys(environment).sort()).toEqual(
      stageSettingKeys.map((key) => stageSettings[key].env).sort(),
    );
    expect(loadStageConfig(environment)).toEqual(config);
  });

  it('writes the variables CDK always set, as they were', () => {
    expect(encodeStageConfig(changed)).toMatchObject({
      PUBLIC_SITE_URL: 'https://santa.example.org/',
      CALL_CONCURRENCY_LIMIT: '7',
      EXPECTED_CALL_MINUTES: '7.5',
      CALLING_HOURS_START: '00:00',
      CALLING_HOURS_END: '24:00',
      CALL_STARTS_PER_SECOND: '0.25',
      CALL_LEASE_SECONDS: '600',
      RECONCILE_AFTER_SECONDS: '86400',
    });
  });
});

describe('scaleDurations', () => {
  it('scales only the wall-clock durations the local cloud shortens', () => {
    // Arrange
    const config = loadStageConfig(site);

    // Act
    const scaled = scaleDurations(config, (seconds) => seconds / 10);

    // Assert
    expect(scaled).toEqual({
      ...config,
      callLeaseSeconds: 150,
      callAbandonAfterSeconds: 240,
      dialSettleSeconds: 3,
      reconcileAfterSeconds: 90,
    });
  });
});

describe('the handlers’ views of the stage settings', () => {
  it('give the booking rules and the site without its trailing slash', () => {
    const config = loadBookingConfig({
      PUBLIC_SITE_URL: 'https://santa.example/',
      CALLING_HOURS_START: '09:30',
      CALLING_HOURS_END: '24:00',
      CALL_CONCURRENCY_LIMIT: '2',
    });

    expect(config).toEqual({
      rules: {
        ...defaultSchedulingRules,
        callingHoursStartMinute: 9 * 60 + 30,
        callingHoursEndMinute: 24 * 60,
        concurrentCalls: 2,
      },
      publicSiteUrl: 'https://santa.example',
    });
  });

  it('agree with the scheduling rules’ defaults', () => {
    expect(loadBookingConfig(site).rules).toEqual(defaultSchedulingRules);
  });

  it('give the call workflow its rules', () => {
    expect(loadWorkflowConfig({ ...site, CALL_MAX_RETRIES: '5' })).toEqual({
      lines: { concurrentCalls: 4, startIntervalMs: 1000, leaseSeconds: 1500, maxPaceMs: 15_000 },
      retryWaitSeconds: 300,
      maxRetries: 5,
      publicSiteUrl: 'https://callsanta.example',
      abandonAfterSeconds: 2400,
      dialSettleSeconds: 30,
      reconcileAfterSeconds: 900,
      maxRecoveryRuns: 3,
    });
  });

  it('name a bad variable the way the environment does', () => {
    expect(byEnvName('callLeaseSeconds')).toBe('CALL_LEASE_SECONDS');
    expect(() => loadWorkflowConfig({ ...site, CALL_LEASE_SECONDS: 'long' })).toThrow(
      /CALL_LEASE_SECONDS \(seconds\): must be a whole number, got "long"/,
    );
  });
});
