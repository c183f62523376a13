import { join } from 'node:path';
import { readJsonFile, writeJsonFile } from '../json-file.ts';
import type { StoredConversation } from './conversation.ts';
import type { WebhookEvent } from './webhook-events.ts';

/** An agent as created and updated through the API, in the API's own snake_case. */
export interface StoredAgent {
  readonly agent_id: string;
  name: string;
  tags: string[];
  conversation_config: Record<string, unknown>;
  platform_settings: Record<string, unknown>;
  readonly created_at_unix_secs: number;
  updated_at_unix_secs: number;
}

/** A webhook not yet delivered, kept so a restart sends it again. */
export interface PendingWebhook {
  readonly id: string;
  readonly event: WebhookEvent;
}

export interface ElevenLabsState {
  readonly conversations: Map<string, StoredConversation>;
  readonly agents: Map<string, StoredAgent>;
  /** Calls placed per phone number, which the busy-three-times number counts on. */
  readonly callsPerNumber: Map<string, number>;
  readonly pendingWebhooks: Map<string, PendingWebhook>;
}

interface PersistedState {
  conversations: StoredConversation[];
  agents: StoredAgent[];
  callsPerNumber: [string, number][];
  pendingWebhooks: PendingWebhook[];
}

/**
 * The emulator's state in memory, saved as one JSON file in its data folder after each change,
 * so calls, agents and undelivered webhooks survive a restart. Saves are queued in order and
 * coalesced.
 */
export class ElevenLabsStore {
  private writes: Promise<void> = Promise.resolve();
  /** The write not yet begun that the next saves join, if any. */
  private queued: Promise<void> | undefined;

  private constructor(
    private readonly file: string,
    readonly state: ElevenLabsState,
  ) {}

  static async open(directory: string): Promise<ElevenLabsStore> {
    const file = join(directory, 'state.json');
    const saved = await readJsonFile(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw new Error(`The ElevenLabs emulator cannot read ${file}: ${error.message}`);
    });
    const persisted = (saved ?? {}) as Partial<PersistedState>;
    return new ElevenLabsStore(file, {
      conversations: new Map((persisted.conversations ?? []).map((c) => [c.conversation_id, c])),
      agents: new Map((persisted.agents ?? []).map((agent) => [agent.agent_id, agent])),
      callsPerNumber: new Map(persisted.callsPerNumber ?? []),
      pendingWebhooks: new Map((persisted.pendingWebhooks ?? []).map((p) => [p.id, p])),
    });
  }

  /**
   * Saves the state as it is now, or later; resolves once a write that began after this call
   * is on disk. Saves asked for while a write runs share the one write after it (which
   * snapshots the state when it begins), so a burst of changes costs two writes, not one per
   * change — thousands of calls would otherwise rewrite an ever larger file thousands of times.
   */
  save(): Promise<void> {
    if (this.queued) return this.queued;
    const write = this.writes.then(() => {
      this.queued = undefined;
      const { state } = this;
      const snapshot: PersistedState = {
        conversations: [...state.conversations.values()],
        agents: [...state.agents.values()],
        callsPerNumber: [...state.callsPerNumber],
        pendingWebhooks: [...state.pendingWebhooks.values()],
      };
      // Serialised as the write begins: it holds every change made before the save was asked.
      return writeJsonFile(this.file, snapshot);
    });
    this.queued = write;
    // A failed write must not block the ones after it; its caller still sees the failure.
    this.writes = write.catch(() => undefined);
    return write;
  }

  async close(): Promise<void> {
    await this.writes;
  }
}
