import * as z from 'zod';
import { defaultCallingHours } from '../core/calling-hours-default.ts';

/**
 * The stage's runtime settings: what the handlers read from their environment, declared once.
 *
 * Each entry of `stageSettings` is one setting. Its key is the setting's name in CDK context
 * (`-c <key>=…` or `stages.<stage>.<key>` in cdk.json) and in the typed config; it declares the
 * environment variable the handlers read, the unit, the default, the rule a value must pass and
 * whether the local cloud divides it by `CALLSANTA_TIME_SCALE`. From it come the handlers'
 * parser (`loadStageConfig`, viewed by `loadBookingConfig` / `loadWorkflowConfig`), the encoder
 * to environment variables (`encodeStageConfig`, used by CDK and the local cloud) and the names
 * in every error (`parseStageConfig` names a setting as its reader asks: variable or context key).
 *
 * This module does no work when imported but build schemas: handlers import it at cold start.
 */

/** What a setting's value counts or how it is written. */
export type StageSettingUnit =
  | 'URL'
  | 'calls'
  | 'minutes'
  | 'HH:MM'
  | 'calls per second'
  | 'seconds'
  | 'retries'
  | 'runs'
  | 'share of calls, 0–1'
  | 'email address';

interface Declaration<Value extends number | string> {
  /** The environment variable the handlers read; CDK and the local cloud set it. */
  readonly env: string;
  readonly unit: StageSettingUnit;
  /** Used when the setting is not given; none means it must be given. */
  readonly default?: Value;
  /** The rule every value must pass, in CDK, on the local cloud and in the handlers. */
  readonly rule: z.ZodType<Value>;
  /**
   * True for a duration the handlers measure on the wall clock: the local cloud divides it by
   * `CALLSANTA_TIME_SCALE` (rounded up, at least 1). Waits the Step Functions engine or the
   * Scheduler run are scaled by them and are not marked.
   */
  readonly scaledLocally: boolean;
  /** What the setting means (docs and reviews). */
  readonly about: string;
}

/** One setting: its declaration plus how a raw value is read and how it is written. */
export interface StageSetting<Value extends number | string = number | string>
  extends Declaration<Value> {
  /**
   * Reads a raw value — an environment string, or a cdk.json number or string — into the typed
   * value, applying the default. A blank string counts as not given.
   */
  readonly read: z.ZodType<Value>;
  /** Writes the value as an environment variable; `read` gives the same value back. */
  write(value: Value): string;
}

/** `" 7 "` → 7; a string that is no number stays a string, for the rule to refuse by name. */
function numberFromText(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  const number = Number(raw.trim());
  return Number.isFinite(number) ? number : raw;
}

function blankAsUnset(raw: unknown): unknown {
  return typeof raw === 'string' && raw.trim() === '' ? undefined : raw;
}

function withDefault<Value extends number | string>(
  declaration: Declaration<Value>,
): z.ZodType<Value> {
  const { rule } = declaration;
  return declaration.default === undefined ? rule : (rule.default(declaration.default) as never);
}

function numberSetting(declaration: Declaration<number>): StageSetting<number> {
  return {
    ...declaration,
    read: z.preprocess((raw) => numberFromText(blankAsUnset(raw)), withDefault(declaration)),
    write: String,
  };
}

function textSetting(declaration: Declaration<string>): StageSetting<string> {
  return {
    ...declaration,
    read: z.preprocess(
      (raw) => blankAsUnset(typeof raw === 'string' ? raw.trim() : raw),
      withDefault(declaration),
    ),
    write: (value) => value,
  };
}

/** A whole number from `min` to `max`, refused in words a deployer reads. */
function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER): z.ZodInt {
  return z
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);
}

/** A time of day, `00:00` to `24:00` (the end of the day). */
const clock = z
  .string()
  .regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time of day HH:MM, 00:00 to 24:00');

/** Minutes after midnight of an `HH:MM` the clock rule accepted. */
export function minuteOfDay(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** Every runtime setting of a stage; the key is its CDK context key. */
export const stageSettings = {
  publicSiteUrl: textSetting({
    env: 'PUBLIC_SITE_URL',
    unit: 'URL',
    rule: z.url('must be a URL'),
    scaledLocally: false,
    about:
      "Where parents' links (manage, recording) point. CDK also requires https on a stage; the local cloud sets its own.",
  }),
  callConcurrencyLimit: numberSetting({
    env: 'CALL_CONCURRENCY_LIMIT',
    unit: 'calls',
    default: 4,
    rule: wholeNumber(1, 1000),
    scaledLocally: false,
    about: "Santa's concurrent calls: the ElevenLabs plan's limit.",
  }),
  expectedCallMinutes: numberSetting({
    env: 'EXPECTED_CALL_MINUTES',
    unit: 'minutes',
    default: 5,
    rule: z.number('must be a number').min(1, 'must be at least 1').max(60, 'must be at most 60'),
    scaledLocally: false,
    about:
      "The talk time to plan each call's line for (a high percentile of real calls; the agent ends every call at 5 minutes): with the lines, the start rate and the ring time it sizes each instant's places.",
  }),
  callingHoursStart: textSetting({
    env: 'CALLING_HOURS_START',
    unit: 'HH:MM',
    default: defaultCallingHours.start,
    rule: clock,
    scaledLocally: false,
    about: "When calls may start, on the callee's clock (US rules: 8:00).",
  }),
  callingHoursEnd: textSetting({
    env: 'CALLING_HOURS_END',
    unit: 'HH:MM',
    default: defaultCallingHours.end,
    rule: clock,
    scaledLocally: false,
    about: "When calling hours end, on the callee's clock (US rules: 21:00); after the start.",
  }),
  callStartsPerSecond: numberSetting({
    env: 'CALL_STARTS_PER_SECOND',
    unit: 'calls per second',
    default: 1,
    rule: z.number('must be a number').positive('must be more than 0'),
    scaledLocally: false,
    about: "Call starts per second across all lines (Twilio's default calls-per-second).",
  }),
  callRingSeconds: numberSetting({
    env: 'CALL_RING_SECONDS',
    unit: 'seconds',
    default: 45,
    rule: wholeNumber(1, 120),
    scaledLocally: false,
    about:
      'How long a phone rings before the call counts as not answered (sent with each dial); part of the line time each sold call is planned for.',
  }),
  callRetryShare: numberSetting({
    env: 'CALL_RETRY_SHARE',
    unit: 'share of calls, 0–1',
    default: 0.15,
    rule: z.number('must be a number').min(0, 'must be at least 0').max(0.9, 'must be at most 0.9'),
    scaledLocally: false,
    about:
      'The share of calls expected to need another attempt (busy, no answer): that share of the lines is kept for retries and never sold.',
  }),
  callLeaseSeconds: numberSetting({
    env: 'CALL_LEASE_SECONDS',
    unit: 'seconds',
    // Longer than the call task's 15-minute timeout, so a slow call never loses its line.
    default: 1500,
    rule: wholeNumber(1),
    scaledLocally: true,
    about: 'How long a call holds its line if its workflow never gives it back.',
  }),
  callRetryWaitSeconds: numberSetting({
    env: 'CALL_RETRY_WAIT_SECONDS',
    unit: 'seconds',
    default: 300,
    rule: wholeNumber(1),
    // It reaches a Wait state, which the Step Functions engine scales itself.
    scaledLocally: false,
    about: 'How long to wait before calling again after busy, no answer or voicemail.',
  }),
  callMaxRetries: numberSetting({
    env: 'CALL_MAX_RETRIES',
    unit: 'retries',
    default: 3,
    rule: wholeNumber(0, 10),
    scaledLocally: false,
    about: 'Calls after the first one; 3 means at most four calls.',
  }),
  callAbandonAfterSeconds: numberSetting({
    env: 'CALL_ABANDON_AFTER_SECONDS',
    unit: 'seconds',
    default: 2400,
    rule: wholeNumber(1),
    scaledLocally: true,
    about: 'A conversation still not over this long after its dial is given up as failed.',
  }),
  dialSettleSeconds: numberSetting({
    env: 'DIAL_SETTLE_SECONDS',
    unit: 'seconds',
    default: 30,
    rule: wholeNumber(1),
    scaledLocally: true,
    about:
      'After an unconfirmed dial, how long ElevenLabs gets to list the conversation before a look-up that finds nothing means the dial never happened.',
  }),
  reconcileAfterSeconds: numberSetting({
    env: 'RECONCILE_AFTER_SECONDS',
    unit: 'seconds',
    default: 900,
    rule: wholeNumber(1),
    scaledLocally: true,
    about: 'How long past its due time a booking may sit in a state before the reconciler acts.',
  }),
  reconcileMaxRecoveryRuns: numberSetting({
    env: 'RECONCILE_MAX_RECOVERY_RUNS',
    unit: 'runs',
    default: 3,
    rule: wholeNumber(0, 20),
    scaledLocally: false,
    about: 'Recovery runs the reconciler starts for one booking before it asks for a person.',
  }),
  supportEmail: textSetting({
    env: 'SUPPORT_EMAIL_ADDRESS',
    unit: 'email address',
    // A placeholder for dev and tests; lib/settings.ts makes a real stage use its sender.
    default: 'help@callsanta.example',
    rule: z.email('must be an email address'),
    scaledLocally: false,
    about:
      "Where the contact form's messages go (POST /api/contact), sent from the emails' SES sender. A stage that does not set it uses its emailFrom.",
  }),
} as const;

export type StageSettingKey = keyof typeof stageSettings;

type ValueOf<S> = S extends StageSetting<infer Value> ? Value : never;

/** The stage's runtime settings, typed: one value per setting, defaults applied. */
export type StageConfig = { readonly [K in StageSettingKey]: ValueOf<(typeof stageSettings)[K]> };

export const stageSettingKeys = Object.keys(stageSettings) as StageSettingKey[];

const stageConfigSchema = z.object(
  Object.fromEntries(stageSettingKeys.map((key) => [key, stageSettings[key].read])),
) as unknown as z.ZodType<StageConfig>;

/** The defaults of every setting that has one (all but `publicSiteUrl`). */
export const stageConfigDefaults = Object.fromEntries(
  stageSettingKeys.flatMap((key) => {
    const value = stageSettings[key] as StageSetting;
    return value.default === undefined ? [] : [[key, value.default]];
  }),
) as Omit<StageConfig, 'publicSiteUrl'>;

/** How an error names a setting: by its variable (handlers, local cloud) or its context key. */
export type SettingName = (key: StageSettingKey) => string;
export const byEnvName: SettingName = (key) => stageSettings[key].env;
export const byContextKey: SettingName = (key) => `"${key}"`;

export type StageConfigResult =
  | { readonly success: true; readonly config: StageConfig }
  | { readonly success: false; readonly problems: readonly string[] };

/**
 * Reads every setting through its rule and default, then the rules between settings (calling
 * hours start before they end). `raw(key)` gives a setting's raw value (undefined when not
 * given); each problem names its setting with `nameOf`, with its unit and the value given.
 */
export function parseStageConfig(
  raw: (key: StageSettingKey) => unknown,
  nameOf: SettingName,
): StageConfigResult {
  const given = Object.fromEntries(stageSettingKeys.map((key) => [key, raw(key)]));
  const parsed = stageConfigSchema.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = issue.path[0] as StageSettingKey;
      const value = given[key];
      const { unit } = stageSettings[key];
      return value === undefined
        ? `${nameOf(key)} (${unit}): is not set`
        : `${nameOf(key)} (${unit}): ${issue.message}, got ${JSON.stringify(value)}`;
    });
    return { success: false, problems };
  }
  const config = parsed.data;
  if (minuteOfDay(config.callingHoursStart) >= minuteOfDay(config.callingHoursEnd)) {
    return {
      success: false,
      problems: [
        `${nameOf('callingHoursStart')} (${config.callingHoursStart}) must be before ${nameOf('callingHoursEnd')} (${config.callingHoursEnd})`,
      ],
    };
  }
  return { success: true, config };
}

/** The raw values of every setting, as an environment holds them. */
export function fromEnvironment(env: NodeJS.ProcessEnv): (key: StageSettingKey) => unknown {
  return (key) => env[stageSettings[key].env];
}

/**
 * The stage's settings from the environment (set per stage by CDK and the local cloud).
 * Throws `Stage settings are invalid — <VARIABLE> (<unit>): <problem>, got <value>; …`.
 */
export function loadStageConfig(env: NodeJS.ProcessEnv = process.env): StageConfig {
  const result = parseStageConfig(fromEnvironment(env), byEnvName);
  if (!result.success) {
    throw new Error(`Stage settings are invalid — ${result.problems.join('; ')}`);
  }
  return result.config;
}

/** Every setting as the environment variable the handlers read: `loadStageConfig` reads it back. */
export function encodeStageConfig(config: StageConfig): Record<string, string> {
  return Object.fromEntries(
    stageSettingKeys.map((key) => {
      const setting = stageSettings[key] as StageSetting;
      return [setting.env, setting.write(config[key])];
    }),
  );
}

/**
 * The config with every setting marked `scaledLocally` passed through `scale` (seconds in,
 * seconds out); the local cloud shortens wall-clock durations with it.
 */
export function scaleDurations(
  config: StageConfig,
  scale: (seconds: number) => number,
): StageConfig {
  return Object.fromEntries(
    stageSettingKeys.map((key) => {
      const value = config[key];
      return [
        key,
        stageSettings[key].scaledLocally && typeof value === 'number' ? scale(value) : value,
      ];
    }),
  ) as StageConfig;
}
