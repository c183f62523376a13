import { App } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { discordWebhookEnv } from '../../functions/adapters/discord-notifier.ts';
import { loadBookingConfig } from '../../functions/config/booking-config.ts';
import { encodeStageConfig, stageConfigDefaults } from '../../functions/config/stage-config.ts';
import { loadWorkflowConfig } from '../../functions/config/workflow-config.ts';
import { defaultSchedulingRules } from '../../functions/core/scheduling-rules.ts';
import { workflowTaskFunctions } from '../../functions/workflow/task-functions.ts';
import type { CallSantaStack } from '../../lib/callsanta-stack.ts';
import { elevenLabsEnv, sesConfigurationSetEnv } from '../../lib/house-function.ts';
import { readStageSettings } from '../../lib/settings.ts';
import {
  allowing,
  buildTestApp,
  environmentOf,
  flatten,
  functionDefinitions,
  grantsOf,
  houseFunctionNamed,
  houseFunctions,
  logicalId,
  prodContext,
  synthesize,
} from './synth.ts';

const definitions = functionDefinitions;
const emailFunctions = definitions.filter((d) => d.access.email).map((d) => d.name);

/** The environment as a handler sees it: only plain strings (tokens become their text). */
function asStrings(environment: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environment).map(([name, value]) => [name, flatten(value)]),
  );
}

describe('every function, with the default settings of dev', () => {
  let template: Template;
  let stack: CallSantaStack;

  beforeAll(() => {
    ({ template, stack } = synthesize());
  }, 60_000);

  it('gets the placeholder site URL and the default booking rules, as the handlers parse them', () => {
    for (const [name, fn] of houseFunctions(stack)) {
      const config = loadBookingConfig(asStrings(environmentOf(template, fn)));

      expect(config, name).toEqual({
        rules: defaultSchedulingRules,
        publicSiteUrl: 'https://callsanta.example',
      });
    }
  });

  it('gets the default call workflow rules, as the handlers parse them', () => {
    for (const [name, fn] of houseFunctions(stack)) {
      const environment = environmentOf(template, fn);

      const config = loadWorkflowConfig(asStrings(environment));

      expect(environment, name).toMatchObject({
        CALL_STARTS_PER_SECOND: '1',
        CALL_LEASE_SECONDS: '1500',
        CALL_RETRY_WAIT_SECONDS: '300',
        CALL_MAX_RETRIES: '3',
        CALL_ABANDON_AFTER_SECONDS: '2400',
        DIAL_SETTLE_SECONDS: '30',
        RECONCILE_AFTER_SECONDS: '900',
        RECONCILE_MAX_RECOVERY_RUNS: '3',
      });
      expect(config, name).toEqual({
        lines: { concurrentCalls: 4, startIntervalMs: 1000, leaseSeconds: 1500, maxPaceMs: 15_000 },
        retryWaitSeconds: 300,
        maxRetries: 3,
        publicSiteUrl: 'https://callsanta.example',
        dialSettleSeconds: 30,
        abandonAfterSeconds: 2400,
        reconcileAfterSeconds: 900,
        maxRecoveryRuns: 3,
      });
    }
  });

  it('gets every stage setting, as the stage config encodes its defaults', () => {
    // Arrange: the only setting without a default is dev's placeholder site.
    const expected = encodeStageConfig({
      ...stageConfigDefaults,
      publicSiteUrl: 'https://callsanta.example',
    });

    for (const [name, fn] of houseFunctions(stack)) {
      // Act
      const environment = environmentOf(template, fn);

      // Assert
      expect(environment, name).toMatchObject(expected);
    }
  });

  it('gets no Discord webhook and no SES configuration set when none is configured', () => {
    for (const [name, fn] of houseFunctions(stack)) {
      const environment = environmentOf(template, fn);

      expect(environment[discordWebhookEnv], name).toBeUndefined();
      expect(environment[sesConfigurationSetEnv], name).toBeUndefined();
    }
  });
});

describe('every function, with settings from context', () => {
  const context = {
    publicSiteUrl: 'https://santa.example.org/',
    callConcurrencyLimit: '7',
    expectedCallMinutes: 9,
    callingHoursStart: '09:30',
    callingHoursEnd: '20:15',
    discordWebhookUrl: 'https://discord.com/api/webhooks/123/token',
    sesConfigurationSet: 'callsanta-events',
    callStartsPerSecond: '0.5',
    callLeaseSeconds: 1800,
    callRetryWaitSeconds: '120',
    callMaxRetries: 0,
    callAbandonAfterSeconds: '1800',
    dialSettleSeconds: 45,
    reconcileAfterSeconds: '600',
    reconcileMaxRecoveryRuns: 5,
    elevenLabsAgentId: 'agent_01jzsanta',
    elevenLabsPhoneNumberId: 'phnum_01jznorthpole',
  };
  let template: Template;
  let stack: CallSantaStack;

  beforeAll(() => {
    ({ template, stack } = synthesize(context));
  }, 60_000);

  it('gets the booking rules and site URL from context', () => {
    for (const [name, fn] of houseFunctions(stack)) {
      const environment = environmentOf(template, fn);

      const config = loadBookingConfig(asStrings(environment));

      expect(environment, name).toMatchObject({
        PUBLIC_SITE_URL: 'https://santa.example.org/',
        CALL_CONCURRENCY_LIMIT: '7',
        EXPECTED_CALL_MINUTES: '9',
        CALLING_HOURS_START: '09:30',
        CALLING_HOURS_END: '20:15',
      });
      expect(config, name).toEqual({
        rules: {
          ...defaultSchedulingRules,
          concurrentCalls: 7,
          startsPerSecond: 0.5,
          expectedCallMinutes: 9,
          callingHoursStartMinute: 9 * 60 + 30,
          callingHoursEndMinute: 20 * 60 + 15,
        },
        publicSiteUrl: 'https://santa.example.org',
      });
    }
  });

  it('gets the call workflow rules from context', () => {
    for (const [name, fn] of houseFunctions(stack)) {
      const environment = environmentOf(template, fn);

      const config = loadWorkflowConfig(asStrings(environment));

      expect(environment, name).toMatchObject({
        CALL_ABANDON_AFTER_SECONDS: '1800',
        DIAL_SETTLE_SECONDS: '45',
        RECONCILE_AFTER_SECONDS: '600',
        RECONCILE_MAX_RECOVERY_RUNS: '5',
      });
      expect(config, name).toEqual({
        lines: { concurrentCalls: 7, startIntervalMs: 2000, leaseSeconds: 1800, maxPaceMs: 15_000 },
        retryWaitSeconds: 120,
        maxRetries: 0,
        publicSiteUrl: 'https://santa.example.org',
        dialSettleSeconds: 45,
        abandonAfterSeconds: 1800,
        reconcileAfterSeconds: 600,
        maxRecoveryRuns: 5,
      });
    }
  });

  it('gives the ElevenLabs agent and phone number from context to the functions that call', () => {
    const callers = workflowTaskFunctions.filter((task) => task.access.elevenLabs);
    expect(callers.length).toBeGreaterThan(0);

    for (const task of callers) {
      const fn = stack.bookingWorkflow.functions.get(task.name);
      expect(fn, task.name).toBeDefined();
      if (!fn) continue;

      expect(environmentOf(template, fn), task.name).toMatchObject({
        [elevenLabsEnv.agentId]: 'agent_01jzsanta',
        [elevenLabsEnv.phoneNumberId]: 'phnum_01jznorthpole',
      });
    }
  });

  it('gives the Discord webhook and the configuration set only to functions that send email', () => {
    // Act
    const withWebhook = houseFunctions(stack)
      .filter(([, fn]) => environmentOf(template, fn)[discordWebhookEnv] !== undefined)
      .map(([name]) => name);
    const withConfigurationSet = houseFunctions(stack)
      .filter(([, fn]) => environmentOf(template, fn)[sesConfigurationSetEnv] !== undefined)
      .map(([name]) => name);

    // Assert
    expect(emailFunctions).toContain('StripeWebhook');
    expect(withWebhook.sort()).toEqual([...emailFunctions].sort());
    expect(withConfigurationSet.sort()).toEqual([...emailFunctions].sort());
    for (const name of emailFunctions) {
      const fn = houseFunctionNamed(stack, name);
      expect(fn && environmentOf(template, fn), name).toMatchObject({
        [discordWebhookEnv]: context.discordWebhookUrl,
        [sesConfigurationSetEnv]: context.sesConfigurationSet,
      });
    }
  });

  it('names the configuration set as the email sender reads it', async () => {
    // The sender module requires its From address as soon as it loads.
    vi.stubEnv('EMAIL_FROM_ADDRESS', 'santa@callsanta.example');
    try {
      const sender = await import('../../functions/adapters/email-sender.ts');

      expect(sender.sesConfigurationSetEnv).toBe(sesConfigurationSetEnv);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('lets functions that send email send through the configuration set', () => {
    for (const name of emailFunctions) {
      const fn = houseFunctionNamed(stack, name);
      expect(fn, name).toBeDefined();
      if (!fn) continue;

      const sendEmail = allowing(grantsOf(template, fn), 'ses:SendEmail');

      expect(sendEmail.flatMap((statement) => statement.Resource.map(flatten)).sort()).toEqual([
        'arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:configuration-set/callsanta-events',
        'arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*',
        'arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/callsanta.example',
      ]);
    }
  });

  it('lets browsers upload voice notes from the configured site only', () => {
    const bucket = template.toJSON().Resources[logicalId(stack.storage.buckets.voiceNotes)];

    expect(bucket.Properties.CorsConfiguration.CorsRules[0].AllowedOrigins).toEqual([
      'https://santa.example.org',
    ]);
  });
});

describe('stage settings', () => {
  const settingsOf = (context: Record<string, unknown>) =>
    readStageSettings(new App({ context }).node);

  it('take a stage’s values from cdk.json’s "stages", and -c values over those', () => {
    // Arrange
    const context = {
      ...prodContext,
      stages: {
        prod: { callConcurrencyLimit: 12, expectedCallMinutes: 6, callingHoursEnd: '20:00' },
        dev: { callConcurrencyLimit: 1 },
      },
      expectedCallMinutes: '4',
    };

    // Act
    const settings = settingsOf(context);

    // Assert
    expect(settings.stageConfig).toEqual({
      ...stageConfigDefaults,
      publicSiteUrl: prodContext.publicSiteUrl,
      callConcurrencyLimit: 12,
      expectedCallMinutes: 4,
      callingHoursStart: '08:00',
      callingHoursEnd: '20:00',
      // No supportEmail given: a real stage's contact messages go to its own sender.
      supportEmail: prodContext.emailFrom,
    });
  });

  it("send contact messages to the stage's supportEmail, and only dev to the placeholder", () => {
    // Act
    const given = settingsOf({ ...prodContext, supportEmail: 'care@callsanta.example' });
    const dev = settingsOf({});

    // Assert
    expect(given.stageConfig.supportEmail).toBe('care@callsanta.example');
    expect(dev.stageConfig.supportEmail).toBe(stageConfigDefaults.supportEmail);
    expect(() => settingsOf({ ...prodContext, supportEmail: 'care at santa' })).toThrow(
      /Context "supportEmail" \(email address\): must be an email address/,
    );
  });

  it('take the call workflow rules and the ElevenLabs ids from a stage in cdk.json', () => {
    // Arrange: the ids only in cdk.json, as a stage keeps them in the repository.
    const {
      elevenLabsAgentId: _agent,
      elevenLabsPhoneNumberId: _number,
      ...fromCommandLine
    } = prodContext;
    const context = {
      ...fromCommandLine,
      stages: {
        prod: {
          callStartsPerSecond: 3,
          callMaxRetries: 5,
          reconcileMaxRecoveryRuns: 6,
          elevenLabsAgentId: 'agent_prod',
          elevenLabsPhoneNumberId: 'phnum_prod',
        },
      },
      callMaxRetries: '2',
    };

    // Act
    const settings = settingsOf(context);

    // Assert
    expect(settings.stageConfig).toEqual({
      ...stageConfigDefaults,
      publicSiteUrl: prodContext.publicSiteUrl,
      callStartsPerSecond: 3,
      callMaxRetries: 2,
      reconcileMaxRecoveryRuns: 6,
      supportEmail: prodContext.emailFrom,
    });
    expect(settings.elevenLabs).toEqual({ agentId: 'agent_prod', phoneNumberId: 'phnum_prod' });
  });

  it('keep the ElevenLabs placeholders to dev: a real stage must name its agent and number', () => {
    // Arrange
    const { elevenLabsAgentId: _agent, ...withoutAgent } = prodContext;
    const { elevenLabsPhoneNumberId: _number, ...withoutNumber } = prodContext;

    // Act + Assert
    expect(settingsOf({}).elevenLabs).toEqual({
      agentId: 'agent_dev_placeholder',
      phoneNumberId: 'phnum_dev_placeholder',
    });
    expect(() => settingsOf(withoutAgent)).toThrow(/Context "elevenLabsAgentId"/);
    expect(() => settingsOf(withoutNumber)).toThrow(/Context "elevenLabsPhoneNumberId"/);
  });

  it("keep Stripe's placeholder key to dev: a real stage must name its publishable key", () => {
    // Arrange
    const { stripePublishableKey: _key, ...withoutKey } = prodContext;

    // Act + Assert
    expect(settingsOf({}).stripePublishableKey).toBe('pk_test_placeholder');
    expect(settingsOf(prodContext).stripePublishableKey).toBe(prodContext.stripePublishableKey);
    expect(() => settingsOf(withoutKey)).toThrow(/Context "stripePublishableKey"/);
  });

  it('keep placeholders to dev: a real stage must name its site', () => {
    expect(settingsOf({}).publicSiteUrl).toBe('https://callsanta.example');
    expect(() => settingsOf({ stage: 'prod', emailFrom: 'santa@callsanta.example' })).toThrow(
      /Context "publicSiteUrl"/,
    );
  });

  it.each([
    ['callConcurrencyLimit', 0],
    ['callConcurrencyLimit', '2.5'],
    ['expectedCallMinutes', 'five'],
    ['expectedCallMinutes', 90],
    ['callingHoursStart', '8am'],
    ['callingHoursEnd', '25:00'],
    ['publicSiteUrl', 'http://callsanta.example'],
    ['discordWebhookUrl', 'not a url'],
    ['sesConfigurationSet', 'has spaces'],
    ['callStartsPerSecond', 0],
    ['callStartsPerSecond', 'fast'],
    ['callLeaseSeconds', 30],
    ['callLeaseSeconds', '900.5'],
    ['callRetryWaitSeconds', 0],
    ['callMaxRetries', -1],
    ['callMaxRetries', 11],
    ['callMaxRetries', true],
    ['callingHoursEnd', '24:30'],
    ['callAbandonAfterSeconds', 0],
    ['dialSettleSeconds', '1.5'],
    ['reconcileAfterSeconds', 'soon'],
    ['reconcileMaxRecoveryRuns', 21],
    ['elevenLabsAgentId', 'agent with spaces'],
    ['elevenLabsPhoneNumberId', ''],
    ['alarmEmail', 'nobody'],
  ])('stop synth when %s is %j, naming the setting', (key, value) => {
    expect(() => buildTestApp({ context: { [key]: value } })).toThrow(`Context "${key}"`);
  });

  it('stop synth when calling hours end before they start', () => {
    expect(() => settingsOf({ callingHoursStart: '21:00', callingHoursEnd: '08:00' })).toThrow(
      /"callingHoursStart" \(21:00\) must be before "callingHoursEnd" \(08:00\)/,
    );
  });
});
