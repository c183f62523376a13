import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningLocalCloud, startLocalCloud } from '../../../local/cloud.ts';
import { loadLocalCloudConfig, portOffsets } from '../../../local/config.ts';

async function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '0.0.0.0', () => probe.close(() => resolve(true)));
  });
}

/** A base port whose whole block (API + stand-ins) is free, so test clouds never collide. */
export async function freeBasePort(): Promise<number> {
  const span = Object.keys(portOffsets).length;
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 2000) * 10;
    const ports = Array.from({ length: span }, (_, offset) => base + offset);
    if ((await Promise.all(ports.map(isFree))).every(Boolean)) return base;
  }
  throw new Error('No free block of ports for a test local cloud.');
}

export interface TestCloudOptions {
  readonly dataDir?: string;
  readonly basePort?: number;
  readonly timeScale?: number;
  readonly env?: Record<string, string>;
}

/**
 * The lines a test cloud has unless its test says otherwise: enough for many "call now"
 * bookings in the same few minutes (each takes a place at the next 5-minute instant, which
 * sells only what the lines can start then — `core/instant-capacity.ts`).
 */
export const roomyLines = { CALL_CONCURRENCY_LIMIT: '60', CALL_STARTS_PER_SECOND: '10' };

/** Starts a real local cloud in this test process, in its own data folder and ports. */
export async function startTestCloud(options: TestCloudOptions = {}): Promise<RunningLocalCloud> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'callsanta-test-')));
  const basePort = options.basePort ?? (await freeBasePort());
  const config = loadLocalCloudConfig({
    CALLSANTA_PORT: String(basePort),
    CALLSANTA_DATA_DIR: dataDir,
    CALLSANTA_TIME_SCALE: String(options.timeScale ?? 1),
    ...roomyLines,
    ...options.env,
  });
  return startLocalCloud(config);
}

/** Polls until `probe` returns a value, or fails with `what` after the timeout. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what}.`);
}
