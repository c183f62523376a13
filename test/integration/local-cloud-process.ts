/**
 * Runs `tsx bin/local.ts` as a child process, as `npm start` does, for the tests that kill
 * parts of a local cloud from outside.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { portOffsets } from '../../local/config.ts';
import { eventually, roomyLines } from './support/local-cloud.ts';

const projectRoot = resolve(import.meta.dirname, '../..');

export interface CloudProcess {
  /** The tsx launcher, as `npm start` runs it. */
  readonly launcher: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The Node process running bin/local.ts (tsx's child), from its first line. */
  readonly pid: () => Promise<number>;
}

const launched: CloudProcess[] = [];

/** Kills whatever a test left running (for afterEach); Java follows through its watchdog. */
export async function killLaunched(): Promise<void> {
  for (const cloud of launched.splice(0)) {
    const pid = printedPid(cloud.stdout());
    if (pid) killIfAlive(pid);
    if (cloud.launcher.pid) killIfAlive(cloud.launcher.pid);
  }
}

function printedPid(stdout: string): number | undefined {
  const pid = /\(pid (\d+),/.exec(stdout)?.[1];
  return pid ? Number(pid) : undefined;
}

function killIfAlive(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

/** Starts `tsx bin/local.ts` on its own ports and data folder, as `npm start` would. */
export function launch(
  basePort: number,
  dataDir: string,
  extraEnv: Record<string, string> = {},
): CloudProcess {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('CALLSANTA_') && !name.startsWith('AWS_'),
    ),
  );
  const launcher = spawn(join(projectRoot, 'node_modules/.bin/tsx'), ['bin/local.ts'], {
    cwd: projectRoot,
    env: {
      ...env,
      ...roomyLines,
      CALLSANTA_PORT: String(basePort),
      CALLSANTA_DATA_DIR: dataDir,
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  launcher.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  launcher.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    launcher.once('exit', (code, signal) => done({ code, signal })),
  );
  const cloud: CloudProcess = {
    launcher,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    pid: () => eventually('the local cloud to print its pid', async () => printedPid(stdout)),
  };
  launched.push(cloud);
  return cloud;
}

/**
 * A base port whose whole block is free, below the kernel's ephemeral range (32768+), so no
 * outgoing connection takes one of its ports in the seconds before the child binds them.
 */
export async function freeBlock(): Promise<number> {
  const span = Object.keys(portOffsets).length;
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 1200) * 10;
    const ports = Array.from({ length: span }, (_, offset) => base + offset);
    if ((await Promise.all(ports.map(isFree))).every(Boolean)) return base;
  }
  throw new Error('No free block of ports for a local cloud process.');
}

/**
 * Launches on a free block and waits for health; a block taken in between (another test's
 * cloud) is given up for another one.
 */
export async function launchHealthy(
  dataDir: string,
  extraEnv: Record<string, string> = {},
): Promise<{ cloud: CloudProcess; basePort: number }> {
  for (let attempt = 1; ; attempt++) {
    const basePort = await freeBlock();
    const cloud = launch(basePort, dataDir, extraEnv);
    try {
      await healthy(basePort, cloud);
      return { cloud, basePort };
    } catch (error) {
      if (attempt >= 3 || !cloud.stderr().includes('is taken')) throw error;
    }
  }
}

export async function healthy(basePort: number, cloud: CloudProcess): Promise<void> {
  await eventually(
    'GET /api/health to answer 200',
    async () => {
      if (cloud.launcher.exitCode !== null) {
        throw new Error(`The local cloud exited early: ${cloud.stderr() || cloud.stdout()}`);
      }
      const response = await fetch(`http://127.0.0.1:${basePort}/api/health`).catch(
        () => undefined,
      );
      return response?.status === 200 ? true : undefined;
    },
    45_000,
  );
}

export async function isFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '0.0.0.0', () => probe.close(() => done(true)));
  });
}

export async function freed(port: number, withinMs: number): Promise<void> {
  await eventually(
    `port ${port} to be free`,
    async () => ((await isFree(port)) ? true : undefined),
    withinMs,
  );
}

/** The pid of the Java process serving DynamoDB Local on `port`. */
export function javaPid(port: number): number | undefined {
  const processes = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  const line = processes
    .split('\n')
    .find((row) => row.includes('DynamoDBLocal.jar') && row.includes(`-port ${port}`));
  return line ? Number(line.trim().split(/\s+/)[0]) : undefined;
}
