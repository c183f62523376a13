import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { siteCallRules } from '../functions/config/call-rules.ts';
import { type RouteDefinition, routes } from '../functions/routes.ts';
import { Alerts } from './alerts.ts';
import { Api } from './api.ts';
import { BookingWorkflow, bookingWorkflowArn } from './booking-workflow.ts';
import { Data } from './data.ts';
import type { FunctionBindings } from './house-function.ts';
import { Monitoring } from './monitoring.ts';
import { Operations } from './operations.ts';
import { Scheduling } from './scheduling.ts';
import { AppSecrets } from './secrets.ts';
import { functionEnvironment, type StageSettings } from './settings.ts';
import { Site } from './site.ts';
import { Storage } from './storage.ts';
import { Video } from './video.ts';

export interface CallSantaStackProps extends StackProps {
  /**
   * The stage and its settings (`lib/settings.ts`). `dev` may be torn down with its data;
   * every other stage keeps data on delete.
   */
  readonly settings: StageSettings;
  /** The HTTP routes; the shared route table unless a test supplies its own. */
  readonly routes?: readonly RouteDefinition[];
}

/** The workflow task that starts a video render (the lead's `RenderVideo`): granted by `Video`. */
export const renderVideoTaskName = 'RenderVideo';

/** The whole product in one stack. It only wires the domain constructs together. */
export class CallSantaStack extends Stack {
  readonly data: Data;
  readonly storage: Storage;
  readonly scheduling: Scheduling;
  readonly bookingWorkflow: BookingWorkflow;
  readonly operations: Operations;
  readonly api: Api;
  readonly appSecrets: AppSecrets;
  readonly alerts: Alerts;
  readonly site: Site;
  readonly video: Video;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: CallSantaStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const keepData = settings.stage !== 'dev';
    const removalPolicy = keepData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    const workflowName = `${this.stackName}-booking`;
    const workflowArn = bookingWorkflowArn(this, workflowName);

    this.data = new Data(this, 'Data', { removalPolicy, deletionProtection: keepData });
    this.storage = new Storage(this, 'Storage', {
      removalPolicy,
      uploadOrigins: [new URL(settings.publicSiteUrl).origin],
    });
    this.appSecrets = new AppSecrets(this, 'AppSecrets', { stage: settings.stage, removalPolicy });
    this.alerts = new Alerts(this, 'Alerts', {
      ...(settings.alarmEmail ? { email: settings.alarmEmail } : {}),
    });
    this.scheduling = new Scheduling(this, 'Scheduling', {
      scheduleGroupName: `${this.stackName}-bookings`,
      bookingWorkflowArn: workflowArn,
      removalPolicy,
      alerts: this.alerts,
    });

    const emailDomain = settings.emailFrom.split('@').at(-1) ?? settings.emailFrom;
    const bindings: FunctionBindings = {
      table: this.data.table,
      buckets: this.storage.buckets,
      bookingWorkflowArn: workflowArn,
      scheduling: {
        scheduleGroupName: this.scheduling.scheduleGroup.scheduleGroupName,
        schedulerRole: this.scheduling.schedulerRole,
        deadLetterQueueArn: this.scheduling.deadLetterQueue.queueArn,
      },
      email: {
        fromAddress: settings.emailFrom,
        identityArn: this.formatArn({
          service: 'ses',
          resource: 'identity',
          resourceName: emailDomain,
        }),
        ...(settings.sesConfigurationSet
          ? {
              configurationSet: {
                name: settings.sesConfigurationSet,
                arn: this.formatArn({
                  service: 'ses',
                  resource: 'configuration-set',
                  resourceName: settings.sesConfigurationSet,
                }),
              },
            }
          : {}),
        ...(settings.discordWebhookUrl ? { discordWebhookUrl: settings.discordWebhookUrl } : {}),
      },
      secretArns: {
        stripe: this.appSecrets.secrets.stripe.secretArn,
        elevenlabs: this.appSecrets.secrets.elevenlabs.secretArn,
        remotion: this.appSecrets.secrets.remotion.secretArn,
        'access-token': this.appSecrets.secrets['access-token'].secretArn,
      },
      elevenLabs: settings.elevenLabs,
      environment: functionEnvironment(settings),
    };

    this.bookingWorkflow = new BookingWorkflow(this, 'BookingWorkflow', {
      stateMachineName: workflowName,
      bindings,
      logRemovalPolicy: removalPolicy,
      alerts: this.alerts,
    });
    this.operations = new Operations(this, 'Operations', {
      bindings,
      logRemovalPolicy: removalPolicy,
      alerts: this.alerts,
    });
    this.api = new Api(this, 'Api', {
      routes: props.routes ?? routes,
      bindings,
      logRemovalPolicy: removalPolicy,
    });

    this.video = new Video(this, 'Video', {
      stage: settings.stage,
      videosBucket: this.storage.buckets.videos,
      accessLogsBucket: this.storage.accessLogsBucket,
      removalPolicy,
      alerts: this.alerts,
      ...remotionMaxLambdas(this.node.tryGetContext('remotionMaxLambdas')),
      // As for the site: no bundle needed when nothing is bundled (assertion tests), or asked for.
      ...(!this.bundlingRequired ||
      this.node.tryGetContext('sitePlaceholder') === 'true' ||
      this.node.tryGetContext('sitePlaceholder') === true
        ? { site: 'placeholder' as const }
        : {}),
    });
    // The workflow's render task starts renders; every other function that declares
    // `videoRender` access (the booking page's progress) only follows them.
    const renderTask = this.bookingWorkflow.functions.get(renderVideoTaskName);
    if (renderTask) this.video.grantRender(renderTask);
    for (const route of props.routes ?? routes) {
      const reader = this.api.functions.get(route.function.name);
      if (route.function.access.videoRender && reader) this.video.grantProgress(reader);
    }

    this.site = new Site(this, 'Site', {
      siteBucket: this.storage.siteBucket,
      httpApi: this.api.httpApi,
      voiceNotesBucket: this.storage.buckets.voiceNotes,
      recordingsBucket: this.storage.buckets.recordings,
      stripePublishableKey: settings.stripePublishableKey,
      callRules: siteCallRules(settings.stageConfig),
      // Without bundling (assertion tests, `cdk synth --exclusively` of another stack) the site
      // build is not needed either; `-c sitePlaceholder=true` asks for the placeholder directly.
      placeholderSite:
        !this.bundlingRequired ||
        this.node.tryGetContext('sitePlaceholder') === 'true' ||
        this.node.tryGetContext('sitePlaceholder') === true,
      ...(settings.siteDomain ? { customDomain: settings.siteDomain } : {}),
    });

    this.monitoring = new Monitoring(this, 'Monitoring', {
      stage: settings.stage,
      alerts: this.alerts,
      httpApi: this.api.httpApi,
      bookingWorkflow: this.bookingWorkflow.stateMachine,
      scheduleDeadLetterQueue: this.scheduling.deadLetterQueue,
      otherAlarms: [
        this.bookingWorkflow.failedExecutionsAlarm,
        this.bookingWorkflow.timedOutExecutionsAlarm,
        this.scheduling.undeliveredSchedulesAlarm,
        ...this.operations.alarms,
        ...this.video.alarms,
      ],
    });

    new CfnOutput(this, 'SiteUrl', { value: this.site.url });
    new CfnOutput(this, 'DistributionId', { value: this.site.distribution.distributionId });
    new CfnOutput(this, 'ApiUrl', { value: this.api.stage.url });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'VoiceNotesBucketName', {
      value: this.storage.buckets.voiceNotes.bucketName,
    });
    new CfnOutput(this, 'RecordingsBucketName', {
      value: this.storage.buckets.recordings.bucketName,
    });
    new CfnOutput(this, 'VideosBucketName', { value: this.storage.buckets.videos.bucketName });
    new CfnOutput(this, 'SiteBucketName', { value: this.storage.siteBucket.bucketName });
    new CfnOutput(this, 'BookingWorkflowArn', {
      value: this.bookingWorkflow.stateMachine.stateMachineArn,
    });
    new CfnOutput(this, 'RemotionFunctionName', { value: this.video.functionName });
    new CfnOutput(this, 'RemotionServeUrl', { value: this.video.serveUrl });
    new CfnOutput(this, 'DashboardName', { value: this.monitoring.dashboard.dashboardName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alerts.topic.topicArn });
    // Where ops put the provider keys (docs/deploy.md, "Secrets").
    new CfnOutput(this, 'StripeSecretName', {
      value: this.appSecrets.secrets.stripe.secretName,
    });
    new CfnOutput(this, 'ElevenLabsSecretName', {
      value: this.appSecrets.secrets.elevenlabs.secretName,
    });
    // The support tool's actions read these by name (ops/support/stage.ts).
    new CfnOutput(this, 'AccessTokenSecretName', {
      value: this.appSecrets.secrets['access-token'].secretName,
    });
    new CfnOutput(this, 'ScheduleGroupName', {
      value: this.scheduling.scheduleGroup.scheduleGroupName,
    });
    // The support tool's reschedule moves a booking's schedule as the API does (README, "Support").
    new CfnOutput(this, 'SchedulerRoleArn', { value: this.scheduling.schedulerRole.roleArn });
    // The support tool reads the stage's outputs (ops/support/stack-outputs.ts): what its
    // emails are sent as, and the ElevenLabs ids its erase's adapter is made with.
    new CfnOutput(this, 'EmailFromAddress', { value: settings.emailFrom });
    new CfnOutput(this, 'ElevenLabsAgentId', { value: settings.elevenLabs.agentId });
    new CfnOutput(this, 'ElevenLabsPhoneNumberId', { value: settings.elevenLabs.phoneNumberId });
    // A schedule the support tool rewrites keeps its dead-letter queue (ops/support/stage.ts).
    new CfnOutput(this, 'ScheduleDeadLetterQueueArn', {
      value: this.scheduling.deadLetterQueue.queueArn,
    });
    // The booking rules the functions run by (calling hours, lines, starts per second), as their
    // environment has them: the support tool's reschedule judges a move by the same rules.
    new CfnOutput(this, 'StageSettings', {
      value: JSON.stringify(functionEnvironment(settings)),
    });
  }
}

/**
 * `-c remotionMaxLambdas=<n>`: the Lambda concurrency a render may use (default a new
 * account's 10; see functions/core/render-split.ts). Refuses anything but an integer ≥ 2.
 */
function remotionMaxLambdas(value: unknown): { maxConcurrentLambdas?: number } {
  if (value === undefined) return {};
  const number = Number(value);
  if (!Number.isInteger(number) || number < 2) {
    throw new Error(`remotionMaxLambdas must be an integer of at least 2, got ${String(value)}.`);
  }
  return { maxConcurrentLambdas: number };
}
