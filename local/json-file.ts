import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Writes JSON atomically (temp file + rename), so a crash never leaves half a file. */
export async function writeJsonFile(path: string, value: unknown): Promise<void> {
  await writeTextFileAtomically(path, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Writes `text` to `path` through a temp file and a rename, so a crash leaves the old file or
 * the new one, never half of one. No fsync: it survives kill -9, not a power cut.
 */
export async function writeTextFileAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}

export async function readJsonFile(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8'));
}
