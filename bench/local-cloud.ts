/**
 * Benchmarks of the local cloud: how long `npm start` takes to serve /api/health (fresh data
 * folder and existing one), how fast the API answers, and how long a workflow task-token round
 * trip takes through the Step Functions stand-in. Run: `npm run bench`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeExecutionCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { startLocalCloud } from '../local/cloud.ts';
import { loadLocalCloudConfig } from '../local/config.ts';
import {
  fixtureStateMachineArn,
  startFixtureEngine,
} from '../test/integration/support/fixture-engine.ts';
import { ms, percentile } from './stats.ts';

const basePort = 3900;
const healthRequests = 300;
const roundTrips = 20;

async function timeToHealthy(dataDir: string) {
  const started = performance.now();
  const cloud = await startLocalCloud(
    loadLocalCloudConfig({ CALLSANTA_PORT: String(basePort), CALLSANTA_DATA_DIR: dataDir }),
  );
  const response = await fetch(`${cloud.apiUrl}/api/health`);
  if (response.status !== 200) throw new Error(`health answered ${response.status}`);
  return { cloud, elapsed: performance.now() - started };
}

async function main() {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  const dataDir = await mkdtemp(join(tmpdir(), 'callsanta-bench-'));

  const fresh = await timeToHealthy(dataDir);
  await fresh.cloud.stop();
  const warm = await timeToHealthy(dataDir);
  const cloud = warm.cloud;
  console.log(`start → healthy, fresh data folder:    ${ms(fresh.elapsed)}`);
  console.log(`start → healthy, existing data folder: ${ms(warm.elapsed)}`);

  const latencies: number[] = [];
  for (let i = 0; i < healthRequests; i++) {
    const started = performance.now();
    await (await fetch(`${cloud.apiUrl}/api/health`)).arrayBuffer();
    latencies.push(performance.now() - started);
  }
  console.log(
    `GET /api/health × ${healthRequests}: p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, max ${ms(Math.max(...latencies))}`,
  );

  const engine = await startFixtureEngine();
  const trips: number[] = [];
  for (let i = 0; i < roundTrips; i++) {
    const bookingId = `bench-${i}`;
    const started = performance.now();
    const { executionArn } = await engine.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: fixtureStateMachineArn,
        name: bookingId,
        input: JSON.stringify({
          bookingId,
          callAt: new Date().toISOString(),
          tokenDir: engine.tokenDir,
        }),
      }),
    );
    const token = await engine.parkedToken(bookingId);
    await engine.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));
    let status = 'RUNNING';
    while (status === 'RUNNING') {
      status =
        (await engine.sfn.send(new DescribeExecutionCommand({ executionArn }))).status ?? 'RUNNING';
    }
    trips.push(performance.now() - started);
  }
  await engine.stop();
  console.log(
    `engine: start → token parked → SendTaskSuccess → SUCCEEDED × ${roundTrips}: p50 ${ms(percentile(trips, 50))}, p95 ${ms(percentile(trips, 95))}`,
  );

  await cloud.stop();
  await rm(dataDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
