import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as serialization from '@elevenlabs/elevenlabs-js/serialization/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createElevenLabsAdapter,
  type ElevenLabsAdapter,
  ElevenLabsRequestError,
} from '../../functions/adapters/elevenlabs.ts';
import { createElevenLabsClient } from '../../functions/agent/elevenlabs-client.ts';
import { santaLanguageOverride } from '../../functions/agent/language-override.ts';
import { syncSantaAgent } from '../../functions/agent/sync-agent.ts';
import { languageOf } from '../../functions/core/languages.ts';
import {
  type CallVariablesSource,
  santaCallVariables,
} from '../../functions/workflow/call-variables.ts';
import {
  type RunningElevenLabsEmulator,
  startElevenLabsEmulator,
} from '../../local/elevenlabs/emulator.ts';
import { eventually } from './support/local-cloud.ts';

/**
 * A booking's call as the workflow places it (PlaceCall: `santaCallVariables` and
 * `santaLanguageOverride` through the real adapter) reaching the ElevenLabs emulator, with the
 * Santa agent synced there as `npm run agent:sync` does: the language, the first message and
 * the children's names arrive, and the emulated call speaks to each child in turn.
 */

const apiKey = 'xi_languages_key';
const familyPhone = '+14155552671';

const spanishSiblings: CallVariablesSource = {
  childName: 'Lucía',
  childAge: 8,
  children: [
    { name: 'Lucía', age: 8, gender: 'girl', infoText: 'Le encantan los caballos.' },
    { name: 'Mateo', age: 5, gender: 'boy' },
  ],
  language: 'es',
  locale: 'es-ES',
  notesForSanta: {
    praise: 'Lucía aprendió a leer sola',
    people: [{ relation: 'pet', name: 'Max' }],
    avoidTopics: 'el abuelo',
  },
  giftBudget: 40,
  currency: 'eur',
  timezone: 'Europe/Madrid',
};

/** Made before siblings and languages: the flat fields only. */
const oldEnglishBooking: CallVariablesSource = {
  childName: 'Emma',
  childAge: 7,
  childGender: 'girl',
  giftBudget: 50,
  currency: 'usd',
  timezone: 'America/New_York',
};

const webhooks = createServer((_req, res) => res.writeHead(200).end());
let emulator: RunningElevenLabsEmulator;
let santa: ElevenLabsAdapter;
let dials = 0;

function adapterFor(agentId: string): ElevenLabsAdapter {
  return createElevenLabsAdapter({
    ELEVENLABS_API_KEY: apiKey,
    ELEVENLABS_API_BASE_URL: emulator.url,
    ELEVENLABS_AGENT_ID: agentId,
    ELEVENLABS_PHONE_NUMBER_ID: 'phnum_languages',
  });
}

/** Places the booking's call the way PlaceCall does. */
function placeCall(adapter: ElevenLabsAdapter, booking: CallVariablesSource, override = true) {
  const dynamicVariables = santaCallVariables(booking, new Date('2026-12-24T17:30:00Z'));
  return adapter.placeOutboundCall({
    toNumber: familyPhone,
    dynamicVariables,
    ...(override
      ? {
          languageOverride: santaLanguageOverride(
            dynamicVariables.call_language,
            dynamicVariables.child_count,
          ),
        }
      : {}),
    dialMarker: `booking-01JLANG${String(++dials).padStart(6, '0')}-a1`,
  });
}

async function finished(adapter: ElevenLabsAdapter, conversationId: string) {
  return eventually(`conversation ${conversationId} done`, async () => {
    const conversation = await adapter.getConversation(conversationId);
    return conversation.status === 'done' ? conversation : undefined;
  });
}

async function rawConversation(conversationId: string) {
  const response = await fetch(`${emulator.url}/v1/convai/conversations/${conversationId}`, {
    headers: { 'xi-api-key': apiKey },
  });
  return (await response.json()) as {
    conversation_initiation_client_data: {
      dynamic_variables: Record<string, unknown>;
      conversation_config_override?: unknown;
    };
  };
}

beforeAll(async () => {
  await new Promise<void>((done) => webhooks.listen(0, '127.0.0.1', done));
  emulator = await startElevenLabsEmulator({
    port: 0,
    dataDir: await mkdtemp(join(tmpdir(), 'callsanta-languages-')),
    webhookUrl: `http://127.0.0.1:${(webhooks.address() as AddressInfo).port}/api/webhooks/elevenlabs`,
    webhookSecret: 'wsec_languages',
    timeScale: 20,
    apiKey,
  });
  const client = createElevenLabsClient({
    ELEVENLABS_API_KEY: apiKey,
    ELEVENLABS_API_BASE_URL: emulator.url,
  });
  santa = adapterFor((await syncSantaAgent(client, undefined)).agentId);
});

afterAll(async () => {
  await emulator?.close();
  await new Promise((done) => webhooks.close(done));
});

describe('a call in the family’s language', () => {
  it('reaches Santa in Spanish for two children: the Spanish first message, both names, a turn each', async () => {
    const { conversationId } = await placeCall(santa, spanishSiblings);

    const { transcript } = await finished(santa, conversationId);
    const raw = await rawConversation(conversationId);
    const spoken = transcript.map((turn) => turn.message);

    expect(raw.conversation_initiation_client_data.conversation_config_override).toEqual(
      serialization.ConversationConfigClientOverrideInput.jsonOrThrow({
        agent: santaLanguageOverride('es', 2),
      }),
    );
    expect(raw.conversation_initiation_client_data.dynamic_variables).toMatchObject({
      child_count: 2,
      children_names: 'Lucía y Mateo',
      child_1_name: 'Lucía',
      child_2_name: 'Mateo',
      notes_people: 'Max (mascota)',
      call_language: 'es',
    });
    expect(spoken[0]).toBe(
      '¡Hola! Esta es una llamada automática de CallSanta, con una voz de inteligencia artificial que hace de Papá Noel, reservada para Lucía y Mateo. Si están cerca, por favor, páseles el teléfono o ponga el altavoz. ... ¡Jo, jo, jo! ¿Están ahí Lucía y Mateo?',
    );
    expect(spoken).toContain('¡Hola, Papá Noel! ¡Soy yo, Lucía!');
    expect(spoken).toContain('¡Hola, Papá Noel! ¡Soy yo, Mateo!');
    expect(spoken.findIndex((line) => line.includes('Mateo, te toca a ti'))).toBeGreaterThan(
      spoken.indexOf('¡Hola, Papá Noel! ¡Soy yo, Lucía!'),
    );
    expect(spoken.join(' ')).not.toMatch(/Ho ho ho|Merry Christmas/);
  });

  it('calls an old single-child booking in English, as before', async () => {
    const { conversationId } = await placeCall(santa, oldEnglishBooking);

    const { transcript } = await finished(santa, conversationId);

    expect(transcript[0]?.message).toBe(
      'Hello! This is an automated call from CallSanta, with an AI voice playing Santa Claus, booked for Emma. If Emma is nearby, please pass the phone over. ... Ho ho ho! Is that Emma?',
    );
    expect(transcript.map((turn) => turn.message)).toContain("Hi Santa! It's me, Emma!");
  });

  it('without an override, opens with the synced agent’s own first message, names filled', async () => {
    const { conversationId } = await placeCall(santa, oldEnglishBooking, false);

    const { transcript } = await finished(santa, conversationId);

    expect(transcript[0]?.message).toMatch(
      /^Hello! This is an automated call from CallSanta, .* booked for Emma\./,
    );
    expect(transcript[0]?.message).not.toContain('{{');
  });

  it('is refused, and nothing rings, when the agent does not allow the override', async () => {
    const created = await fetch(`${emulator.url}/v1/convai/agents/create`, {
      method: 'POST',
      headers: { 'xi-api-key': apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ conversation_config: { agent: { first_message: 'Hi' } } }),
    });
    const { agent_id } = (await created.json()) as { agent_id: string };

    const error = await placeCall(adapterFor(agent_id), spanishSiblings).then(
      () => undefined,
      (failure: unknown) => failure,
    );

    expect(error).toBeInstanceOf(ElevenLabsRequestError);
    expect(error).toMatchObject({ name: 'ElevenLabsRequestRejected', statusCode: 400 });
  });
});

describe('the voice note', () => {
  it('is transcribed in the booking’s language', async () => {
    const spanish = await santa.transcribeSpeech(
      Buffer.from('nota de voz'),
      'audio/webm',
      languageOf('es').speechToText,
    );
    const unsaid = await santa.transcribeSpeech(Buffer.from('voice note'), 'audio/webm');

    expect(spanish.languageCode).toBe('spa');
    expect(spanish.text).toMatch(/Le encanta dibujar renos/);
    expect(unsaid.languageCode).toBe('en');
    expect(unsaid.text).toMatch(/She loves drawing reindeer/);
  });
});
