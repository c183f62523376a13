import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type S3rver from 's3rver';
import { tableDefinition } from '../functions/data/table-definition.ts';
import type { FunctionDefinition } from '../functions/function-definition.ts';
import { scheduledFunctions } from '../functions/operations/operation-functions.ts';
import { bucketIds } from '../functions/resources.ts';
import { routes } from '../functions/routes.ts';
import { workflowTaskFunctions } from '../functions/workflow/task-functions.ts';
import { createApiServer } from './api-server.ts';
import { close, listen } from './aws-protocol-server.ts';
import { type LocalCloudConfig, localArns, localResourceNames, localUrl } from './config.ts';
import { describeExit, ensureTable, startDynamoDbLocal } from './dynamodb-local.ts';
import { startElevenLabsEmulator } from './elevenlabs/emulator.ts';
import { handlerEnvironment } from './handler-environment.ts';
import { LocalLambdaRuntime } from './lambda-runtime.ts';
import { assertPortFree } from './ports.ts';
import { startRemotionRenderService } from './remotion/emulator.ts';
import { renderWithRemotion } from './remotion/render-local-loader.ts';
import { startS3Local } from './s3-local.ts';
import { once, publishLocalSantaSample, santaSampleFileName } from './santa-sample.ts';
import { scheduledPeriodMs, startScheduledFunctions } from './scheduled-functions.ts';
import { LocalScheduler } from './scheduler/local-scheduler.ts';
import { createSchedulerServer } from './scheduler/server.ts';
import { Outbox } from './ses/outbox.ts';
import { createSesServer } from './ses/server.ts';
import { siteRuntimeConfig } from './site-config.ts';
import { StepFunctionsEngine } from './stepfunctions/engine.ts';
import { createStepFunctionsServer } from './stepfunctions/server.ts';
import { startStripeEmulator } from './stripe/emulator.ts';

const projectRoot = resolve(import.meta.dirname, '..');

export interface RunningLocalCloud {
  readonly config: LocalCloudConfig;
  readonly apiUrl: string;
  stop(): Promise<void>;
}

export interface LocalCloudOptions {
  /**
   * Told, in one line, when a part dies while the cloud runs (DynamoDB Local's Java exited).
   * The cloud has already begun stopping every other part then; the default prints the line.
   */
  readonly onPartFailed?: (line: string) => void;
}

/**
 * Starts the whole local cloud: DynamoDB Local, s3rver, Step Functions, Scheduler, SES, the
 * API server, the Stripe and ElevenLabs emulators and the local render service (Remotion), with every handler reaching them through the SDKs'
 * endpoint settings.
 * If any part fails to start, the parts already running are stopped again. If Java dies while
 * the cloud runs, the cloud stops whole rather than run on without its table (it does not
 * restart Java: a crash there is worth a person's look, and the data is on disk).
 */
export async function startLocalCloud(
  config: LocalCloudConfig,
  log: (line: string) => void = () => {},
  options: LocalCloudOptions = {},
): Promise<RunningLocalCloud> {
  const stops: (() => Promise<void>)[] = [];
  // Stops run newest first, each once; a second caller waits for the first and then stops
  // whatever started in between.
  let stopping = Promise.resolve();
  const stopAll = () => {
    stopping = stopping.then(async () => {
      for (let stop = stops.pop(); stop; stop = stops.pop()) await stop().catch(() => undefined);
    });
    return stopping;
  };
  try {
    await assertPortsFree(config);
    await mkdir(config.dataDir, { recursive: true });
    Object.assign(process.env, handlerEnvironment(config));
    const { ports, dataDir } = config;

    const dynamoDbLocal = await startDynamoDbLocal(ports.dynamodb, join(dataDir, 'dynamodb'));
    stops.push(() => dynamoDbLocal.stop());
    dynamoDbLocal.onUnexpectedExit((exit) => {
      const line = `DynamoDB Local (Java, port ${ports.dynamodb}) stopped unexpectedly (${describeExit(exit)}); stopping the local cloud. Data is kept in ${dataDir}; check memory and disk space, then start again.`;
      (options.onPartFailed ?? console.error)(line);
      void stopAll();
    });
    const dynamodb = new DynamoDBClient({});
    stops.push(async () => dynamodb.destroy());
    await ensureTable(dynamodb, localResourceNames.table, tableDefinition);
    log(`DynamoDB Local   ${localUrl(ports.dynamodb)}  table ${localResourceNames.table}`);

    const s3: S3rver = await startS3Local(
      ports.s3,
      join(dataDir, 's3'),
      bucketIds.map((id) => localResourceNames.buckets[id]),
      localUrl(ports.api),
    );
    stops.push(() => s3.close());
    log(`S3 (s3rver)      ${localUrl(ports.s3)}`);

    const lambda = new LocalLambdaRuntime();
    const engine = await StepFunctionsEngine.create({
      definitionPath: join(projectRoot, 'state-machines/booking.asl.json'),
      substitutions: Object.fromEntries(
        workflowTaskFunctions.map((task) => [task.substitution, localArns.function(task.name)]),
      ),
      stateMachineArn: localArns.stateMachine,
      roleArn: `arn:aws:iam::${localResourceNames.accountId}:role/callsanta-local-workflow`,
      functions: functionsByArn(workflowTaskFunctions),
      lambda,
      dynamodb,
      executionsDir: join(dataDir, 'stepfunctions', 'executions'),
      timeScale: config.timeScale,
      ...(config.timeAnchorMs === undefined ? {} : { timeAnchorMs: config.timeAnchorMs }),
      realTimeFunctionArns: workflowTaskFunctions
        .filter((task) => task.realTime)
        .map((task) => localArns.function(task.name)),
    });
    stops.push(() => engine.close());
    await startServer(
      createStepFunctionsServer(engine),
      ports.stepFunctions,
      'Step Functions',
      stops,
    );
    log(`Step Functions   ${localUrl(ports.stepFunctions)}  ${localArns.stateMachine}`);

    const scheduler = await LocalScheduler.create({
      directory: join(dataDir, 'scheduler'),
      region: localResourceNames.region,
      accountId: localResourceNames.accountId,
      timeScale: config.timeScale,
      ...(config.timeAnchorMs === undefined ? {} : { timeAnchorMs: config.timeAnchorMs }),
      groups: [localResourceNames.scheduleGroup],
    });
    stops.push(() => scheduler.close());
    await startServer(createSchedulerServer(scheduler), ports.scheduler, 'Scheduler', stops);
    log(`Scheduler        ${localUrl(ports.scheduler)}  group ${localResourceNames.scheduleGroup}`);

    const outbox = new Outbox(join(dataDir, 'outbox'));
    await startServer(createSesServer(outbox), ports.ses, 'SES', stops);
    log(`SES v2           ${localUrl(ports.ses)}`);

    const makeSample = once(() =>
      publishLocalSantaSample({
        baseUrl: config.elevenLabs.baseUrl,
        apiKey: config.elevenLabsAccount.apiKey,
        mediaDir: join(dataDir, 'media'),
      }),
    );
    const api = createApiServer({
      routes,
      lambda,
      outbox,
      siteDir: join(projectRoot, 'frontend/dist-local'),
      adminKey: config.adminKey,
      siteConfig: siteRuntimeConfig(config),
      mediaDir: join(dataDir, 'media'),
      // The landing page's call sample, from ElevenLabs as the local cloud reaches it (the
      // emulator's voice), made once per data folder when first asked for.
      prepareMedia: (name) =>
        name === santaSampleFileName ? makeSample().then(() => undefined) : Promise.resolve(),
    });
    await startServer(api, ports.api, 'The API server', stops);

    if (config.stripe.emulated) {
      // Started after the API server, so webhooks left undelivered last time reach it at once.
      const stripe = await startStripeEmulator({
        port: ports.stripe,
        dataDir: join(dataDir, 'stripe'),
        webhookUrl: `${localUrl(ports.api)}/api/webhooks/stripe`,
        webhookSecret: config.secrets.stripeWebhook,
      });
      stops.push(() => stripe.close());
      log(`Stripe           ${stripe.url}  (emulator; webhooks to /api/webhooks/stripe)`);
    } else {
      log(`Stripe           ${config.stripe.baseUrl}  (from the environment; no emulator started)`);
    }
    if (config.elevenLabs.emulated) {
      const elevenLabs = await startElevenLabsEmulator({
        port: ports.elevenLabs,
        dataDir: join(dataDir, 'elevenlabs'),
        webhookUrl: `${localUrl(ports.api)}/api/webhooks/elevenlabs`,
        webhookSecret: config.secrets.elevenLabsWebhook,
        timeScale: config.timeScale,
        apiKey: config.elevenLabsAccount.apiKey,
        ...(config.elevenLabsMaxConcurrentCalls === undefined
          ? {}
          : { maxConcurrentCalls: config.elevenLabsMaxConcurrentCalls }),
      });
      stops.push(() => elevenLabs.close());
      log(`ElevenLabs       ${elevenLabs.url}  (emulator; webhooks to /api/webhooks/elevenlabs)`);
    } else {
      log(
        `ElevenLabs       ${config.elevenLabs.baseUrl}  (from the environment; no emulator started)`,
      );
    }
    log('Call sample      /media/santa-sample.mp3 (ElevenLabs text-to-speech, made on first play)');
    // After the API server, so render webhooks left undelivered last time reach it at once.
    const remotion = await startRemotionRenderService({
      port: ports.remotion,
      dataDir: join(dataDir, 'remotion'),
      render: renderWithRemotion,
      s3: { endpoint: localUrl(ports.s3), region: localResourceNames.region },
    });
    stops.push(() => remotion.close());
    log(
      `Remotion         ${remotion.url}  (local render service; webhooks to /api/webhooks/remotion)`,
    );
    // Last, once every service a run may call answers: the reconciler, as Scheduler runs it.
    const timers = startScheduledFunctions(scheduledFunctions, lambda, config.timeScale, (line) =>
      console.error(`[timers] ${line}`),
    );
    stops.push(() => timers.stop());
    log(
      `Timers           ${scheduledFunctions.map((fn) => `${fn.name} every ${scheduledPeriodMs(fn, config.timeScale) / 1000} s`).join(', ')}`,
    );
    if (config.timeScale !== 1) log(`Time scale       ${config.timeScale}× (waits are shorter)`);
    if (config.timeAnchorMs !== undefined) {
      log(
        `Time anchor      ${new Date(config.timeAnchorMs).toISOString()} (an instant T fires at anchor + (T − anchor) / ${config.timeScale})`,
      );
    }

    return { config, apiUrl: localUrl(ports.api), stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function startServer(
  server: Server,
  port: number,
  what: string,
  stops: (() => Promise<void>)[],
): Promise<void> {
  await assertPortFree(port, what);
  await listen(server, port, what);
  stops.push(() => close(server));
}

/** Checks every port before starting anything, so a clash is reported at once. */
async function assertPortsFree(config: LocalCloudConfig): Promise<void> {
  for (const [service, port] of Object.entries(config.ports)) {
    // A provider port is checked only when its emulator starts.
    if (service === 'stripe' && !config.stripe.emulated) continue;
    if (service === 'elevenLabs' && !config.elevenLabs.emulated) continue;
    await assertPortFree(port, `The local ${service} service`);
  }
}

function functionsByArn(
  definitions: readonly FunctionDefinition[],
): ReadonlyMap<string, FunctionDefinition> {
  return new Map(
    definitions.flatMap((definition) => [
      [localArns.function(definition.name), definition],
      [`callsanta-local-${definition.name}`, definition],
    ]),
  );
}
