import type { Node } from 'constructs';
import { loadBookingConfig } from '../functions/config/booking-config.ts';

/**
 * Per-stage settings, from CDK context. Each setting is looked up as `-c <key>=<value>` first,
 * then under `stages.<stage>.<key>` in cdk.json's context (so a stage's settings can be kept
 * in the repository), then its default.
 */
export interface StageSettings {
  readonly stage: string;
  /** The From address of every email; its domain must be a verified SES identity. */
  readonly emailFrom: string;
  /** Where parents' links point (PUBLIC_SITE_URL), and the one origin that may upload. */
  readonly publicSiteUrl: string;
  /** Booking rules, as the handlers read them: `functions/config/booking-config.ts`. */
  readonly bookingRules: {
    readonly callConcurrencyLimit: number;
    readonly expectedCallMinutes: number;
    /** `HH:MM`, in the called party's local time. */
    readonly callingHoursStart: string;
    readonly callingHoursEnd: string;
  };
  /** The team's "new paid booking" channel; unset means no notification. */
  readonly discordWebhookUrl?: string;
  /** An existing SES configuration set for delivery, bounce and complaint events. */
  readonly sesConfigurationSet?: string;
}

const stagePattern = /^[a-z][a-z0-9-]{0,19}$/;
const emailPattern = /^[^@\s]+@[^@\s]+$/;
const configurationSetPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** Booking rule defaults: the values the product was priced and tested with. */
export const bookingRuleDefaults: StageSettings['bookingRules'] = {
  callConcurrencyLimit: 4,
  expectedCallMinutes: 5,
  callingHoursStart: '08:00',
  callingHoursEnd: '21:00',
};

/** Placeholders only dev may fall back to; every other stage must name the real thing. */
const devDefaults = {
  emailFrom: 'santa@callsanta.example',
  publicSiteUrl: 'https://callsanta.example',
} as const;

/** The booking-rule environment every function gets, named as the handlers read it. */
export function bookingEnvironment(settings: StageSettings): Record<string, string> {
  const rules = settings.bookingRules;
  return {
    PUBLIC_SITE_URL: settings.publicSiteUrl,
    CALL_CONCURRENCY_LIMIT: String(rules.callConcurrencyLimit),
    EXPECTED_CALL_MINUTES: String(rules.expectedCallMinutes),
    CALLING_HOURS_START: rules.callingHoursStart,
    CALLING_HOURS_END: rules.callingHoursEnd,
  };
}

/** Reads and checks the stage's settings; a bad value stops synth naming its context key. */
export function readStageSettings(node: Node): StageSettings {
  const stage: unknown = node.tryGetContext('stage') ?? 'dev';
  if (typeof stage !== 'string' || !stagePattern.test(stage)) {
    throw new Error(
      `Context "stage" must be lower-case letters, digits and dashes, got ${String(stage)}.`,
    );
  }
  const perStage: unknown = (node.tryGetContext('stages') as Record<string, unknown> | undefined)?.[
    stage
  ];
  const setting = (key: string): unknown =>
    node.tryGetContext(key) ??
    (typeof perStage === 'object' && perStage !== null
      ? (perStage as Record<string, unknown>)[key]
      : undefined);
  const isDev = stage === 'dev';

  // Only dev may fall back to a placeholder sender; a real stage must name its SES identity.
  const emailFrom = setting('emailFrom') ?? (isDev ? devDefaults.emailFrom : undefined);
  if (typeof emailFrom !== 'string' || !emailPattern.test(emailFrom)) {
    throw new Error(
      `Context "emailFrom" must be the sender's email address (-c emailFrom=...), got ${String(emailFrom)}.`,
    );
  }

  // Parents' manage links and recording links point here: a real stage must name its site.
  const publicSiteUrl = setting('publicSiteUrl') ?? (isDev ? devDefaults.publicSiteUrl : undefined);
  if (typeof publicSiteUrl !== 'string' || !isHttpsUrl(publicSiteUrl)) {
    throw new Error(
      `Context "publicSiteUrl" must be the site's https URL (-c publicSiteUrl=https://...), got ${String(publicSiteUrl)}.`,
    );
  }

  const bookingRules = {
    callConcurrencyLimit: numberSetting(
      'callConcurrencyLimit',
      setting('callConcurrencyLimit') ?? bookingRuleDefaults.callConcurrencyLimit,
    ),
    expectedCallMinutes: numberSetting(
      'expectedCallMinutes',
      setting('expectedCallMinutes') ?? bookingRuleDefaults.expectedCallMinutes,
    ),
    callingHoursStart: String(
      setting('callingHoursStart') ?? bookingRuleDefaults.callingHoursStart,
    ),
    callingHoursEnd: String(setting('callingHoursEnd') ?? bookingRuleDefaults.callingHoursEnd),
  };

  const discordWebhookUrl = setting('discordWebhookUrl');
  if (discordWebhookUrl !== undefined && !isHttpsUrl(discordWebhookUrl)) {
    throw new Error('Context "discordWebhookUrl" must be an https URL (a Discord webhook).');
  }
  const sesConfigurationSet = setting('sesConfigurationSet');
  if (
    sesConfigurationSet !== undefined &&
    (typeof sesConfigurationSet !== 'string' || !configurationSetPattern.test(sesConfigurationSet))
  ) {
    throw new Error(
      `Context "sesConfigurationSet" must be an SES configuration set name (letters, digits, _ and -), got ${String(sesConfigurationSet)}.`,
    );
  }

  const settings: StageSettings = {
    stage,
    emailFrom,
    publicSiteUrl,
    bookingRules,
    ...(typeof discordWebhookUrl === 'string' ? { discordWebhookUrl } : {}),
    ...(typeof sesConfigurationSet === 'string' ? { sesConfigurationSet } : {}),
  };
  checkWithHandlersParser(settings);
  return settings;
}

function isHttpsUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/** `-c key=7` arrives as the string "7"; cdk.json may hold the number 7. */
function numberSetting(key: string, value: unknown): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) {
    throw new Error(`Context "${key}" must be a number, got ${String(value)}.`);
  }
  return number;
}

const contextKeyOf: Readonly<Record<string, string>> = {
  PUBLIC_SITE_URL: 'publicSiteUrl',
  CALL_CONCURRENCY_LIMIT: 'callConcurrencyLimit',
  EXPECTED_CALL_MINUTES: 'expectedCallMinutes',
  CALLING_HOURS_START: 'callingHoursStart',
  CALLING_HOURS_END: 'callingHoursEnd',
};

/**
 * Runs the handlers' own parser over the environment CDK is about to set, so a value a
 * handler would reject at its first cold start stops synth instead.
 */
function checkWithHandlersParser(settings: StageSettings): void {
  const environment = bookingEnvironment(settings);
  let rules: ReturnType<typeof loadBookingConfig>['rules'];
  try {
    rules = loadBookingConfig(environment).rules;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const keys = Object.entries(contextKeyOf)
      .filter(([envName]) => message.includes(envName))
      .map(([, key]) => `"${key}"`);
    throw new Error(
      `Context ${keys.join(', ') || 'booking settings'} for stage ${settings.stage} would be rejected by the handlers: ${message}`,
    );
  }
  if (rules.callingHoursStartMinute >= rules.callingHoursEndMinute) {
    throw new Error(
      `Context "callingHoursStart" (${settings.bookingRules.callingHoursStart}) must be before "callingHoursEnd" (${settings.bookingRules.callingHoursEnd}).`,
    );
  }
}
