import { type FileHandle, mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * An append-only file of JSON values, one per line (JSON Lines). Appending costs the size of
 * the line, whatever the file already holds. Like `writeJsonFile`, it does not fsync: a line
 * whose `append` resolved survives the process being killed (kill -9), not a power cut.
 */
export class JsonLinesJournal {
  private constructor(
    private readonly handle: FileHandle,
    /** Bytes in the file now. */
    private size: number,
  ) {}

  /** Opens (creating it and its folder if need be) `path` for appending. */
  static async open(path: string): Promise<JsonLinesJournal> {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(path, 'a');
    const { size } = await handle.stat();
    return new JsonLinesJournal(handle, size);
  }

  /**
   * The values in `path` in order; [] when there is no file. A last line without its newline
   * is a write the process was killed in the middle of — never acknowledged — and is left out.
   * @throws Error naming the file and line when a complete line is not JSON.
   */
  static async read(path: string): Promise<unknown[]> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const lines = text.split('\n');
    // After the last newline: '' for a complete file, else a torn last write.
    lines.pop();
    return lines.flatMap((line, index) => {
      if (line === '') return [];
      try {
        return [JSON.parse(line) as unknown];
      } catch {
        throw new Error(`${path}: line ${index + 1} is not JSON.`);
      }
    });
  }

  /** Bytes in the file, for deciding when to compact it. */
  get bytes(): number {
    return this.size;
  }

  /**
   * Appends one JSON text (from `JSON.stringify`, which never writes a raw newline) as one
   * line, in one write. Not safe to call again before it resolves.
   */
  async append(json: string): Promise<void> {
    const line = Buffer.from(`${json}\n`);
    await this.handle.write(line);
    this.size += line.length;
  }

  /** Empties the file (after its lines were folded into a snapshot). */
  async truncate(): Promise<void> {
    await this.handle.truncate(0);
    this.size = 0;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
