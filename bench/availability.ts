/**
 * Availability from one query (issue #11): the places taken at every bookable instant of one
 * local day (156 instants at 5 minutes; two UTC dates), read as the API reads them — one Query
 * per UTC date over the day's counters (`placesTaken`) — side by side with the design it
 * replaced, one GetItem per instant. Same DynamoDB Local, same counters (a third of the
 * instants booked), medians of `--runs` (default 30) after a warm-up.
 * Run: `npm run bench:availability -- [--runs 30]`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { PutItemCommand } from 'dynamodb-toolbox';
import { candidateSlots, defaultSchedulingRules } from '../functions/core/scheduling-rules.ts';
import { SlotCounterEntity } from '../functions/data/entities.ts';
import { placesTaken } from '../functions/data/slots.ts';
import { startLocalCloud } from '../local/cloud.ts';
import { loadLocalCloudConfig, localResourceNames } from '../local/config.ts';
import { freeBasePort } from '../test/integration/support/local-cloud.ts';
import { ms, percentile } from './stats.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '30' } } });
const runs = Number(values.runs);

async function median(work: () => Promise<unknown>): Promise<number> {
  await work();
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return percentile(samples, 50);
}

async function main() {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  const dataDir = await mkdtemp(join(tmpdir(), 'callsanta-bench-availability-'));
  const cloud = await startLocalCloud(
    loadLocalCloudConfig({
      CALLSANTA_PORT: String(await freeBasePort()),
      CALLSANTA_DATA_DIR: dataDir,
    }),
  );
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const table = localResourceNames.table;
  const date = new Date(Date.now() + 3 * 24 * 3600_000).toISOString().slice(0, 10);
  // New York's day spans two UTC dates.
  const instants = candidateSlots(date, 'America/New_York', new Date(), defaultSchedulingRules).map(
    (instant) => instant.toISOString(),
  );
  for (const [index, instant] of instants.entries()) {
    if (index % 3 !== 0) continue;
    await SlotCounterEntity.build(PutItemCommand).item({ slotStart: instant, count: 1 }).send();
  }
  const oneQuery = await median(() => placesTaken(instants));
  const perInstant = await median(() =>
    Promise.all(
      instants.map((instant) =>
        documents.send(
          new GetCommand({
            TableName: table,
            Key: { pk: `SLOTS#${instant.slice(0, 10)}`, sk: `SLOT#${instant}` },
          }),
        ),
      ),
    ),
  );
  const days = new Set(instants.map((instant) => instant.slice(0, 10))).size;
  console.log(`one local day, ${instants.length} instants, ${runs} runs (median):`);
  console.log(`  one Query per UTC date (${days} requests): ${ms(oneQuery)}`);
  console.log(`  one GetItem per instant (${instants.length} requests): ${ms(perInstant)}`);
  console.log(
    `  ratio: ${(perInstant / oneQuery).toFixed(1)}× faster, ${instants.length / days}× fewer requests`,
  );
  await cloud.stop();
  await rm(dataDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
