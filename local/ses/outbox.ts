import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readJsonFile, writeJsonFile } from '../json-file.ts';

export interface OutboxMessage {
  readonly messageId: string;
  /** Recipients, comma-separated. */
  readonly to: string;
  readonly from: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly sentAt: string;
  readonly cc?: string;
  readonly replyTo?: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly configurationSet?: string;
  /** Files sent with the email; `content` is the file, base64, so tests can read it. */
  readonly attachments?: readonly OutboxAttachment[];
}

export interface OutboxAttachment {
  readonly filename: string;
  readonly contentType: string;
  /** Bytes. */
  readonly size: number;
  readonly content: string;
}

/** Every email the local SES accepted, one JSON file each under the data folder. */
export class Outbox {
  constructor(private readonly directory: string) {}

  async add(message: Omit<OutboxMessage, 'messageId' | 'sentAt'>): Promise<OutboxMessage> {
    const sentAt = new Date();
    const stored: OutboxMessage = {
      ...message,
      messageId: randomUUID(),
      sentAt: sentAt.toISOString(),
    };
    // Zero-padded time first, so file names sort in sending order.
    const file = `${String(sentAt.getTime()).padStart(15, '0')}-${stored.messageId}.json`;
    await writeJsonFile(join(this.directory, file), stored);
    return stored;
  }

  /** All messages, oldest first (newest last). */
  async list(): Promise<OutboxMessage[]> {
    const files = await readdir(this.directory).catch(() => [] as string[]);
    const names = files.filter((name) => name.endsWith('.json')).sort();
    return Promise.all(
      names.map(async (name) => (await readJsonFile(join(this.directory, name))) as OutboxMessage),
    );
  }
}
