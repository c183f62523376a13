import { mkdtemp, readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { close } from '../../../local/aws-protocol-server.ts';
import { LocalLambdaRuntime } from '../../../local/lambda-runtime.ts';
import { StepFunctionsEngine } from '../../../local/stepfunctions/engine.ts';
import { createStepFunctionsServer } from '../../../local/stepfunctions/server.ts';
import { eventually } from './local-cloud.ts';

export const fixtureStateMachineArn =
  'arn:aws:states:us-east-1:000000000000:stateMachine:park-token-fixture';
const parkTokenArn = 'arn:aws:lambda:us-east-1:000000000000:function:park-token';

export interface FixtureEngine {
  readonly sfn: SFNClient;
  readonly tokenDir: string;
  readonly executionsDir: string;
  executionArn(name: string): string;
  /** The token the fixture task parked for a booking (waits for it). */
  parkedToken(bookingId: string, notThis?: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The local Step Functions engine and its API server on a free port, running a small fixture
 * workflow (wait, park a task token in a file, succeed), so the engine is tested apart from
 * the product's workflow.
 */
export async function startFixtureEngine(
  options: { timeScale?: number; executionsDir?: string } = {},
): Promise<FixtureEngine> {
  const work = await mkdtemp(join(tmpdir(), 'callsanta-engine-'));
  const executionsDir = options.executionsDir ?? join(work, 'executions');
  const tokenDir = join(work, 'tokens');
  const engine = await StepFunctionsEngine.create({
    definitionPath: resolve(import.meta.dirname, '../../fixtures/park-token.asl.json'),
    substitutions: { ParkTokenFunctionArn: parkTokenArn },
    stateMachineArn: fixtureStateMachineArn,
    roleArn: 'arn:aws:iam::000000000000:role/fixture',
    functions: new Map([
      [parkTokenArn, { name: 'ParkToken', entry: '../test/fixtures/park-token.ts', access: {} }],
    ]),
    lambda: new LocalLambdaRuntime(),
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
    tokenDir,
    executionsDir,
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
