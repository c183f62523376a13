import type { Node } from 'constructs';
import {
  byContextKey,
  encodeStageConfig,
  parseStageConfig,
  type StageConfig,
  type StageSettingKey,
} from '../functions/config/stage-config.ts';
import { stageEnv } from '../functions/shared/metrics.ts';

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
  /**
   * What every handler reads at run time (booking rules, call workflow rules, the site URL),
   * one context key per setting as declared in `functions/config/stage-config.ts`.
   */
  readonly stageConfig: StageConfig;
  /** The ElevenLabs Santa agent and the phone number it calls from (`npm run agent:sync`). */
  readonly elevenLabs: {
    readonly agentId: string;
    readonly phoneNumberId: string;
  };
  /** The team's "new paid booking" channel; unset means no notification. */
  readonly discordWebhookUrl?: string;
  /** An existing SES configuration set for delivery, bounce and complaint events. */
  readonly sesConfigurationSet?: string;
  /** Subscribed by email to the alarm topic; unset means no subscription (subscribe by hand). */
  readonly alarmEmail?: string;
  /** Stripe's publishable key, written to the site's `/config.json` (it is public by design). */
  readonly stripePublishableKey: string;
  /** A custom domain for the site and its ACM certificate in us-east-1; both or neither. */
  readonly siteDomain?: { readonly domainName: string; readonly certificateArn: string };
}

const stagePattern = /^[a-z][a-z0-9-]{0,19}$/;
const emailPattern = /^[^@\s]+@[^@\s]+$/;
const configurationSetPattern = /^[A-Za-z0-9_-]{1,64}$/;
/** ElevenLabs ids are opaque tokens such as `agent_01jz…` or `phnum_01jz…`. */
const elevenLabsIdPattern = /^[A-Za-z0-9_-]{1,128}$/;

/** Placeholders only dev may fall back to; every other stage must name the real thing. */
const devDefaults = {
  emailFrom: 'santa@callsanta.example',
  publicSiteUrl: 'https://callsanta.example',
  elevenLabsAgentId: 'agent_dev_placeholder',
  elevenLabsPhoneNumberId: 'phnum_dev_placeholder',
  stripePublishableKey: 'pk_test_placeholder',
} as const;

const stripePublishableKeyPattern = /^pk_(test|live)_[A-Za-z0-9_]+$/;
const domainNamePattern = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const certificateArnPattern = /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/;

/**
 * What every function gets: the stage's runtime settings (site URL, booking rules, call
 * workflow rules) as the environment variables the handlers read (`encodeStageConfig`), and
 * the stage's name, the `stage` dimension of every metric.
 */
export function functionEnvironment(settings: StageSettings): Record<string, string> {
  return { ...encodeStageConfig(settings.stageConfig), [stageEnv]: settings.stage };
}

/**
 * A call's lease is renewed at its dial and at each status check; between them the dial step
 * waits up to its 900 s timeout for the outcome. A lease shorter than that (plus a margin)
 * would free a line while the provider still counts the call.
 */
const minimumCallLeaseSeconds = 1000;

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

  // The contact form's messages go to supportEmail; a real stage that names none gets them at
  // its own verified sender rather than at the placeholder default.
  const stageConfig = readStageConfig(stage, (key) =>
    key === 'publicSiteUrl'
      ? publicSiteUrl
      : key === 'supportEmail'
        ? (setting(key) ?? (isDev ? undefined : emailFrom))
        : setting(key),
  );

  // The Santa agent and its number live in ElevenLabs: a real stage must name its own.
  const elevenLabs = {
    agentId: elevenLabsId(
      'elevenLabsAgentId',
      setting('elevenLabsAgentId') ?? (isDev ? devDefaults.elevenLabsAgentId : undefined),
    ),
    phoneNumberId: elevenLabsId(
      'elevenLabsPhoneNumberId',
      setting('elevenLabsPhoneNumberId') ??
        (isDev ? devDefaults.elevenLabsPhoneNumberId : undefined),
    ),
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

  const alarmEmail = setting('alarmEmail');
  if (
    alarmEmail !== undefined &&
    (typeof alarmEmail !== 'string' || !emailPattern.test(alarmEmail))
  ) {
    throw new Error(
      `Context "alarmEmail" must be an email address for alarm notifications, got ${String(alarmEmail)}.`,
    );
  }

  // Stripe's publishable key is public (it ships in the page). Only dev may fall back to the
  // placeholder: a real stage deployed with it would take no payment at all.
  const stripePublishableKey =
    setting('stripePublishableKey') ?? (isDev ? devDefaults.stripePublishableKey : undefined);
  if (
    typeof stripePublishableKey !== 'string' ||
    !stripePublishableKeyPattern.test(stripePublishableKey)
  ) {
    throw new Error(
      `Context "stripePublishableKey" must be a Stripe publishable key (pk_test_... or pk_live_...), got ${String(stripePublishableKey)}.`,
    );
  }

  const siteDomainName = setting('siteDomainName');
  const siteCertificateArn = setting('siteCertificateArn');
  if ((siteDomainName === undefined) !== (siteCertificateArn === undefined)) {
    throw new Error(
      'Context "siteDomainName" and "siteCertificateArn" go together: a custom domain needs its certificate.',
    );
  }
  if (
    siteDomainName !== undefined &&
    (typeof siteDomainName !== 'string' || !domainNamePattern.test(siteDomainName))
  ) {
    throw new Error(
      `Context "siteDomainName" must be a lower-case domain name, got ${String(siteDomainName)}.`,
    );
  }
  if (
    siteCertificateArn !== undefined &&
    (typeof siteCertificateArn !== 'string' || !certificateArnPattern.test(siteCertificateArn))
  ) {
    throw new Error(
      `Context "siteCertificateArn" must be an ACM certificate ARN in us-east-1 (CloudFront's), got ${String(siteCertificateArn)}.`,
    );
  }

  const settings: StageSettings = {
    stage,
    emailFrom,
    publicSiteUrl: stageConfig.publicSiteUrl,
    stageConfig,
    elevenLabs,
    ...(typeof discordWebhookUrl === 'string' ? { discordWebhookUrl } : {}),
    ...(typeof sesConfigurationSet === 'string' ? { sesConfigurationSet } : {}),
    ...(typeof alarmEmail === 'string' ? { alarmEmail } : {}),
    stripePublishableKey,
    ...(typeof siteDomainName === 'string' && typeof siteCertificateArn === 'string'
      ? { siteDomain: { domainName: siteDomainName, certificateArn: siteCertificateArn } }
      : {}),
  };
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

function elevenLabsId(key: string, value: unknown): string {
  if (typeof value !== 'string' || !elevenLabsIdPattern.test(value)) {
    throw new Error(
      `Context "${key}" must be an ElevenLabs id (letters, digits, _ and -; npm run agent:sync prints the agent's), got ${String(value)}.`,
    );
  }
  return value;
}

/**
 * The handlers' settings from context, through the handlers' own schema (`-c key=7` arrives as
 * the string "7", cdk.json may hold the number 7; both read as the handlers read "7"), so a
 * value a handler would reject at its first cold start stops synth instead, naming its key.
 */
function readStageConfig(stage: string, raw: (key: StageSettingKey) => unknown): StageConfig {
  const result = parseStageConfig(raw, byContextKey);
  if (!result.success) {
    const problems = result.problems.map((problem) => `Context ${problem}`);
    throw new Error(`${problems.join('; ')} (stage ${stage}).`);
  }
  const config = result.config;
  // The local cloud shortens leases with its time scale; a real stage must outlast a call.
  if (config.callLeaseSeconds < minimumCallLeaseSeconds) {
    throw new Error(
      `Context "callLeaseSeconds" (${config.callLeaseSeconds}) must be at least ${minimumCallLeaseSeconds}: a line's lease has to outlast the longest call.`,
    );
  }
  return config;
}
