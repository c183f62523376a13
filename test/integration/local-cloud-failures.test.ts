import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { portOffsets } from '../../local/config.ts';
import { isFree, javaPid, killLaunched, launchHealthy } from './local-cloud-process.ts';
import { eventually } from './support/local-cloud.ts';

afterEach(killLaunched);

it('reports a dead Java child in one line and stops the whole local cloud', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'callsanta-process-'));
  const { cloud, basePort } = await launchHealthy(dataDir);
  const java = javaPid(basePort + portOffsets.dynamodb);
  expect(java).toBeGreaterThan(0);

  process.kill(java ?? 0, 'SIGKILL');
  const exit = await cloud.exited;

  expect(exit.code).not.toBe(0);
  expect(cloud.stderr().trim().split('\n')).toEqual([
    expect.stringMatching(
      /^DynamoDB Local \(Java, port \d+\) stopped unexpectedly \(killed by SIGKILL\); stopping the local cloud\./,
    ),
  ]);
  for (const offset of Object.values(portOffsets))
    expect(await isFree(basePort + offset)).toBe(true);
});

it('stops whole when the tsx launcher that started it is killed outright', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'callsanta-process-'));
  const { cloud, basePort } = await launchHealthy(dataDir);
  const pid = await cloud.pid();

  cloud.launcher.kill('SIGKILL');

  await eventually('the orphaned local cloud to exit', async () => {
    try {
      process.kill(pid, 0);
      return undefined;
    } catch {
      return true;
    }
  });
  for (const offset of Object.values(portOffsets))
    expect(await isFree(basePort + offset)).toBe(true);
});

it('stops whole, saying so in one line, after a rejection nothing handled', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'callsanta-process-'));
  // Preloaded into the local cloud's process: a fault it has no handler for, on demand.
  const fault = join(dataDir, 'fault.mjs');
  await writeFile(
    fault,
    'process.on("SIGUSR2", () => { Promise.reject(new Error("injected fault")); });\n',
  );
  const { cloud, basePort } = await launchHealthy(dataDir, { NODE_OPTIONS: `--import=${fault}` });

  process.kill(await cloud.pid(), 'SIGUSR2');
  const exit = await cloud.exited;

  expect(exit.code).not.toBe(0);
  expect(cloud.stderr().trim().split('\n')).toEqual([
    expect.stringMatching(
      /^The local cloud stopped: a promise was rejected and nothing handled it — Error: injected fault \(at /,
    ),
  ]);
  for (const offset of Object.values(portOffsets))
    expect(await isFree(basePort + offset)).toBe(true);
});
