import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { close, listen } from '../aws-protocol-server.ts';
import { AgentRegistry } from './agents.ts';
import { AudioCache, renderCall, reusingRenders } from './audio.ts';
import { CallSimulator } from './call-simulator.ts';
import { OutboundCalls } from './calls.ts';
import { FaultRegistry } from './faults.ts';
import { createElevenLabsServer } from './server.ts';
import { assertSpeechAvailable } from './speech.ts';
import { ElevenLabsStore } from './store.ts';
import { WebhookDispatch } from './webhook-dispatch.ts';
import { WebhookSender } from './webhooks.ts';

export interface ElevenLabsEmulatorOptions {
  /** 0 takes any free port; `url` tells which. */
  readonly port: number;
  readonly dataDir: string;
  readonly webhookUrl: string;
  readonly webhookSecret: string;
  /** CALLSANTA_TIME_SCALE: divides call lengths and webhook retry waits. */
  readonly timeScale: number;
  /** The one `xi-api-key` accepted. */
  readonly apiKey: string;
  /** Answer 429 to a call placed while this many are ringing or talking. */
  readonly maxConcurrentCalls?: number;
  /** Also post `post_call_audio` webhooks (default false, as in ElevenLabs). */
  readonly sendAudioWebhook?: boolean;
  /** Waits before each retry of a transcription webhook (default ElevenLabs' 30 s, 2, 8, 30 min). */
  readonly webhookRetryDelaysMs?: readonly number[];
}

export interface RunningElevenLabsEmulator {
  readonly url: string;
  close(): Promise<void>;
}

/** ElevenLabs' documented retry schedule for transcription webhooks, after the first try. */
const documentedRetryDelaysMs = [30_000, 120_000, 480_000, 1_800_000];

/**
 * Starts the local ElevenLabs on 127.0.0.1: outbound calls that play out on a clock (outcome by
 * test number), conversations, their recordings, speech-to-text and agents, over state kept in
 * `dataDir`, with signed webhooks to `webhookUrl`. Calls that were under way when it last
 * stopped carry on, and webhooks not delivered then are sent again.
 */
export async function startElevenLabsEmulator(
  options: ElevenLabsEmulatorOptions,
): Promise<RunningElevenLabsEmulator> {
  await assertSpeechAvailable();
  const store = await ElevenLabsStore.open(options.dataDir);
  const { state } = store;
  const save = () => store.save();
  const webhooks = new WebhookSender({
    url: options.webhookUrl,
    secret: options.webhookSecret,
    retryDelaysMs:
      options.webhookRetryDelaysMs ??
      documentedRetryDelaysMs.map((delay) => delay / options.timeScale),
    onSettled: (webhook) => {
      state.pendingWebhooks.delete(webhook.id);
      save().catch((error: unknown) => console.error('[elevenlabs] could not save state', error));
    },
  });
  // Faults live in memory: each belongs to the test that queued it, not to the saved state.
  const faults = new FaultRegistry();
  const dispatch = new WebhookDispatch({
    faults,
    sendAudioWebhook: options.sendAudioWebhook ?? false,
    persist: async (pending) => {
      state.pendingWebhooks.set(pending.id, pending);
      await save();
    },
    send: (pending) => webhooks.send(pending),
  });
  const audio = new AudioCache(join(options.dataDir, 'audio'));
  const renderReused = reusingRenders(renderCall);
  const simulator = new CallSimulator({
    state,
    save,
    webhooks: dispatch,
    audio,
    render: renderCall,
    renderReused,
    timeScale: options.timeScale,
  });
  const calls = new OutboundCalls({
    state,
    simulator,
    audio,
    faults,
    render: renderCall,
    renderReused,
    ...(options.maxConcurrentCalls === undefined
      ? {}
      : { maxConcurrentCalls: options.maxConcurrentCalls }),
  });
  const server = createElevenLabsServer({
    apiKey: options.apiKey,
    calls,
    agents: new AgentRegistry(state.agents),
    faults,
    commit: save,
  });
  await listen(server, options.port, 'The local ElevenLabs emulator');
  for (const pending of state.pendingWebhooks.values()) webhooks.send(pending);
  for (const conversation of state.conversations.values()) simulator.play(conversation);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await close(server);
      dispatch.close();
      await simulator.close();
      await webhooks.close();
      await store.close();
    },
  };
}
