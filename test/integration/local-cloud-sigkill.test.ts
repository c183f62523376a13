import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { portOffsets } from '../../local/config.ts';
import {
  freed,
  healthy,
  javaPid,
  killLaunched,
  launch,
  launchHealthy,
} from './local-cloud-process.ts';

afterEach(killLaunched);

it('frees DynamoDB Local’s port when the local cloud is SIGKILLed, and starts again on the same data and ports', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'callsanta-process-'));
  const { cloud: first, basePort } = await launchHealthy(dataDir);
  const dynamoDbPort = basePort + portOffsets.dynamodb;
  expect(javaPid(dynamoDbPort)).toBeGreaterThan(0);

  // No chance to clean up: only Java's watchdog can free the port now.
  process.kill(await first.pid(), 'SIGKILL');
  await freed(dynamoDbPort, 5000);
  await first.exited;

  const second = launch(basePort, dataDir);
  await healthy(basePort, second);
  expect(javaPid(dynamoDbPort)).toBeGreaterThan(0);
});
