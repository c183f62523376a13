import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createElevenLabsAdapter,
  createElevenLabsClient,
  type ElevenLabsAdapter,
  ElevenLabsRequestError,
} from '../../functions/adapters/elevenlabs.ts';
import type { SantaCallVariables } from '../../functions/agent/dynamic-variables.ts';
import {
  santaAgent,
  santaMaxCallSeconds,
  santaVoiceId,
} from '../../functions/agent/santa-agent.ts';
import { syncSantaAgent } from '../../functions/agent/sync-agent.ts';
import { verifyElevenLabsSignature } from '../../functions/webhooks/elevenlabs-signature.ts';
import {
  type RunningElevenLabsEmulator,
  startElevenLabsEmulator,
} from '../../local/elevenlabs/emulator.ts';
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

const emma: SantaCallVariables = {
  child_name: 'Emma',
  child_age: 7,
  child_gender: 'girl',
  child_info_text: 'Loves drawing reindeer.',
  child_info_voice_transcript: '',
  gift_budget: '50 US dollars',
  call_local_time: 'Tuesday 24 December, 5:30 PM',
};

interface WebhookEvent {
  type: string;
  event_timestamp: number;
  data: Record<string, unknown> & { conversation_id: string };
}

interface Delivery {
  readonly body: string;
  readonly signature: string | undefined;
  readonly event: WebhookEvent;
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
      const delivery = { body, signature: req.headers['elevenlabs-signature'] as string, event };
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

function adapterFor(url: string, env: Record<string, string> = {}): ElevenLabsAdapter {
  return createElevenLabsAdapter({
    ELEVENLABS_API_KEY: apiKey,
    ELEVENLABS_API_BASE_URL: url,
    ELEVENLABS_AGENT_ID: agentId,
    ELEVENLABS_PHONE_NUMBER_ID: 'phnum_test',
    ...env,
  });
}

function callFamily(toNumber = familyPhone, adapter = elevenLabs) {
  return adapter.placeOutboundCall({ toNumber, dynamicVariables: emma });
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
      elevenLabs.placeOutboundCall({ toNumber: familyPhone, dynamicVariables: withExtra }),
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
