import {
  encodeStageConfig,
  type StageConfig,
  scaleDurations,
} from '../functions/config/stage-config.ts';
import { bucketIds, envNames } from '../functions/resources.ts';
import { stageEnv } from '../functions/shared/metrics.ts';
import {
  type LocalCloudConfig,
  localArns,
  localResourceNames,
  localUrl,
  scaledSeconds,
} from './config.ts';

/**
 * The environment handlers run with locally: the same variables CDK sets in AWS, plus the
 * SDK's own `AWS_ENDPOINT_URL_<SERVICE>` variables that point plain clients at the stand-ins.
 */
export function handlerEnvironment(config: LocalCloudConfig): Record<string, string> {
  const { ports } = config;
  return {
    AWS_REGION: localResourceNames.region,
    // the local S3 stand-in (local/s3-auth) checks this key pair; DynamoDB Local and the other stand-ins accept any.
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_ENDPOINT_URL_DYNAMODB: localUrl(ports.dynamodb),
    AWS_ENDPOINT_URL_S3: localUrl(ports.s3),
    AWS_ENDPOINT_URL_SFN: localUrl(ports.stepFunctions),
    AWS_ENDPOINT_URL_SCHEDULER: localUrl(ports.scheduler),
    AWS_ENDPOINT_URL_SESV2: localUrl(ports.ses),
    // s3rver stores streamed uploads corrupted unless checksums are only sent when required.
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    [envNames.s3ForcePathStyle]: 'true',
    [envNames.table]: localResourceNames.table,
    ...Object.fromEntries(
      bucketIds.map((id) => [envNames.buckets[id], localResourceNames.buckets[id]]),
    ),
    [envNames.stateMachineArn]: localArns.stateMachine,
    [envNames.scheduleGroup]: localResourceNames.scheduleGroup,
    [envNames.schedulerRoleArn]: localArns.schedulerRole,
    [envNames.emailFrom]: localResourceNames.emailFrom,
    ACCESS_TOKEN_SECRET: config.accessTokenSecret,
    [envNames.scheduleDeadLetterQueueArn]: `arn:aws:sqs:${localResourceNames.region}:${localResourceNames.accountId}:callsanta-local-schedule-dead-letters`,
    // The stage settings, as CDK encodes them (the site URL is the local API's). Durations the
    // handlers measure on the wall clock (marked `scaledLocally`) shrink with the time scale:
    // else a crashed call would hold a line for the full real-time lease, a dial would get
    // real-time seconds to settle between scaled retries, a silent call would hang on for 40
    // minutes and the reconciler would wait real minutes. (Retry waits reach a Wait state,
    // which the engine scales itself.)
    ...encodeStageConfig(
      localLease(
        scaleDurations(config.stageConfig, (seconds) => scaledSeconds(seconds, config.timeScale)),
      ),
    ),
    STRIPE_API_BASE_URL: config.stripe.baseUrl,
    STRIPE_SECRET_KEY: config.stripeKeys.secret,
    STRIPE_PUBLISHABLE_KEY: config.stripeKeys.publishable,
    ELEVENLABS_API_BASE_URL: config.elevenLabs.baseUrl,
    ELEVENLABS_API_KEY: config.elevenLabsAccount.apiKey,
    ELEVENLABS_AGENT_ID: config.elevenLabsAccount.agentId,
    ELEVENLABS_PHONE_NUMBER_ID: config.elevenLabsAccount.phoneNumberId,
    STRIPE_WEBHOOK_SECRET: config.secrets.stripeWebhook,
    ELEVENLABS_WEBHOOK_SECRET: config.secrets.elevenLabsWebhook,
    REMOTION_WEBHOOK_SECRET: config.secrets.remotionWebhook,
    // No REMOTION_FUNCTION_NAME here: the video renderer uses the local render service.
    [envNames.remotion.localUrl]: localUrl(ports.remotion),
    CALLSANTA_TIME_SCALE: String(config.timeScale),
    // No X-Ray daemon here: the SDK clients stay untraced. Metrics go to the log as EMF lines
    // (nothing reads them locally; the log-privacy test does), under the stage `local`.
    POWERTOOLS_TRACE_ENABLED: 'false',
    [stageEnv]: 'local',
  };
}

/**
 * A line lease locally lasts at least this long: tasks get at least 2 s whatever the time
 * scale (`local-definition.ts`), so a shorter lease could run out inside one place-call step.
 */
const minimumLocalLeaseSeconds = 10;

function localLease(config: StageConfig): StageConfig {
  return {
    ...config,
    callLeaseSeconds: Math.max(config.callLeaseSeconds, minimumLocalLeaseSeconds),
  };
}
