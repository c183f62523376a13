/**
 * "Fast losers" (issue #11): N parents (default 200) book the same instant at the same moment
 * through POST /api/calls on a fresh local cloud with the stage's default limits. Prints the
 * answers (only 201 and 409 are right), their latency (p50/p95/p99/max), the places the instant
 * sells, and — read from the table afterwards — the places held, which must equal the 201s: no
 * place is held for a request that was not told it won.
 * Run: `npm run bench:slot-burst -- [--parents 200] [--runs 3]`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { loadBookingConfig } from '../functions/config/booking-config.ts';
import { slotCapacity } from '../functions/core/scheduling-rules.ts';
import { startLocalCloud } from '../local/cloud.ts';
import { loadLocalCloudConfig, localResourceNames } from '../local/config.ts';
import { tomorrowAt, validBooking } from '../test/integration/support/booking-api.ts';
import { freeBasePort } from '../test/integration/support/local-cloud.ts';
import { ms, percentile } from './stats.ts';

const { values } = parseArgs({
  options: {
    parents: { type: 'string', default: '200' },
    runs: { type: 'string', default: '3' },
  },
});
const parents = Number(values.parents);
const runs = Number(values.runs);

async function heldAt(instant: string): Promise<number> {
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const { Items = [] } = await documents.send(
    new QueryCommand({
      TableName: localResourceNames.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :hold)',
      ExpressionAttributeValues: { ':pk': `SLOT#${instant}`, ':hold': 'HOLD#' },
    }),
  );
  return Items.length;
}

async function burst(apiUrl: string, instant: string) {
  const body = JSON.stringify(validBooking({ scheduledAt: instant }));
  const answers = await Promise.all(
    Array.from({ length: parents }, async () => {
      const started = performance.now();
      const response = await fetch(`${apiUrl}/api/calls`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      await response.arrayBuffer();
      return { status: response.status, elapsed: performance.now() - started };
    }),
  );
  const statuses = new Map<number, number>();
  for (const { status } of answers) statuses.set(status, (statuses.get(status) ?? 0) + 1);
  return { answers, statuses, held: await heldAt(instant) };
}

async function main() {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  const dataDir = await mkdtemp(join(tmpdir(), 'callsanta-bench-burst-'));
  const cloud = await startLocalCloud(
    loadLocalCloudConfig({
      CALLSANTA_PORT: String(await freeBasePort()),
      CALLSANTA_DATA_DIR: dataDir,
    }),
  );
  const rules = loadBookingConfig({ ...process.env, PUBLIC_SITE_URL: cloud.apiUrl }).rules;
  console.log(
    `${parents} parents book one instant at once, ${runs} runs (lines ${rules.concurrentCalls}, ${rules.startsPerSecond} starts/s)`,
  );
  console.log('run | places | 201 | 409 | other | held | p50 | p95 | p99 | max');
  const all: number[] = [];
  let wrong = 0;
  for (let run = 0; run < runs; run++) {
    const instant = tomorrowAt(17 + run, 0);
    const places = slotCapacity(new Date(instant), rules);
    const { answers, statuses, held } = await burst(cloud.apiUrl, instant);
    const latencies = answers.map((answer) => answer.elapsed);
    all.push(...latencies);
    const won = statuses.get(201) ?? 0;
    const lost = statuses.get(409) ?? 0;
    const other = parents - won - lost;
    if (other > 0 || won !== places || held !== won) wrong += 1;
    console.log(
      [
        run + 1,
        places,
        won,
        lost,
        other
          ? [...statuses]
              .filter(([s]) => s !== 201 && s !== 409)
              .map(([s, n]) => `${s}×${n}`)
              .join(' ')
          : 0,
        held,
        ms(percentile(latencies, 50)),
        ms(percentile(latencies, 95)),
        ms(percentile(latencies, 99)),
        ms(Math.max(...latencies)),
      ].join(' | '),
    );
  }
  console.log(
    `all runs: p50 ${ms(percentile(all, 50))}, p99 ${ms(percentile(all, 99))}; runs with a wrong answer or a place held without a 201: ${wrong}`,
  );
  await cloud.stop();
  await rm(dataDir, { recursive: true, force: true });
  if (wrong > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
