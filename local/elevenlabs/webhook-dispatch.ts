import type { StoredConversation } from './conversation.ts';
import { type FaultRegistry, reshapeBody, type WebhookFault } from './faults.ts';
import type { PendingWebhook } from './store.ts';
import type { WebhookEvent } from './webhook-events.ts';

export interface WebhookDispatchOptions {
  readonly faults: FaultRegistry;
  /** Also post `post_call_audio` after each recorded call (ElevenLabs: off unless enabled). */
  readonly sendAudioWebhook: boolean;
  /** Keeps a webhook as pending (saved), so a restart sends it again. */
  readonly persist: (webhook: PendingWebhook) => Promise<void>;
  /** Sends a pending webhook; resolves once it is delivered, given up on, or the emulator stops. */
  readonly send: (webhook: PendingWebhook) => Promise<void>;
}

/**
 * Sends the webhooks of a call's end as ElevenLabs does — transcription, then audio when
 * enabled — unless a queued `webhook` fault says otherwise: dropped, duplicated, delayed,
 * reordered (audio first, the transcription only after it was delivered), or with fields
 * dropped or added. Never waits for delivery.
 */
export class WebhookDispatch {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly options: WebhookDispatchOptions) {}

  /** `events` in ElevenLabs' order; `audio` goes out when enabled or when reordering. */
  async dispatch(
    conversation: StoredConversation,
    events: readonly WebhookEvent[],
    audio?: WebhookEvent,
  ): Promise<void> {
    const { faults, sendAudioWebhook } = this.options;
    const context = {
      conversationId: conversation.conversation_id,
      toNumber: conversation.to_number,
    };
    const reorder = faults.take('webhook', context, (fault) => fault.kind === 'reorder');
    const all = [...events, ...(audio && (sendAudioWebhook || reorder) ? [audio] : [])];
    const planned: { webhook: PendingWebhook; fault?: WebhookFault }[] = [];
    for (const event of reorder ? all.reverse() : all) {
      const fault = faults.take(
        'webhook',
        { ...context, eventType: event.type },
        (candidate) => candidate.kind !== 'reorder',
      );
      if (fault?.kind === 'drop') {
        console.error(`[elevenlabs] fault: ${event.type} for ${context.conversationId} dropped`);
        continue;
      }
      const id = `${context.conversationId}:${event.type}`;
      const shaped = fault ? (reshapeBody(fault, event) as WebhookEvent) : event;
      planned.push({ webhook: { id, event: shaped }, ...(fault ? { fault } : {}) });
      if (fault?.kind === 'duplicate')
        planned.push({ webhook: { id: `${id}:copy`, event: shaped } });
    }
    for (const { webhook } of planned) await this.options.persist(webhook);
    if (reorder) {
      // One after the other, each once the one before it was delivered: the order is certain.
      void this.sequence(planned);
      return;
    }
    for (const item of planned) void this.sendOne(item);
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private async sequence(planned: readonly { webhook: PendingWebhook; fault?: WebhookFault }[]) {
    for (const item of planned) {
      if (this.closed) return;
      await this.sendOne(item);
    }
  }

  private sendOne({ webhook, fault }: { webhook: PendingWebhook; fault?: WebhookFault }) {
    if (fault?.kind !== 'delay') return this.options.send(webhook);
    // Signed when it is sent, as ElevenLabs signs each attempt: a late webhook still verifies.
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.options.send(webhook).then(resolve, resolve);
      }, fault.seconds * 1000);
      this.timers.add(timer);
    });
  }
}
