import * as z from 'zod';
import { secretArnEnv } from '../../functions/config/secret-schemas.ts';
import { byEnvName, stageSettingKeys } from '../../functions/config/stage-config.ts';
import { envNames } from '../../functions/resources.ts';
import { loadLocalCloudConfig } from '../../local/config.ts';
import { handlerEnvironment } from '../../local/handler-environment.ts';

/**
 * Where the support tool works, as the environment the functions' own code reads — the same
 * variables CDK gives the Lambdas (`functions/resources.ts`), so every command goes through the
 * same services and plain AWS SDK v3 clients against the local cloud or AWS:
 *
 * - `local`: the local cloud on CALLSANTA_PORT (default 3000) and its resource names; the SDK's
 *   `AWS_ENDPOINT_URL_<SERVICE>` variables point the clients at its stand-ins
 *   (`local/handler-environment.ts`).
 * - any other stage: AWS, with the profile and region given (or the SDK's usual chain), and the
 *   resource names of the stack `CallSanta-<stage>`: its CloudFormation outputs
 *   (`stack-outputs.ts`, mapped by `variablesFromOutputs`), a variable already set winning.
 */
export interface SupportStage {
  readonly name: string;
  readonly kind: 'local' | 'aws';
  readonly region: string;
  /** Variables to set before the functions' modules load. */
  readonly env: Readonly<Record<string, string>>;
}

/** What AWS needs set, with the stack output that gives each. */
export const awsVariables = {
  [envNames.table]: 'TableName',
  [envNames.stateMachineArn]: 'BookingWorkflowArn',
} as const;

/** Used by actions only; each action names what it misses when it runs. */
export const awsActionVariables = {
  [envNames.scheduleGroup]: 'ScheduleGroupName',
  [envNames.schedulerRoleArn]: 'SchedulerRoleArn',
  [envNames.scheduleDeadLetterQueueArn]: 'ScheduleDeadLetterQueueArn',
  // Secrets Manager takes a secret's name where these say ARN.
  [secretArnEnv.stripe]: 'StripeSecretName',
  [secretArnEnv['access-token']]: 'AccessTokenSecretName',
  [secretArnEnv.elevenlabs]: 'ElevenLabsSecretName',
  PUBLIC_SITE_URL: 'SiteUrl',
  [envNames.emailFrom]: 'EmailFromAddress',
  ELEVENLABS_AGENT_ID: 'ElevenLabsAgentId',
  ELEVENLABS_PHONE_NUMBER_ID: 'ElevenLabsPhoneNumberId',
  [envNames.buckets.voiceNotes]: 'VoiceNotesBucketName',
  [envNames.buckets.recordings]: 'RecordingsBucketName',
  [envNames.buckets.videos]: 'VideosBucketName',
} as const;

/** Every variable the tool sets on an AWS stage, with the stack output that gives it. */
const stageVariables: Readonly<Record<string, string>> = { ...awsVariables, ...awsActionVariables };

/**
 * The variables a stack's outputs give, by the tables above; outputs the tool does not use are
 * left out.
 *
 * @param outputs output key → value, as CloudFormation's DescribeStacks lists them
 */
export function variablesFromOutputs(
  outputs: Readonly<Record<string, string>>,
): Record<string, string> {
  return {
    ...bookingRulesFrom(outputs.StageSettings),
    ...Object.fromEntries(
      Object.entries(stageVariables).flatMap(([variable, output]) =>
        outputs[output] === undefined ? [] : [[variable, outputs[output]]],
      ),
    ),
  };
}

/** The booking rules' variables (`functions/config/stage-config.ts`), all the tool sets of them. */
const bookingRuleVariables = new Set(stageSettingKeys.map(byEnvName));

/**
 * The stage's booking rules from its `StageSettings` output (JSON of the environment CDK gives
 * every function), so a support reschedule judges a move by the stage's calling hours and lines,
 * not by the defaults. Only the rules' own variables are taken.
 *
 * @throws Error when the output is there but not a JSON object of strings
 */
function bookingRulesFrom(json: string | undefined): Record<string, string> {
  if (json === undefined) return {};
  const parsed = z.record(z.string(), z.string()).safeParse(JSON.parse(json));
  if (!parsed.success)
    throw new Error('The stack output StageSettings is not what this tool reads.');
  return Object.fromEntries(
    Object.entries(parsed.data).filter(([name]) => bookingRuleVariables.has(name)),
  );
}

/**
 * The stage's environment.
 *
 * @throws Error naming every missing variable (and the stack output that gives it) for AWS
 */
export function supportStage(
  options: { readonly stage: string; readonly profile?: string; readonly region?: string },
  env: NodeJS.ProcessEnv,
): SupportStage {
  if (options.stage === 'local') {
    const localEnv = handlerEnvironment(loadLocalCloudConfig(env));
    return {
      name: 'local',
      kind: 'local',
      region: localEnv.AWS_REGION ?? 'us-east-1',
      env: localEnv,
    };
  }
  const missing = Object.entries(awsVariables).filter(([name]) => !env[name]);
  if (missing.length > 0) {
    throw new Error(
      `Stage ${options.stage} needs ${missing
        .map(([name, output]) => `${name} (stack output ${output})`)
        .join(
          ', ',
        )}: export them from "aws cloudformation describe-stacks --stack-name CallSanta-${options.stage}".`,
    );
  }
  const region = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) throw new Error('Give --region (or set AWS_REGION) for an AWS stage.');
  return {
    name: options.stage,
    kind: 'aws',
    region,
    env: {
      ...Object.fromEntries(
        [...Object.keys(stageVariables), ...bookingRuleVariables].flatMap((name) =>
          env[name] ? [[name, env[name]]] : [],
        ),
      ),
      AWS_REGION: region,
      ...(options.profile ? { AWS_PROFILE: options.profile } : {}),
    },
  };
}

/**
 * What an action needs in AWS that the functions' code would otherwise quietly do without: a
 * reschedule rewrites the booking's whole schedule (UpdateSchedule replaces it), and without
 * the dead-letter queue's ARN the moved schedule would lose its dead-letter queue, so a firing
 * that fails would vanish without the UndeliveredSchedulesAlarm.
 *
 * @throws Error naming each missing variable and the stack output that gives it
 */
export function requireActionVariables(
  stage: SupportStage,
  action: string,
  env: NodeJS.ProcessEnv,
): void {
  if (stage.kind !== 'aws') return;
  const needed: readonly (keyof typeof awsActionVariables)[] =
    action === 'reschedule' ? [envNames.scheduleDeadLetterQueueArn] : [];
  const missing = needed.filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new Error(
      `${action} on stage ${stage.name} needs ${missing
        .map((name) => `${name} (stack output ${awsActionVariables[name]})`)
        .join(
          ', ',
        )}: export it from "aws cloudformation describe-stacks --stack-name CallSanta-${stage.name}".`,
    );
  }
}

/** The AWS console page of a Step Functions execution. */
export function executionConsoleUrl(region: string, executionArn: string): string {
  return `https://${region}.console.aws.amazon.com/states/home?region=${region}#/v2/executions/details/${encodeURIComponent(executionArn)}`;
}
