import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createElevenLabsAdapter,
  type ElevenLabsAdapter,
  type ElevenLabsAdapterOptions,
  ElevenLabsRequestError,
} from '../../functions/adapters/elevenlabs.ts';
import type { SantaCallVariables } from '../../functions/agent/dynamic-variables.ts';
import { createElevenLabsClient } from '../../functions/agent/elevenlabs-client.ts';
import {
  santaAgent,
  santaMaxCallSeconds,
  santaVoiceId,
} from '../../functions/agent/santa-agent.ts';
import { makeSantaSample } from '../../functions/agent/santa-sample.ts';
import { syncSantaAgent } from '../../functions/agent/sync-agent.ts';
import { verifyElevenLabsSignature } from '../../functions/webhooks/elevenlabs-signature.ts';
import { santaCallVariables } from '../../functions/workflow/call-variables.ts';
import {
  type RunningElevenLabsEmulator,
  startElevenLabsEmulator,
} from '../../local/elevenlabs/emulator.ts';
import { type ElevenLabsFaults, elevenLabsFaults } from '../../local/elevenlabs/faults-client.ts';
import { testNumbers } from '../../local/elevenlabs/test-numbers.ts';
import { eventually } from './support/local-cloud.ts';

const projectRoot = resolve(import.meta.dirname, '../..');
const webhookSecret = 'wsec_elevenlabs_emulator_test';
const apiKey = 'xi_test_key';
const agentId = 'agent_test_santa';
/** A number outside the test range: the call is answered. */
const familyPhone = '+14155552671';
/** At 20× a simulated call rings for 75 ms and talks for 200 ms. */
const timeScale = 20;

const emma: SantaCallVariables = santaCallVariables(
  {
    childName: 'Emma',
    childAge: 7,
    childGender: 'girl',
    childInfoText: 'Loves drawing reindeer.',
    giftBudget: 50,
    currency: 'usd',
    timezone: 'Europe/London',
  },
  new Date('2026-12-24T17:30:00Z'),
);

interface WebhookEvent {
  type: string;
  event_timestamp: number;
  data: Record<string, unknown> & { conversation_id: string };
}

interface Delivery {
  readonly body: string;
  readonly signature: string | undefined;
  readonly event: WebhookEvent;
  /** Epoch ms when it arrived. */
  readonly receivedAt: number;
}

/** Stands in for /api/webhooks/elevenlabs: keeps deliveries; can answer some with other codes. */
class WebhookReceiver {
  readonly deliveries: Delivery[] = [];
  readonly refused: Delivery[] = [];
  private readonly answers = new Map<string, number[]>();
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const event = JSON.parse(body) as WebhookEvent;
      const delivery = {
        body,
        signature: req.headers['elevenlabs-signature'] as string,
        event,
        receivedAt: Date.now(),
      };
      const status =
        this.answers.get(`${event.data.conversation_id} ${event.type}`)?.shift() ?? 200;
      (status === 200 ? this.deliveries : this.refused).push(delivery);
      res.writeHead(status).end();
    });
  });

  /** Answers the next deliveries of `type` about the conversation with these codes, then 200. */
  answerWith(conversationId: string, type: string, statuses: number[]): void {
    this.answers.set(`${conversationId} ${type}`, statuses);
  }

  async start(): Promise<string> {
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/webhooks/elevenlabs`;
  }

  close(): Promise<void> {
    return new Promise((done) => this.server.close(() => done()));
  }

  about(conversationId: string, type?: string): Delivery[] {
    return this.deliveries.filter(
      ({ event }) =>
        event.data.conversation_id === conversationId && (!type || event.type === type),
    );
  }

  async waitFor(conversationId: string, type: string): Promise<Delivery> {
    return eventually(`${type} for ${conversationId}`, async () => {
      return this.about(conversationId, type)[0];
    });
  }
}

function refusedAbout(conversationId: string): string[] {
  return receiver.refused
    .filter(({ event }) => event.data.conversation_id === conversationId)
    .map(({ event }) => event.type);
}

/** Walks an MP3 frame by frame (after an ID3 tag, if any); fails on anything else. */
function mp3Duration(mp3: Buffer): { frames: number; seconds: number } {
  const layer3Kbps = {
    mpeg1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
    mpeg2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  };
  const sampleRates: Record<number, number[]> = {
    3: [44100, 48000, 32000],
    2: [22050, 24000, 16000],
    0: [11025, 12000, 8000],
  };
  let offset = 0;
  if (mp3.toString('latin1', 0, 3) === 'ID3') {
    const size =
      ((mp3[6] ?? 0) << 21) | ((mp3[7] ?? 0) << 14) | ((mp3[8] ?? 0) << 7) | (mp3[9] ?? 0);
    offset = 10 + size;
  }
  let frames = 0;
  let seconds = 0;
  while (offset < mp3.length) {
    const b1 = mp3[offset + 1] ?? 0;
    const b2 = mp3[offset + 2] ?? 0;
    const sync = mp3[offset] === 0xff && (b1 & 0xe0) === 0xe0;
    const version = (b1 >> 3) & 3;
    const layer = (b1 >> 1) & 3;
    const kbps = (version === 3 ? layer3Kbps.mpeg1 : layer3Kbps.mpeg2)[b2 >> 4];
    const rate = sampleRates[version]?.[(b2 >> 2) & 3];
    if (!sync || layer !== 1 || !kbps || !rate) {
      throw new Error(`No MPEG layer III frame at byte ${offset} of ${mp3.length}.`);
    }
    const samples = version === 3 ? 1152 : 576;
    offset += Math.floor(((samples / 8) * kbps * 1000) / rate) + ((b2 >> 1) & 1);
    frames++;
    seconds += samples / rate;
  }
  return { frames, seconds };
}

const receiver = new WebhookReceiver();
let webhookUrl: string;
let emulator: RunningElevenLabsEmulator;
let elevenLabs: ElevenLabsAdapter;
let faults: ElevenLabsFaults;

async function startEmulator(
  overrides: Partial<Parameters<typeof startElevenLabsEmulator>[0]> = {},
): Promise<RunningElevenLabsEmulator> {
  return startElevenLabsEmulator({
    port: 0,
    dataDir: await mkdtemp(join(tmpdir(), 'callsanta-elevenlabs-')),
    webhookUrl,
    webhookSecret,
    timeScale,
    apiKey,
    sendAudioWebhook: true,
    webhookRetryDelaysMs: [50, 100, 200],
    ...overrides,
  });
}

function adapterFor(
  url: string,
  env: Record<string, string> = {},
  options: ElevenLabsAdapterOptions = {},
): ElevenLabsAdapter {
  return createElevenLabsAdapter(
    {
      ELEVENLABS_API_KEY: apiKey,
      ELEVENLABS_API_BASE_URL: url,
      ELEVENLABS_AGENT_ID: agentId,
      ELEVENLABS_PHONE_NUMBER_ID: 'phnum_test',
      ...env,
    },
    options,
  );
}

let dials = 0;
/** A marker like the workflow's, unique per dial in this file. */
const newMarker = () => `booking-01JTEST${String(++dials).padStart(6, '0')}-a1`;

function callFamily(toNumber = familyPhone, adapter = elevenLabs, dialMarker = newMarker()) {
  return adapter.placeOutboundCall({ toNumber, dynamicVariables: emma, dialMarker });
}

/** A raw request, for what the SDK hides: the wire shapes and the error bodies. */
async function request(
  path: string,
  init: RequestInit & { key?: string | null } = {},
): Promise<{ status: number; body: unknown }> {
  const { key = apiKey, ...rest } = init;
  const response = await fetch(`${emulator.url}${path}`, {
    ...rest,
    headers: {
      ...(key === null ? {} : { 'xi-api-key': key }),
      ...(typeof rest.body === 'string' ? { 'content-type': 'application/json' } : {}),
    },
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function refusal(action: () => Promise<unknown>): Promise<ElevenLabsRequestError> {
  const error = await action().then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (!(error instanceof ElevenLabsRequestError)) {
    throw new Error(`Expected an ElevenLabsRequestError, got ${String(error)}`);
  }
  return error;
}

beforeAll(async () => {
  webhookUrl = await receiver.start();
  emulator = await startEmulator();
  elevenLabs = adapterFor(emulator.url);
  faults = elevenLabsFaults(emulator.url);
});

afterEach(async () => {
  await faults.clear();
});

afterAll(async () => {
  await emulator?.close();
  await receiver.close();
});

describe('an answered call', () => {
  it('posts a signed transcription webhook with the dynamic variables and a transcript naming the child', async () => {
    const { conversationId } = await callFamily();

    const { body, signature, event } = await receiver.waitFor(
      conversationId,
      'post_call_transcription',
    );

    expect(() => verifyElevenLabsSignature(body, signature, webhookSecret)).not.toThrow();
    expect(() => verifyElevenLabsSignature(body, signature, 'wsec_other')).toThrow();
    expect(event.event_timestamp).toBeGreaterThan(Date.now() / 1000 - 60);
    expect(event.data).toMatchObject({
      conversation_id: conversationId,
      agent_id: agentId,
      status: 'done',
      metadata: { phone_call: { call_result: 'answered' }, termination_reason: expect.any(String) },
      analysis: { call_successful: 'success', transcript_summary: expect.any(String) },
      conversation_initiation_client_data: { dynamic_variables: emma },
    });
    const transcript = event.data.transcript as { role: string; message: string }[];
    expect(transcript.some((turn) => turn.role === 'agent' && turn.message.includes('Emma'))).toBe(
      true,
    );
    expect(transcript.some((turn) => turn.role === 'user')).toBe(true);
  });

  it('reads done and answered, with the transcript and its timings', async () => {
    const { conversationId } = await callFamily();
    await receiver.waitFor(conversationId, 'post_call_transcription');

    const conversation = await elevenLabs.getConversation(conversationId);

    expect(conversation.status).toBe('done');
    expect(conversation.callResult).toBe('answered');
    expect(conversation.durationSecs).toBeGreaterThan(5);
    expect(conversation.transcript[0]?.message).toMatch(/automated call from CallSanta/);
    const times = conversation.transcript.map((turn) => turn.timeInCallSecs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.at(-1)).toBeLessThan(conversation.durationSecs ?? 0);
  });

  it('is ringing, then talking, before it is done', async () => {
    const { conversationId } = await callFamily();

    const first = await elevenLabs.getConversation(conversationId);
    const talking = await eventually('the call to connect', async () => {
      const { status } = await elevenLabs.getConversation(conversationId);
      return status === 'initiated' ? undefined : status;
    });

    expect(first.status).toBe('initiated');
    expect(['in-progress', 'processing', 'done']).toContain(talking);
    await receiver.waitFor(conversationId, 'post_call_transcription');
  });

  it('serves the recording as a real MP3 as long as the call', async () => {
    const { conversationId } = await callFamily();
    await receiver.waitFor(conversationId, 'post_call_transcription');
    const { durationSecs } = await elevenLabs.getConversation(conversationId);

    const audio = await elevenLabs.downloadConversationAudio(conversationId);

    expect(audio.length).toBeGreaterThan(20_000);
    const { frames, seconds } = mp3Duration(audio);
    expect(frames).toBeGreaterThan(100);
    expect(Math.ceil(seconds)).toBeGreaterThanOrEqual((durationSecs ?? 0) - 1);
    expect(seconds).toBeLessThanOrEqual(durationSecs ?? 0);
  });

  it('is deleted with its recording: then both answer 404, and deleting again is already_gone', async () => {
    const { conversationId } = await callFamily();
    await receiver.waitFor(conversationId, 'post_call_transcription');
    const audioBefore = await elevenLabs.downloadConversationAudio(conversationId);

    const first = await elevenLabs.deleteConversation(conversationId);
    const again = await elevenLabs.deleteConversation(conversationId);
    const read = await refusal(() => elevenLabs.getConversation(conversationId));
    const audio = await refusal(() => elevenLabs.downloadConversationAudio(conversationId));
    const listed = await request(`/v1/convai/conversations?agent_id=${agentId}&page_size=100`);

    expect(audioBefore.length).toBeGreaterThan(1000);
    expect([first, again]).toEqual(['deleted', 'already_gone']);
    expect([read.statusCode, audio.statusCode]).toEqual([404, 404]);
    expect(JSON.stringify(listed.body)).not.toContain(conversationId);
  });

  it('answers a delete that fails with a 5xx as ElevenLabsUnavailable, deleting nothing', async () => {
    const { conversationId } = await callFamily();
    await receiver.waitFor(conversationId, 'post_call_transcription');
    await faults.inject({
      operation: 'delete-conversation',
      fault: { kind: 'http-error', status: 503 },
    });

    const failed = await refusal(() => elevenLabs.deleteConversation(conversationId));
    const still = await elevenLabs.getConversation(conversationId);

    expect(failed.name).toBe('ElevenLabsUnavailable');
    expect(still.status).toBe('done');
  });

  it('also posts the recording as a post_call_audio webhook, base64, the same bytes', async () => {
    const { conversationId } = await callFamily();

    const { event } = await receiver.waitFor(conversationId, 'post_call_audio');
    const audio = await elevenLabs.downloadConversationAudio(conversationId);

    expect(Buffer.from(String(event.data.full_audio), 'base64').equals(audio)).toBe(true);
  });

  it('answers the documented outbound-call shape, callSid in camelCase', async () => {
    const { status, body } = await request('/v1/convai/twilio/outbound-call', {
      method: 'POST',
      body: JSON.stringify({
        agent_id: agentId,
        agent_phone_number_id: 'phnum_test',
        to_number: familyPhone,
        conversation_initiation_client_data: { dynamic_variables: emma },
      }),
    });

    expect(status).toBe(200);
    expect(body).toEqual({
      success: true,
      message: expect.any(String),
      conversation_id: expect.stringMatching(/^conv_/),
      callSid: expect.stringMatching(/^CA[0-9a-f]{32}$/),
    });
    await receiver.waitFor(
      (body as { conversation_id: string }).conversation_id,
      'post_call_transcription',
    );
  });
});

describe('calls that do not connect', () => {
  it.each([
    [testNumbers.busy, 'busy', 'busy', 'busy'],
    [testNumbers.noAnswer, 'no-answer', 'no_answer', 'no-answer'],
  ])(
    '%s: call_initiation_failure with %s and no dynamic variables; the conversation reads failed/%s',
    async (number, reason, callResult, twilioStatus) => {
      const { conversationId } = await callFamily(number);

      const { body, signature, event } = await receiver.waitFor(
        conversationId,
        'call_initiation_failure',
      );
      const conversation = await elevenLabs.getConversation(conversationId);

      expect(() => verifyElevenLabsSignature(body, signature, webhookSecret)).not.toThrow();
      expect(event.data).toMatchObject({
        conversation_id: conversationId,
        agent_id: agentId,
        failure_reason: reason,
        metadata: { type: 'twilio', body: { CallStatus: twilioStatus } },
      });
      expect(event.data).not.toHaveProperty('conversation_initiation_client_data');
      expect(body).not.toContain('Emma');
      expect(conversation).toMatchObject({ status: 'failed', callResult, transcript: [] });
      expect(receiver.about(conversationId, 'post_call_transcription')).toEqual([]);
    },
  );

  it('voicemail: a transcription webhook with call_result voicemail, a short transcript, no initiation failure', async () => {
    const { conversationId } = await callFamily(testNumbers.voicemail);

    const { event } = await receiver.waitFor(conversationId, 'post_call_transcription');
    const conversation = await elevenLabs.getConversation(conversationId);

    expect(event.data).toMatchObject({
      status: 'done',
      metadata: { phone_call: { call_result: 'voicemail' } },
      analysis: { call_successful: 'failure' },
      conversation_initiation_client_data: { dynamic_variables: emma },
    });
    expect(conversation.callResult).toBe('voicemail');
    expect(conversation.transcript.length).toBeLessThanOrEqual(2);
    expect(receiver.about(conversationId, 'call_initiation_failure')).toEqual([]);
  });

  it('never-reports: stays in-progress and sends nothing', async () => {
    const { conversationId } = await callFamily(testNumbers.neverReports);
    await eventually('the call to connect', async () =>
      (await elevenLabs.getConversation(conversationId)).status === 'in-progress'
        ? true
        : undefined,
    );

    // 1.5 s at 20× is half a simulated minute: an answered call would long be done.
    await new Promise((done) => setTimeout(done, 1500));

    expect((await elevenLabs.getConversation(conversationId)).status).toBe('in-progress');
    expect(receiver.about(conversationId)).toEqual([]);
  });

  it('busy three times, then answered on the fourth call', async () => {
    const outcomes: string[] = [];
    for (let call = 0; call < 4; call++) {
      const { conversationId } = await callFamily(testNumbers.busyThreeTimes);
      const { event } = await eventually('the outcome webhook', async () =>
        receiver.about(conversationId).find(({ event }) => event.type !== 'post_call_audio'),
      );
      outcomes.push(event.type);
    }

    expect(outcomes).toEqual([
      'call_initiation_failure',
      'call_initiation_failure',
      'call_initiation_failure',
      'post_call_transcription',
    ]);
  });
});

describe('webhook delivery', () => {
  it('retries a transcription webhook until it gets a 200 — a 204 does not count', async () => {
    const { conversationId } = await callFamily();
    receiver.answerWith(conversationId, 'post_call_transcription', [500, 204]);

    const { body, signature } = await receiver.waitFor(conversationId, 'post_call_transcription');

    expect(refusedAbout(conversationId)).toEqual([
      'post_call_transcription',
      'post_call_transcription',
    ]);
    expect(() => verifyElevenLabsSignature(body, signature, webhookSecret)).not.toThrow();
  });

  it('sends the audio webhook once: ElevenLabs documents retries for transcriptions only', async () => {
    const { conversationId } = await callFamily();
    receiver.answerWith(conversationId, 'post_call_audio', [500]);

    await receiver.waitFor(conversationId, 'post_call_transcription');
    await eventually('the audio webhook to be refused', async () =>
      refusedAbout(conversationId).length > 0 ? true : undefined,
    );
    await new Promise((done) => setTimeout(done, 500));

    expect(refusedAbout(conversationId)).toEqual(['post_call_audio']);
    expect(receiver.about(conversationId, 'post_call_audio')).toEqual([]);
  });

  it('finishes a call cut short by a restart, from the same data folder', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'callsanta-elevenlabs-restart-'));
    const first = await startEmulator({ dataDir });
    const { conversationId } = await callFamily(familyPhone, adapterFor(first.url));
    await first.close();

    const second = await startEmulator({ dataDir });
    try {
      const { event } = await receiver.waitFor(conversationId, 'post_call_transcription');
      const conversation = await adapterFor(second.url).getConversation(conversationId);

      expect(event.data.status).toBe('done');
      expect(conversation).toMatchObject({ status: 'done', callResult: 'answered' });
    } finally {
      await second.close();
    }
  });
});

describe('the concurrency limit', () => {
  it('answers 429 too_many_concurrent_requests while the plan’s calls are in progress, and takes calls again once one ends', async () => {
    const limited = await startEmulator({ maxConcurrentCalls: 1 });
    const adapter = adapterFor(limited.url);
    const { conversationId } = await callFamily(testNumbers.busy, adapter);

    const refused = await refusal(() => callFamily(familyPhone, adapter));
    await receiver.waitFor(conversationId, 'call_initiation_failure');
    const accepted = await callFamily(testNumbers.neverReports, adapter);

    expect(refused).toMatchObject({
      name: 'ElevenLabsTooManyRequests',
      statusCode: 429,
      detailStatus: 'too_many_concurrent_requests',
    });
    expect(accepted.conversationId).toMatch(/^conv_/);
    await limited.close();
  });
});

describe('the call plan (load benchmarks)', () => {
  it('plays a number’s first call as the plan says, logs when each line was taken and freed, and every 429', async () => {
    // Arrange: every first call busy; answered calls talk 240 s, which is 0.4 s at 600×.
    const planned = await startEmulator({ maxConcurrentCalls: 1, timeScale: 600 });
    const adapter = adapterFor(planned.url);
    const control = elevenLabsFaults(planned.url);
    await control.setCallPlan({
      seed: 'test',
      firstAttempt: { busy: 1, noAnswer: 0 },
      talkSecs: { median: 240, sigma: 0 },
    });

    // Act
    const busy = await callFamily(familyPhone, adapter);
    await receiver.waitFor(busy.conversationId, 'call_initiation_failure');
    const answered = await callFamily(familyPhone, adapter);
    const refused = await refusal(() => callFamily('+12125550123', adapter));
    await receiver.waitFor(answered.conversationId, 'post_call_transcription');
    const { calls, refusedAt } = await control.callLog();

    // Assert
    const [first, second] = calls;
    expect(calls.map((c) => [c.callResult, c.plannedTalkSecs])).toEqual([
      ['busy', null],
      ['answered', 240],
    ]);
    for (const call of [first, second]) {
      expect(Date.parse(call?.endedAt ?? '')).toBeGreaterThanOrEqual(
        Date.parse(call?.placedAt ?? ''),
      );
    }
    expect(refused.statusCode).toBe(429);
    expect(refusedAt).toHaveLength(1);
    await planned.close();
  });
});

describe('speech-to-text', () => {
  it('answers a multipart upload with a (clearly emulated) English transcript', async () => {
    const transcript = await elevenLabs.transcribeSpeech(
      Buffer.from('voice note bytes'),
      'audio/webm',
    );

    expect(transcript.languageCode).toBe('en');
    expect(transcript.text).toMatch(/emulated/i);
  });

  it('refuses an upload without a Scribe model_id with a 422', async () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('voice')], { type: 'audio/webm' }), 'note.webm');

    const { status, body } = await request('/v1/speech-to-text', { method: 'POST', body: form });

    expect(status).toBe(422);
    expect(body).toMatchObject({ detail: [{ loc: ['body', 'model_id'] }] });
  });
});

describe('text-to-speech', () => {
  it("speaks the landing page's sample as a real MP3, through the SDK agent:sync uses", async () => {
    const client = createElevenLabsClient({
      ELEVENLABS_API_KEY: apiKey,
      ELEVENLABS_API_BASE_URL: emulator.url,
    });

    const mp3 = await makeSantaSample(client);

    // MPEG audio frames start with 11 set bits; ~12 s of phone-quality speech is tens of KB.
    expect(mp3[0]).toBe(0xff);
    expect((mp3[1] ?? 0) & 0xe0).toBe(0xe0);
    expect(mp3.length).toBeGreaterThan(20_000);
  });

  it('refuses a request without xi-api-key, and an empty text with a 422', async () => {
    const unsigned = await request('/v1/text-to-speech/JBFqnCBsd6RMkjVDRZzb', {
      method: 'POST',
      key: null,
      body: JSON.stringify({ text: 'Ho ho ho!' }),
    });
    const empty = await request('/v1/text-to-speech/JBFqnCBsd6RMkjVDRZzb', {
      method: 'POST',
      body: JSON.stringify({ text: ' ', model_id: 'eleven_flash_v2', voice_settings: {} }),
    });

    expect(unsigned.status).toBe(401);
    expect(empty.status).toBe(422);
  });
});

describe('authentication', () => {
  it('refuses a wrong API key with 401 invalid_api_key, through the SDK', async () => {
    const stranger = adapterFor(emulator.url, { ELEVENLABS_API_KEY: 'xi_wrong' });

    const error = await refusal(() => stranger.getConversation('conv_anything'));

    expect(error).toMatchObject({
      name: 'ElevenLabsRequestRejected',
      statusCode: 401,
      detailStatus: 'invalid_api_key',
    });
  });

  it('refuses a request without xi-api-key and places no call', async () => {
    const { status, body } = await request('/v1/convai/twilio/outbound-call', {
      method: 'POST',
      key: null,
      body: JSON.stringify({
        agent_id: agentId,
        agent_phone_number_id: 'phnum_test',
        to_number: testNumbers.busy,
      }),
    });

    expect(status).toBe(401);
    expect(body).toMatchObject({ detail: { status: 'needs_authorization' } });
  });
});

describe('outbound-call validation', () => {
  it.each([
    ['a number that is not E.164', { to_number: '4155552671' }, 'to_number'],
    [
      'a reserved system__ variable',
      { conversation_initiation_client_data: { dynamic_variables: { system__time: 'now' } } },
      'conversation_initiation_client_data',
    ],
    [
      'a variable that is an object',
      { conversation_initiation_client_data: { dynamic_variables: { child: { name: 'E' } } } },
      'conversation_initiation_client_data',
    ],
  ])('refuses %s with a 422 naming the field', async (_case, change, field) => {
    const { status, body } = await request('/v1/convai/twilio/outbound-call', {
      method: 'POST',
      body: JSON.stringify({
        agent_id: agentId,
        agent_phone_number_id: 'phnum_test',
        to_number: familyPhone,
        ...change,
      }),
    });

    expect(status).toBe(422);
    expect((body as { detail: { loc: string[] }[] }).detail[0]?.loc).toContain(field);
  });

  it('never sends more than the seven Santa variables (the adapter refuses others)', async () => {
    const withExtra = { ...emma, system__conversation_id: 'x' } as unknown as SantaCallVariables;

    await expect(
      elevenLabs.placeOutboundCall({
        toNumber: familyPhone,
        dynamicVariables: withExtra,
        dialMarker: newMarker(),
      }),
    ).rejects.toThrow(/system__conversation_id/);
  });
});

describe('the Santa agent (npm run agent:sync)', () => {
  const execFileAsync = promisify(execFile);
  const client = () =>
    createElevenLabsClient({ ELEVENLABS_API_KEY: apiKey, ELEVENLABS_API_BASE_URL: emulator.url });

  it('creates the agent when no id is given, then updates that same agent', async () => {
    const created = await syncSantaAgent(client(), undefined);
    await request(`/v1/convai/agents/${created.agentId}`, {
      method: 'PATCH',
      body: JSON.stringify({ name: 'Changed in the dashboard' }),
    });

    const updated = await syncSantaAgent(client(), created.agentId);
    const { status, body } = await request(`/v1/convai/agents/${created.agentId}`);

    expect(created).toEqual({ agentId: expect.stringMatching(/^agent_/), action: 'created' });
    expect(updated).toEqual({ agentId: created.agentId, action: 'updated' });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      agent_id: created.agentId,
      name: santaAgent.name,
      conversation_config: {
        agent: {
          first_message: expect.stringMatching(/^Hello! This is an automated call from CallSanta/),
          prompt: { prompt: expect.stringContaining('{{gift_budget}}') },
          dynamic_variables: { dynamic_variable_placeholders: { child_name: 'Emma' } },
        },
        tts: { voice_id: santaVoiceId },
        conversation: { max_duration_seconds: santaMaxCallSeconds },
      },
    });
  });

  it('opens a call to that agent with its disclosure, filled with the child’s name', async () => {
    const { agentId: santaId } = await syncSantaAgent(client(), undefined);
    const adapter = adapterFor(emulator.url, { ELEVENLABS_AGENT_ID: santaId });

    const { conversationId } = await callFamily(familyPhone, adapter);
    await receiver.waitFor(conversationId, 'post_call_transcription');
    const { transcript } = await adapter.getConversation(conversationId);

    expect(transcript[0]?.message).toMatch(
      /^Hello! This is an automated call from CallSanta, .* booked for Emma\./,
    );
    expect(transcript[0]?.message).not.toContain('{{');
  });

  it('refuses to update an agent that does not exist', async () => {
    await expect(syncSantaAgent(client(), 'agent_missing')).rejects.toMatchObject({
      statusCode: 404,
    });
  });

  it('the command prints the new agent id alone on stdout, and fails with a message', async () => {
    const run = (env: Record<string, string>) =>
      execFileAsync(
        join(projectRoot, 'node_modules/.bin/tsx'),
        [join(projectRoot, 'bin/santa-agent.ts')],
        {
          cwd: projectRoot,
          env: {
            PATH: process.env.PATH,
            ELEVENLABS_API_KEY: apiKey,
            ELEVENLABS_API_BASE_URL: emulator.url,
            POWERTOOLS_LOG_LEVEL: 'SILENT',
            ...env,
          },
        },
      );

    const { stdout } = await run({});
    const failure = await run({ ELEVENLABS_AGENT_ID: 'agent_missing' }).catch(
      (error: { code: number; stderr: string }) => error,
    );

    const agentId = stdout.trim();
    expect(agentId).toMatch(/^agent_[a-z0-9]+$/);
    expect((await request(`/v1/convai/agents/${agentId}`)).status).toBe(200);
    expect(failure).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/could not be synced/),
    });
  });
});

/** The error an action fails with, whatever it is; fails the test if it succeeds. */
async function failure(action: () => Promise<unknown>): Promise<ElevenLabsRequestError> {
  const started = Date.now();
  const error = await refusal(action);
  return Object.assign(error, { tookMs: Date.now() - started });
}

/** The calls the emulator placed with this marker. */
async function callsMarked(dialMarker: string) {
  return (await faults.placedCalls()).filter((call) => call.dialMarker === dialMarker);
}

describe('every outbound call the adapter places', () => {
  it('asks for answering-machine detection and carries its dial marker as user_id', async () => {
    const dialMarker = newMarker();

    const { conversationId } = await callFamily(testNumbers.busy, elevenLabs, dialMarker);
    const [placed] = await callsMarked(dialMarker);
    const { body } = await request(`/v1/convai/conversations/${conversationId}`);

    expect(placed).toMatchObject({
      conversationId,
      toNumber: testNumbers.busy,
      machineDetection: { mode: 'enable' },
    });
    expect(Date.parse(placed?.placedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(body).toMatchObject({ user_id: dialMarker });
  });

  it('a voicemail reached without answering-machine detection comes back with no call_result', async () => {
    const { body } = await request('/v1/convai/twilio/outbound-call', {
      method: 'POST',
      body: JSON.stringify({
        agent_id: agentId,
        agent_phone_number_id: 'phnum_test',
        to_number: testNumbers.voicemail,
        conversation_initiation_client_data: { dynamic_variables: emma },
      }),
    });
    const { conversation_id: conversationId } = body as { conversation_id: string };

    const { event } = await receiver.waitFor(conversationId, 'post_call_transcription');

    expect(event.data).toMatchObject({ status: 'done', metadata: { phone_call: {} } });
    expect(
      (event.data.metadata as { phone_call: Record<string, unknown> }).phone_call,
    ).not.toHaveProperty('call_result');
  });
});

describe('listing conversations (GET /v1/convai/conversations)', () => {
  it('answers ElevenLabs’ page shape, filtered by user_id, newest first, paged by cursor', async () => {
    const dialMarker = newMarker();
    const first = await callFamily(testNumbers.busy, elevenLabs, dialMarker);
    const second = await callFamily(testNumbers.noAnswer, elevenLabs, dialMarker);
    await callFamily(testNumbers.busy);

    const page1 = await request(`/v1/convai/conversations?user_id=${dialMarker}&page_size=1`);
    const cursor = (page1.body as { next_cursor: string }).next_cursor;
    const page2 = await request(
      `/v1/convai/conversations?user_id=${dialMarker}&page_size=1&cursor=${cursor}`,
    );

    expect(page1).toMatchObject({
      status: 200,
      body: {
        conversations: [
          { conversation_id: expect.any(String), agent_id: agentId, status: expect.any(String) },
        ],
        has_more: true,
        next_cursor: expect.any(String),
      },
    });
    expect(page2.body).toMatchObject({ has_more: false, next_cursor: null });
    const ids = [page1, page2].flatMap(
      ({ body }) => (body as { conversations: { conversation_id: string }[] }).conversations,
    );
    // Same second: order between the two is by placement, newest first.
    expect(ids.map((c) => c.conversation_id).sort()).toEqual(
      [first.conversationId, second.conversationId].sort(),
    );
  });

  it('leaves out conversations that started before call_start_after_unix', async () => {
    const dialMarker = newMarker();
    await callFamily(testNumbers.busy, elevenLabs, dialMarker);
    const future = Math.floor(Date.now() / 1000) + 3600;

    const { body } = await request(
      `/v1/convai/conversations?user_id=${dialMarker}&call_start_after_unix=${future}`,
    );

    expect(body).toEqual({ conversations: [], has_more: false, next_cursor: null });
  });
});

describe('findDialedConversation', () => {
  it('finds the conversation of a dial by its marker, and nothing for a marker never dialled', async () => {
    const since = new Date();
    const dialMarker = newMarker();
    const { conversationId } = await callFamily(testNumbers.busy, elevenLabs, dialMarker);
    await callFamily(testNumbers.busy);

    const found = await elevenLabs.findDialedConversation({ dialMarker, since });
    const none = await elevenLabs.findDialedConversation({ dialMarker: newMarker(), since });

    expect(found).toBe(conversationId);
    expect(none).toBeUndefined();
  });

  it('does not trust a list it cannot read: a 503 on the list is ElevenLabsUnavailable, not “none”', async () => {
    await faults.inject({
      operation: 'list-conversations',
      fault: { kind: 'http-error', status: 503 },
    });

    const error = await failure(() =>
      elevenLabs.findDialedConversation({ dialMarker: newMarker(), since: new Date() }),
    );

    expect(error).toMatchObject({ name: 'ElevenLabsUnavailable', statusCode: 503 });
  });

  it('reads a list with unknown fields on every object', async () => {
    const dialMarker = newMarker();
    const { conversationId } = await callFamily(testNumbers.busy, elevenLabs, dialMarker);
    await faults.inject({ operation: 'list-conversations', fault: { kind: 'extra-fields' } });

    const found = await elevenLabs.findDialedConversation({ dialMarker, since: new Date() });

    expect(found).toBe(conversationId);
  });
});

describe('outbound-call faults', () => {
  it.each([
    [429, 'ElevenLabsTooManyRequests'],
    [500, 'ElevenLabsUnavailable'],
    [503, 'ElevenLabsUnavailable'],
  ] as const)('HTTP %i before placing: %s, and no call is placed', async (status, name) => {
    const dialMarker = newMarker();
    await faults.inject({
      operation: 'outbound-call',
      fault: { kind: 'http-error', status },
      match: { toNumber: familyPhone },
    });

    const error = await failure(() => callFamily(familyPhone, elevenLabs, dialMarker));

    expect(error).toMatchObject({ name, statusCode: status });
    expect(await callsMarked(dialMarker)).toEqual([]);
  });

  it('a hang is cut off by the adapter’s timeout, as ElevenLabsUnavailable, and nothing is placed', async () => {
    const quick = adapterFor(emulator.url, {}, { timeoutsMs: { outboundCall: 400 } });
    const dialMarker = newMarker();
    await faults.inject({ operation: 'outbound-call', fault: { kind: 'hang' } });

    const error = await failure(() => callFamily(testNumbers.busy, quick, dialMarker));

    expect(error).toMatchObject({ name: 'ElevenLabsUnavailable', detailStatus: 'timeout' });
    expect((error as unknown as { tookMs: number }).tookMs).toBeLessThan(2_000);
    expect(await callsMarked(dialMarker)).toEqual([]);
  });

  it.each([
    ['a 503', { kind: 'answer-lost', status: 503 } as const],
    ['a hang', { kind: 'answer-lost' } as const],
  ])(
    'placed, then the answer lost to %s: ElevenLabsUnavailable, and the look-up finds the one call',
    async (_what, fault) => {
      const quick = adapterFor(emulator.url, {}, { timeoutsMs: { outboundCall: 400 } });
      const since = new Date();
      const dialMarker = newMarker();
      await faults.inject({ operation: 'outbound-call', fault });

      const error = await failure(() => callFamily(testNumbers.busy, quick, dialMarker));
      const found = await quick.findDialedConversation({ dialMarker, since });
      const placed = await callsMarked(dialMarker);

      expect(error.name).toBe('ElevenLabsUnavailable');
      expect(placed).toHaveLength(1);
      expect(found).toBe(placed[0]?.conversationId);
    },
  );

  it('success: false with a conversation id: ElevenLabsCallUnconfirmed carrying it; the call exists', async () => {
    const dialMarker = newMarker();
    await faults.inject({ operation: 'outbound-call', fault: { kind: 'not-success' } });

    const error = await failure(() => callFamily(testNumbers.busy, elevenLabs, dialMarker));
    const [placed] = await callsMarked(dialMarker);

    expect(placed?.conversationId).toMatch(/^conv_/);
    expect(error).toMatchObject({
      name: 'ElevenLabsCallUnconfirmed',
      conversationId: placed?.conversationId,
    });
    expect(placed?.conversationId).toMatch(/^conv_/);
  });

  it('success: false and nothing placed: ElevenLabsCallUnconfirmed without an id; the look-up finds none', async () => {
    const since = new Date();
    const dialMarker = newMarker();
    await faults.inject({
      operation: 'outbound-call',
      fault: { kind: 'not-success', placed: false },
    });

    const error = await failure(() => callFamily(testNumbers.busy, elevenLabs, dialMarker));

    expect(error.name).toBe('ElevenLabsCallUnconfirmed');
    expect(error).not.toHaveProperty('conversationId', expect.any(String));
    expect(await elevenLabs.findDialedConversation({ dialMarker, since })).toBeUndefined();
  });

  it('an answer without callSid: ElevenLabsCallUnconfirmed carrying the conversation id', async () => {
    const dialMarker = newMarker();
    await faults.inject({ operation: 'outbound-call', fault: { kind: 'no-call-sid' } });

    const error = await failure(() => callFamily(testNumbers.busy, elevenLabs, dialMarker));
    const [placed] = await callsMarked(dialMarker);

    expect(placed?.conversationId).toMatch(/^conv_/);
    expect(error).toMatchObject({
      name: 'ElevenLabsCallUnconfirmed',
      conversationId: placed?.conversationId,
    });
    expect(error.message).toMatch(/no callSid/);
  });

  it('an answer with unknown fields everywhere is read as usual', async () => {
    await faults.inject({ operation: 'outbound-call', fault: { kind: 'extra-fields' } });

    const placed = await callFamily(testNumbers.busy);

    expect(placed).toEqual({
      conversationId: expect.stringMatching(/^conv_/),
      callSid: expect.stringMatching(/^CA/),
    });
  });

  it('queues a fault for the next N matching requests only', async () => {
    await faults.inject({
      operation: 'outbound-call',
      fault: { kind: 'http-error', status: 503 },
      times: 2,
      match: { toNumber: testNumbers.noAnswer },
    });

    const other = await callFamily(testNumbers.busy);
    const first = await failure(() => callFamily(testNumbers.noAnswer));
    const second = await failure(() => callFamily(testNumbers.noAnswer));
    const third = await callFamily(testNumbers.noAnswer);

    expect(other.conversationId).toMatch(/^conv_/);
    expect([first.statusCode, second.statusCode]).toEqual([503, 503]);
    expect(third.conversationId).toMatch(/^conv_/);
    expect(await faults.queued()).toEqual([]);
  });

  it('refuses a fault that makes no sense for the operation', async () => {
    await expect(
      faults.inject({ operation: 'get-conversation', fault: { kind: 'no-call-sid' } }),
    ).rejects.toThrow(/422/);
  });
});

describe('conversation read faults', () => {
  it('reads a conversation missing every field we do not use', async () => {
    const { conversationId } = await callFamily(testNumbers.busy);
    await receiver.waitFor(conversationId, 'call_initiation_failure');
    await faults.inject({
      operation: 'get-conversation',
      fault: {
        kind: 'drop-fields',
        paths: [
          'analysis',
          'agent_id',
          'has_audio',
          'has_user_audio',
          'has_response_audio',
          'conversation_initiation_client_data',
          'metadata.start_time_unix_secs',
          'metadata.phone_call.stream_sid',
          'metadata.phone_call.call_sid',
          'metadata.phone_call.agent_number',
          'metadata.phone_call.external_number',
          'metadata.phone_call.direction',
        ],
      },
    });

    const conversation = await elevenLabs.getConversation(conversationId);

    expect(conversation).toMatchObject({ status: 'failed', callResult: 'busy', transcript: [] });
  });

  it('reads a conversation with unknown fields everywhere', async () => {
    const { conversationId } = await callFamily(testNumbers.busy);
    await receiver.waitFor(conversationId, 'call_initiation_failure');
    await faults.inject({
      operation: 'get-conversation',
      fault: { kind: 'extra-fields' },
      match: { conversationId },
    });

    expect(await elevenLabs.getConversation(conversationId)).toMatchObject({
      status: 'failed',
      callResult: 'busy',
    });
  });

  it('a conversation missing a field we use is ElevenLabsUnavailable naming it', async () => {
    const { conversationId } = await callFamily(testNumbers.busy);
    await faults.inject({
      operation: 'get-conversation',
      fault: { kind: 'drop-fields', paths: ['status'] },
    });

    const error = await failure(() => elevenLabs.getConversation(conversationId));

    expect(error).toMatchObject({
      name: 'ElevenLabsUnavailable',
      detailStatus: 'unexpected_response',
    });
    expect(error.message).toMatch(/lacked status/);
  });

  it.each([
    ['a 500', 'ElevenLabsUnavailable', { kind: 'http-error', status: 500 } as const],
    ['a 429', 'ElevenLabsTooManyRequests', { kind: 'http-error', status: 429 } as const],
    ['a hang', 'ElevenLabsUnavailable', { kind: 'hang' } as const],
  ])('%s on the read is %s, within the timeout', async (_what, name, fault) => {
    const quick = adapterFor(emulator.url, {}, { timeoutsMs: { conversation: 400 } });
    const { conversationId } = await callFamily(testNumbers.busy);
    await faults.inject({ operation: 'get-conversation', fault });

    const error = await failure(() => quick.getConversation(conversationId));

    expect(error.name).toBe(name);
    expect((error as unknown as { tookMs: number }).tookMs).toBeLessThan(2_000);
  });

  it('a hung audio download and speech-to-text are cut off too', async () => {
    const quick = adapterFor(emulator.url, {}, { timeoutsMs: { audio: 400, speechToText: 400 } });
    await faults.inject({ operation: 'conversation-audio', fault: { kind: 'hang' } });
    await faults.inject({ operation: 'speech-to-text', fault: { kind: 'hang' } });

    const audio = await failure(() => quick.downloadConversationAudio('conv_anything'));
    const speech = await failure(() => quick.transcribeSpeech(Buffer.from('voice'), 'audio/webm'));

    expect([audio.detailStatus, speech.detailStatus]).toEqual(['timeout', 'timeout']);
  });

  it('reads a speech-to-text answer with unknown fields and without language_code', async () => {
    await faults.inject({ operation: 'speech-to-text', fault: { kind: 'extra-fields' } });
    await faults.inject({
      operation: 'speech-to-text',
      fault: { kind: 'drop-fields', paths: ['language_code', 'words'] },
    });

    const first = await elevenLabs.transcribeSpeech(Buffer.from('voice'), 'audio/webm');
    const second = await elevenLabs.transcribeSpeech(Buffer.from('voice'), 'audio/webm');

    expect(first).toMatchObject({ text: expect.stringMatching(/Emulated/), languageCode: 'en' });
    expect(second).toEqual({ text: expect.stringMatching(/Emulated/) });
  });
});

describe('call faults', () => {
  it('no-call-result: the transcription and the conversation lack call_result; the child still spoke', async () => {
    await faults.inject({
      operation: 'call',
      fault: { kind: 'no-call-result' },
      match: { toNumber: familyPhone },
    });

    const { conversationId } = await callFamily();
    const { event } = await receiver.waitFor(conversationId, 'post_call_transcription');
    const conversation = await elevenLabs.getConversation(conversationId);

    expect(
      (event.data.metadata as { phone_call: Record<string, unknown> }).phone_call,
    ).not.toHaveProperty('call_result');
    expect(conversation.status).toBe('done');
    expect(conversation).not.toHaveProperty('callResult');
    expect(conversation.transcript.some((turn) => turn.role === 'user')).toBe(true);
  });

  it('tool-call-turns: turns with message null are kept on the wire and left out of our transcript', async () => {
    await faults.inject({
      operation: 'call',
      fault: { kind: 'tool-call-turns' },
      match: { toNumber: testNumbers.voicemail },
    });

    const { conversationId } = await callFamily(testNumbers.voicemail);
    const { event } = await receiver.waitFor(conversationId, 'post_call_transcription');
    const conversation = await elevenLabs.getConversation(conversationId);

    expect(event.data.transcript).toContainEqual(
      expect.objectContaining({
        message: null,
        tool_calls: [expect.objectContaining({ tool_name: 'voicemail_detection' })],
      }),
    );
    expect(conversation.transcript.every((turn) => typeof turn.message === 'string')).toBe(true);
    expect(conversation.toolNames).toEqual(['voicemail_detection']);
  });
});

describe('webhook faults', () => {
  it('drop: the transcription never comes; the audio still does', async () => {
    const { conversationId } = await callFamily(familyPhone, elevenLabs);
    await faults.inject({
      operation: 'webhook',
      fault: { kind: 'drop' },
      match: { conversationId, eventType: 'post_call_transcription' },
    });

    await receiver.waitFor(conversationId, 'post_call_audio');
    await new Promise((done) => setTimeout(done, 300));

    expect(receiver.about(conversationId, 'post_call_transcription')).toEqual([]);
  });

  it('duplicate: the same signed transcription arrives twice', async () => {
    const { conversationId } = await callFamily();
    await faults.inject({
      operation: 'webhook',
      fault: { kind: 'duplicate' },
      match: { conversationId, eventType: 'post_call_transcription' },
    });

    await eventually('two transcriptions', async () =>
      receiver.about(conversationId, 'post_call_transcription').length === 2 ? true : undefined,
    );
    const [first, second] = receiver.about(conversationId, 'post_call_transcription');

    expect(second?.body).toBe(first?.body);
    expect(() =>
      verifyElevenLabsSignature(second?.body ?? '', second?.signature, webhookSecret),
    ).not.toThrow();
  });

  it('reorder: the audio arrives before the transcription', async () => {
    const { conversationId } = await callFamily();
    await faults.inject({
      operation: 'webhook',
      fault: { kind: 'reorder' },
      match: { conversationId },
    });

    await receiver.waitFor(conversationId, 'post_call_transcription');

    expect(receiver.about(conversationId).map(({ event }) => event.type)).toEqual([
      'post_call_audio',
      'post_call_transcription',
    ]);
  });

  it('delay: a late transcription is signed when it is sent, and verifies', async () => {
    const { conversationId } = await callFamily(testNumbers.busy);
    await faults.inject({
      operation: 'webhook',
      fault: { kind: 'delay', seconds: 2 },
      match: { conversationId },
    });

    const { body, signature, event, receivedAt } = await receiver.waitFor(
      conversationId,
      'call_initiation_failure',
    );
    const signedAt = Number(/t=(\d+)/.exec(signature ?? '')?.[1]);

    expect(receivedAt - event.event_timestamp * 1000).toBeGreaterThanOrEqual(1_500);
    expect(signedAt).toBeGreaterThanOrEqual(event.event_timestamp + 1);
    expect(() => verifyElevenLabsSignature(body, signature, webhookSecret)).not.toThrow();
  });

  it('extra-fields: unknown keys on every object of the webhook', async () => {
    const { conversationId } = await callFamily(testNumbers.busy);
    await faults.inject({
      operation: 'webhook',
      fault: { kind: 'extra-fields' },
      match: { conversationId },
    });

    const { event } = await receiver.waitFor(conversationId, 'call_initiation_failure');

    expect(event).toMatchObject({
      emulator_new_field: expect.any(String),
      data: { failure_reason: 'busy', emulator_new_field: expect.any(String) },
    });
  });

  it('drop-fields: the named fields are missing from the webhook body', async () => {
    const { conversationId } = await callFamily();
    await faults.inject({
      operation: 'webhook',
      fault: {
        kind: 'drop-fields',
        paths: ['data.analysis', 'data.metadata.phone_call.stream_sid'],
      },
      match: { conversationId, eventType: 'post_call_transcription' },
    });

    const { event } = await receiver.waitFor(conversationId, 'post_call_transcription');

    expect(event.data).not.toHaveProperty('analysis');
    expect(event.data).toMatchObject({ metadata: { phone_call: { call_result: 'answered' } } });
  });
});

describe('the fault control', () => {
  it('lists every call placed, so a test can prove none rang twice', async () => {
    const dialMarker = newMarker();
    await callFamily(testNumbers.busy, elevenLabs, dialMarker);

    const calls = await faults.placedCalls();

    expect(calls.filter((call) => call.dialMarker === dialMarker)).toHaveLength(1);
    expect(calls.every((call) => call.placedAt <= new Date().toISOString())).toBe(true);
  });
});
