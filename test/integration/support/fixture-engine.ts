import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { FunctionDefinition } from '../../../functions/function-definition.ts';
import { close } from '../../../local/aws-protocol-server.ts';
import { LocalLambdaRuntime } from '../../../local/lambda-runtime.ts';
import { StepFunctionsEngine } from '../../../local/stepfunctions/engine.ts';
import { createStepFunctionsServer } from '../../../local/stepfunctions/server.ts';
import { eventually } from './local-cloud.ts';

export const fixtureStateMachineArn =
  'arn:aws:states:us-east-1:000000000000:stateMachine:park-token-fixture';
export const parkTokenArn = 'arn:aws:lambda:us-east-1:000000000000:function:park-token';

/** The real in-process Lambda runtime, noting each event it is invoked with. */
class CountingLambdaRuntime extends LocalLambdaRuntime {
  readonly events: unknown[] = [];

  override async invoke(definition: FunctionDefinition, event: unknown): Promise<unknown> {
    this.events.push(event);
    return super.invoke(definition, event);
  }
}

export interface FixtureEngineOptions {
  readonly timeScale?: number;
  readonly executionsDir?: string;
  /** Reuse the work folder (executions, task tokens, parked tokens) of an earlier engine. */
  readonly workDir?: string;
  /** Another workflow to run instead of park-token; its tasks may call `parkTokenArn`. */
  readonly definition?: object;
}

export interface FixtureEngine {
  readonly sfn: SFNClient;
  readonly workDir: string;
  readonly tokenDir: string;
  readonly executionsDir: string;
  /** The events this engine invoked the park-token Lambda with, oldest first. */
  readonly invocations: readonly unknown[];
  executionArn(name: string): string;
  /** The token the fixture task parked for a booking (waits for it). */
  parkedToken(bookingId: string, notThis?: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The local Step Functions engine and its API server on a free port, running a small fixture
 * workflow (wait, park a task token in a file, succeed) or one a test gives, so the engine is
 * tested apart from the product's workflow. A second engine on the same `workDir` is the first
 * one restarted.
 */
export async function startFixtureEngine(
  options: FixtureEngineOptions = {},
): Promise<FixtureEngine> {
  const work = options.workDir ?? (await mkdtemp(join(tmpdir(), 'callsanta-engine-')));
  const executionsDir = options.executionsDir ?? join(work, 'executions');
  const tokenDir = join(work, 'tokens');
  let definitionPath = resolve(import.meta.dirname, '../../fixtures/park-token.asl.json');
  if (options.definition) {
    definitionPath = join(work, 'definition.asl.json');
    await writeFile(definitionPath, JSON.stringify(options.definition));
  }
  const lambda = new CountingLambdaRuntime();
  const engine = await StepFunctionsEngine.create({
    definitionPath,
    substitutions: { ParkTokenFunctionArn: parkTokenArn },
    stateMachineArn: fixtureStateMachineArn,
    roleArn: 'arn:aws:iam::000000000000:role/fixture',
    functions: new Map([
      [parkTokenArn, { name: 'ParkToken', entry: '../test/fixtures/park-token.ts', access: {} }],
    ]),
    lambda,
    dynamodb: new DynamoDBClient({ region: 'us-east-1' }),
    executionsDir,
    timeScale: options.timeScale ?? 1,
  });
  const server: Server = createStepFunctionsServer(engine);
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sfn = new SFNClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  return {
    sfn,
    workDir: work,
    tokenDir,
    executionsDir,
    invocations: lambda.events,
    executionArn: (name) =>
      `${fixtureStateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`,
    parkedToken: (bookingId, notThis) =>
      eventually(`the task token of ${bookingId}`, async () => {
        const token = await readFile(join(tokenDir, bookingId), 'utf8').catch(() => undefined);
        return token && token !== notThis ? token : undefined;
      }),
    stop: async () => {
      await engine.close();
      await close(server);
      sfn.destroy();
    },
  };
}
