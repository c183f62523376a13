import { resolve } from 'node:path';
import { z } from 'zod';
import {
  byEnvName,
  fromEnvironment,
  parseStageConfig,
  type StageConfig,
} from '../functions/config/stage-config.ts';

/** Ports are laid out from one base so a second local cloud needs only another base. */
export const portOffsets = {
  api: 0,
  dynamodb: 1,
  s3: 2,
  stepFunctions: 3,
  scheduler: 4,
  ses: 5,
  stripe: 6,
  elevenLabs: 7,
  remotion: 8,
} as const;

export type ServiceName = keyof typeof portOffsets;

export const localResourceNames = {
  region: 'us-east-1',
  accountId: '000000000000',
  table: 'callsanta-local',
  buckets: {
    voiceNotes: 'callsanta-local-voice-notes',
    recordings: 'callsanta-local-recordings',
    videos: 'callsanta-local-videos',
  },
  stateMachine: 'callsanta-local-booking',
  scheduleGroup: 'callsanta-local-bookings',
  schedulerRole: 'callsanta-local-scheduler',
  emailFrom: 'Santa <santa@callsanta.local>',
  /** Where the contact form's messages go locally: they land in the outbox (/_local/outbox). */
  supportEmail: 'help@callsanta.local',
} as const;

const environmentSchema = z.object({
  CALLSANTA_PORT: z.coerce.number().int().min(1024).max(65_000).default(3000),
  CALLSANTA_DATA_DIR: z.string().min(1).default('.data'),
  CALLSANTA_TIME_SCALE: z.coerce.number().positive().max(100_000).default(1),
  CALLSANTA_TIME_ANCHOR: z.iso
    .datetime({ offset: true })
    .transform((value) => Date.parse(value))
    .optional(),
  ELEVENLABS_EMULATOR_MAX_CONCURRENT_CALLS: z.coerce.number().int().positive().optional(),
  STRIPE_SECRET_KEY: z.string().min(1).default('sk_test_callsanta_local'),
  STRIPE_PUBLISHABLE_KEY: z.string().min(1).default('pk_test_callsanta_local'),
  STRIPE_WEBHOOK_SECRET: z.string().min(1).default('whsec_callsanta_local_only'),
  ELEVENLABS_WEBHOOK_SECRET: z.string().min(1).default('callsanta_local_elevenlabs_secret'),
  ELEVENLABS_API_KEY: z.string().min(1).default('xi_local_key'),
  ELEVENLABS_AGENT_ID: z.string().min(1).default('agent_local_santa'),
  ELEVENLABS_PHONE_NUMBER_ID: z.string().min(1).default('phnum_local'),
  REMOTION_WEBHOOK_SECRET: z.string().min(1).default('callsanta_local_remotion_secret'),
  STRIPE_API_BASE_URL: z.url().optional(),
  ELEVENLABS_API_BASE_URL: z.url().optional(),
  ACCESS_TOKEN_SECRET: z
    .string()
    .min(32)
    .default('callsanta-local-access-token-secret-not-for-production'),
  CALLSANTA_ADMIN_KEY: z.string().min(8).default('callsanta-local-admin'),
});

/** The local cloud's own port, when the environment names none (or a bad one). */
const defaultBasePort = 3000;

export interface ProviderEndpoint {
  readonly baseUrl: string;
  /** False when the environment named an outside base URL: no emulator is started then. */
  readonly emulated: boolean;
}

export interface LocalCloudConfig {
  readonly basePort: number;
  readonly ports: Readonly<Record<ServiceName, number>>;
  readonly dataDir: string;
  readonly timeScale: number;
  /**
   * CALLSANTA_TIME_ANCHOR (epoch ms): when set, instants (Scheduler `at()`, Wait timestamps)
   * fire at anchor + (instant − anchor) / timeScale (`time-compression.ts`); unset, they fire
   * after their delay from now divided by timeScale.
   */
  readonly timeAnchorMs?: number;
  /**
   * ELEVENLABS_EMULATOR_MAX_CONCURRENT_CALLS: the emulator answers 429 to a call placed while
   * this many ring or talk (the plan's limit); unset, it never refuses for concurrency.
   */
  readonly elevenLabsMaxConcurrentCalls?: number;
  readonly secrets: {
    readonly stripeWebhook: string;
    readonly elevenLabsWebhook: string;
    readonly remotionWebhook: string;
  };
  readonly accessTokenSecret: string;
  /** Stands in for IAM on admin routes: the `x-callsanta-admin-key` header must carry it. */
  readonly adminKey: string;
  /**
   * The stage settings handlers read (`functions/config/stage-config.ts`), from the same
   * variables CDK sets per stage, with the handlers' defaults; the site URL is the local API's.
   * Durations here are as given: `handlerEnvironment` scales them.
   */
  readonly stageConfig: StageConfig;
  /** The keys handlers call Stripe with; the emulator takes any test-mode key. */
  readonly stripeKeys: { readonly secret: string; readonly publishable: string };
  readonly stripe: ProviderEndpoint;
  readonly elevenLabs: ProviderEndpoint;
  /** The key handlers call ElevenLabs with (the emulator accepts only it) and Santa's ids. */
  readonly elevenLabsAccount: {
    readonly apiKey: string;
    readonly agentId: string;
    readonly phoneNumberId: string;
  };
}

/**
 * Reads the local cloud's settings from the environment. Throws `Local cloud settings are
 * invalid — <VARIABLE>: <problem>; …` naming every bad one, the stage settings' included.
 */
export function loadLocalCloudConfig(env: NodeJS.ProcessEnv = process.env): LocalCloudConfig {
  const parsed = environmentSchema.safeParse(env);
  // Every stage setting passes through as CDK would set it, but the site URL: the local API's.
  const siteUrl = localUrl(parsed.data?.CALLSANTA_PORT ?? defaultBasePort);
  const given = fromEnvironment(env);
  const stage = parseStageConfig(
    (key) =>
      key === 'publicSiteUrl'
        ? siteUrl
        : key === 'supportEmail'
          ? (given(key) ?? localResourceNames.supportEmail)
          : given(key),
    byEnvName,
  );
  if (!parsed.success || !stage.success) {
    const problems = [
      ...(parsed.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`),
      ...(stage.success ? [] : stage.problems),
    ];
    throw new Error(`Local cloud settings are invalid — ${problems.join('; ')}`);
  }
  const settings = parsed.data;
  const ports = Object.fromEntries(
    Object.entries(portOffsets).map(([name, offset]) => [name, settings.CALLSANTA_PORT + offset]),
  ) as Record<ServiceName, number>;
  return {
    basePort: settings.CALLSANTA_PORT,
    ports,
    dataDir: resolve(settings.CALLSANTA_DATA_DIR),
    timeScale: settings.CALLSANTA_TIME_SCALE,
    ...(settings.CALLSANTA_TIME_ANCHOR === undefined
      ? {}
      : { timeAnchorMs: settings.CALLSANTA_TIME_ANCHOR }),
    ...(settings.ELEVENLABS_EMULATOR_MAX_CONCURRENT_CALLS === undefined
      ? {}
      : { elevenLabsMaxConcurrentCalls: settings.ELEVENLABS_EMULATOR_MAX_CONCURRENT_CALLS }),
    secrets: {
      stripeWebhook: settings.STRIPE_WEBHOOK_SECRET,
      elevenLabsWebhook: settings.ELEVENLABS_WEBHOOK_SECRET,
      remotionWebhook: settings.REMOTION_WEBHOOK_SECRET,
    },
    accessTokenSecret: settings.ACCESS_TOKEN_SECRET,
    adminKey: settings.CALLSANTA_ADMIN_KEY,
    stageConfig: stage.config,
    stripeKeys: {
      secret: settings.STRIPE_SECRET_KEY,
      publishable: settings.STRIPE_PUBLISHABLE_KEY,
    },
    stripe: providerEndpoint(settings.STRIPE_API_BASE_URL, ports.stripe),
    elevenLabs: providerEndpoint(settings.ELEVENLABS_API_BASE_URL, ports.elevenLabs),
    elevenLabsAccount: {
      apiKey: settings.ELEVENLABS_API_KEY,
      agentId: settings.ELEVENLABS_AGENT_ID,
      phoneNumberId: settings.ELEVENLABS_PHONE_NUMBER_ID,
    },
  };
}

function providerEndpoint(given: string | undefined, localPort: number): ProviderEndpoint {
  return given
    ? { baseUrl: given.replace(/\/$/, ''), emulated: false }
    : { baseUrl: `http://127.0.0.1:${localPort}`, emulated: true };
}

/**
 * A duration handlers measure on the wall clock, as it must be locally at `timeScale`: the
 * seconds divided by the scale, rounded up, at least 1 (whole seconds, as the handlers' settings
 * take them). Not for what the Step Functions engine or the Scheduler already scale (waits,
 * timeouts, retry intervals, schedule times): those would be scaled twice.
 */
export function scaledSeconds(seconds: number, timeScale: number): number {
  return Math.max(1, Math.ceil(seconds / timeScale));
}

export function localUrl(port: number): string {
  return `http://127.0.0.1:${port}`;
}

export const localArns = {
  stateMachine: `arn:aws:states:${localResourceNames.region}:${localResourceNames.accountId}:stateMachine:${localResourceNames.stateMachine}`,
  schedulerRole: `arn:aws:iam::${localResourceNames.accountId}:role/${localResourceNames.schedulerRole}`,
  function: (name: string) =>
    `arn:aws:lambda:${localResourceNames.region}:${localResourceNames.accountId}:function:callsanta-local-${name}`,
};
