import { describe, expect, it } from 'vitest';
import {
  createElevenLabsAdapter,
  ElevenLabsCallUnconfirmedError,
  ElevenLabsRequestError,
  elevenLabsTimeoutsMs,
} from '../../functions/adapters/elevenlabs.ts';
import { santaCallVariables } from '../../functions/workflow/call-variables.ts';
import { workflowTaskFunctions } from '../../functions/workflow/task-functions.ts';

/** What `lib/house-function.ts` gives a function that names no timeout. */
const houseDefaultTimeoutSeconds = 10;

const lambdaTimeoutMs = (task: string) => {
  const definition = workflowTaskFunctions.find((f) => f.name === task);
  if (!definition) throw new Error(`No workflow task ${task}`);
  return (definition.timeoutSeconds ?? houseDefaultTimeoutSeconds) * 1000;
};

describe('the ElevenLabs request timeouts', () => {
  it.each<[keyof typeof elevenLabsTimeoutsMs, string]>([
    ['outboundCall', 'PlaceCall'],
    ['dialLookUp', 'PlaceCall'],
    ['conversationList', 'PlaceCall'],
    ['conversation', 'PlaceCall'],
    ['conversation', 'CheckConversation'],
    ['conversation', 'SaveCallRecords'],
    ['audio', 'SaveCallRecords'],
    ['speechToText', 'TranscribeVoiceNote'],
  ])('%s is at most half of the %s Lambda’s timeout', (request, task) => {
    expect(elevenLabsTimeoutsMs[request] * 2).toBeLessThanOrEqual(lambdaTimeoutMs(task));
  });

  it('leaves PlaceCall room for a dial and a look-up in one run', () => {
    const worst = elevenLabsTimeoutsMs.outboundCall + elevenLabsTimeoutsMs.dialLookUp;

    expect(worst).toBeLessThanOrEqual(lambdaTimeoutMs('PlaceCall') * 0.8);
  });

  it('are all far below the SDK’s 240 s default', () => {
    expect(Math.max(...Object.values(elevenLabsTimeoutsMs))).toBeLessThan(60_000);
  });
});

describe('ElevenLabs errors', () => {
  it.each([
    [429, 'ElevenLabsTooManyRequests'],
    [400, 'ElevenLabsRequestRejected'],
    [401, 'ElevenLabsRequestRejected'],
    [404, 'ElevenLabsRequestRejected'],
    [422, 'ElevenLabsRequestRejected'],
    [408, 'ElevenLabsUnavailable'],
    [500, 'ElevenLabsUnavailable'],
    [503, 'ElevenLabsUnavailable'],
    [undefined, 'ElevenLabsUnavailable'],
  ])('HTTP %s is named %s', (status, name) => {
    expect(new ElevenLabsRequestError('outbound call', status, undefined).name).toBe(name);
  });

  it('an unconfirmed call is named ElevenLabsCallUnconfirmed and carries the conversation id', () => {
    const error = new ElevenLabsCallUnconfirmedError('conv_1', 'the answer had no callSid.');

    expect(error).toBeInstanceOf(ElevenLabsRequestError);
    expect(error).toMatchObject({
      name: 'ElevenLabsCallUnconfirmed',
      conversationId: 'conv_1',
      message:
        'ElevenLabs outbound call failed with HTTP 200 (not_confirmed): the answer had no callSid.',
    });
  });
});

describe('placeOutboundCall', () => {
  const adapter = createElevenLabsAdapter({
    ELEVENLABS_API_KEY: 'xi_unused',
    // Nothing listens here: a marker refused before any request never reaches it.
    ELEVENLABS_API_BASE_URL: 'http://127.0.0.1:9',
    ELEVENLABS_AGENT_ID: 'agent_x',
    ELEVENLABS_PHONE_NUMBER_ID: 'phnum_x',
  });
  const emma = santaCallVariables(
    { childName: 'Emma', childAge: 7, giftBudget: 50, currency: 'usd', timezone: 'Europe/London' },
    new Date(),
  );

  it.each([
    ['a phone number', '+14155552671'],
    ['an email', 'parent@example.com'],
    ['a name with spaces', 'Emma Smith'],
    ['nothing', ''],
  ])('refuses a dial marker that is %s, before any request', async (_what, dialMarker) => {
    await expect(
      adapter.placeOutboundCall({ toNumber: '+14155552671', dynamicVariables: emma, dialMarker }),
    ).rejects.toThrow(/dial marker must be an id/);
  });
});
