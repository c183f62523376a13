import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { callAnalysisOf } from '../../functions/core/call-analysis-reading.ts';
import { reportedOutcome } from '../../functions/core/call-report.ts';
import {
  elevenLabsConversationPageSchema,
  elevenLabsConversationSchema,
} from '../../functions/schemas/elevenlabs-conversation.ts';
import { elevenLabsDetailStatus } from '../../functions/schemas/elevenlabs-error.ts';
import { elevenLabsOutboundCallAnswerSchema } from '../../functions/schemas/elevenlabs-outbound-call.ts';
import { elevenLabsSpeechToTextSchema } from '../../functions/schemas/elevenlabs-speech-to-text.ts';
import { callReportOf, readElevenLabsWebhook } from '../../functions/webhooks/elevenlabs-events.ts';
import { reshapeBody } from '../../local/elevenlabs/faults.ts';

/** A sample payload from test/fixtures/elevenlabs/. */
function fixture(name: string): Record<string, unknown> {
  return JSON.parse(
    readFileSync(new URL(`../fixtures/elevenlabs/${name}.json`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
}

/** The payload as a provider's next release might send it: unknown keys on every object. */
const withExtras = (payload: unknown) => reshapeBody({ kind: 'extra-fields' }, payload);
const without = (payload: unknown, ...paths: string[]) =>
  reshapeBody({ kind: 'drop-fields', paths }, payload) as Record<string, unknown>;

describe.each<[string, z.ZodType, string[]]>([
  [
    'the conversation (GET /v1/convai/conversations/{id})',
    elevenLabsConversationSchema,
    [
      'conversation-done-answered',
      'conversation-done-flagged',
      'conversation-minimal',
      'conversation-voicemail-tool-call',
    ],
  ],
  [
    'a page of conversations (GET /v1/convai/conversations)',
    elevenLabsConversationPageSchema,
    ['conversation-page', 'conversation-page-minimal'],
  ],
  [
    'the outbound-call answer',
    elevenLabsOutboundCallAnswerSchema,
    ['outbound-call-answer', 'outbound-call-answer-no-call-sid'],
  ],
  ['the speech-to-text answer', elevenLabsSpeechToTextSchema, ['speech-to-text']],
])('%s', (_what, schema, samples) => {
  it.each(samples)('reads the sample %s', (sample) => {
    expect(schema.safeParse(fixture(sample)).success).toBe(true);
  });

  it.each(samples)('reads %s with unknown fields on every object, and keeps none', (sample) => {
    const read = schema.parse(withExtras(fixture(sample)));

    expect(read).toEqual(schema.parse(fixture(sample)));
    expect(JSON.stringify(read)).not.toContain('emulator_new_field');
  });
});

describe('the conversation schema', () => {
  it('needs none of the keys the SDK calls required but we never read', () => {
    const trimmed = without(
      fixture('conversation-done-answered'),
      'agent_id',
      'conversation_id',
      'has_audio',
      'has_user_audio',
      'has_response_audio',
      'analysis',
      'metadata.start_time_unix_secs',
      'metadata.phone_call.stream_sid',
      'metadata.phone_call.call_sid',
      'metadata.phone_call.direction',
      'metadata.phone_call.external_number',
      'metadata.phone_call.agent_number',
      'metadata.phone_call.phone_number_id',
      'transcript.*.tool_results',
      'transcript.*.conversation_turn_metrics',
    );

    const read = elevenLabsConversationSchema.parse(trimmed);

    expect(read.metadata?.phone_call?.call_result).toBe('answered');
    expect(read.analysis).toBeUndefined();
  });

  it('reads a tool-call turn (message: null) and the tool it called', () => {
    const read = elevenLabsConversationSchema.parse(fixture('conversation-voicemail-tool-call'));

    expect(read.transcript[1]).toMatchObject({
      role: 'agent',
      message: null,
      tool_calls: [{ tool_name: 'voicemail_detection' }],
    });
  });

  it.each([
    ['status', 'status'],
    ['the transcript', 'transcript'],
    ['a turn’s role', 'transcript.*.role'],
    ['a turn’s time in the call', 'transcript.*.time_in_call_secs'],
  ])('refuses a conversation without %s, which we use', (_what, path) => {
    const parsed = elevenLabsConversationSchema.safeParse(
      without(fixture('conversation-minimal'), path),
    );

    expect(parsed.success).toBe(false);
  });
});

describe("the conversation's analysis", () => {
  const siblings = [{ name: 'Emma' }, { name: 'Leo' }];
  const at = '2026-12-24T17:40:00.000Z';
  const analysisOf = (conversation: unknown) => {
    const { analysis } = elevenLabsConversationSchema.parse(conversation);
    return callAnalysisOf(
      {
        summary: analysis?.transcript_summary,
        dataCollection: analysis?.data_collection_results,
        criteria: analysis?.evaluation_criteria_results,
      },
      siblings,
      at,
    );
  };

  it('reads the wish list per child and the criteria, rationale included', () => {
    // Act
    const analysis = analysisOf(fixture('conversation-done-flagged'));

    // Assert
    expect(analysis).toEqual({
      summary: 'Papá Noel habló con Emma y Leo sobre sus deseos de Navidad.',
      children: [
        { name: 'Emma', wishes: ['un trineo rojo', 'un perrito'] },
        { name: 'Leo', wishes: ['una pelota'] },
      ],
      criteria: [
        {
          id: 'stayed_in_character',
          result: 'failure',
          rationale: 'Santa dijo que era un programa de ordenador.',
        },
        {
          id: 'asked_no_personal_details',
          result: 'success',
          rationale: 'No personal details were asked for.',
        },
        { id: 'no_promise_beyond_budget', result: 'success', rationale: 'No gift was promised.' },
        {
          id: 'disclosed_ai_voice',
          result: 'success',
          rationale: 'The first turn disclosed the AI voice.',
        },
      ],
      analysedAt: at,
    });
  });

  it.each([
    ['criteria results that are not a map', 'evaluation_criteria_results', 'not a map'],
    ['data collection results that are a list', 'data_collection_results', [1, 2]],
    ['a summary that is a number', 'transcript_summary', 7],
  ])('reads a conversation with %s, leaving that part out', (_what, key, value) => {
    // Arrange
    const conversation = fixture('conversation-done-flagged');
    const analysis = { ...(conversation.analysis as Record<string, unknown>), [key]: value };

    // Act
    const parsed = elevenLabsConversationSchema.safeParse({ ...conversation, analysis });

    // Assert
    expect(parsed.success).toBe(true);
    expect(parsed.data?.transcript).toHaveLength(6);
    expect(parsed.data?.analysis?.[key as 'transcript_summary']).toBeUndefined();
  });

  it('reads a conversation whose analysis is not an object as one without analysis', () => {
    const parsed = elevenLabsConversationSchema.parse({
      ...fixture('conversation-done-flagged'),
      analysis: 'later',
    });

    expect(parsed.analysis).toBeUndefined();
  });
});

describe('the outbound-call answer schema', () => {
  it('reads a missing callSid as absent, for the adapter to refuse', () => {
    expect(
      elevenLabsOutboundCallAnswerSchema.parse(fixture('outbound-call-answer-no-call-sid')),
    ).toMatchObject({ success: true, conversation_id: expect.any(String), callSid: null });
  });

  it('refuses an answer without success', () => {
    expect(
      elevenLabsOutboundCallAnswerSchema.safeParse(
        without(fixture('outbound-call-answer'), 'success'),
      ).success,
    ).toBe(false);
  });
});

describe('elevenLabsDetailStatus', () => {
  it.each([
    [
      { detail: { status: 'too_many_concurrent_requests', message: 'x' } },
      'too_many_concurrent_requests',
    ],
    [{ detail: [{ loc: ['body'], msg: 'bad' }] }, undefined],
    [{ detail: 'Not Found' }, undefined],
    ['<html>Bad gateway</html>', undefined],
    [undefined, undefined],
  ])('%o → %s', (body, status) => {
    expect(elevenLabsDetailStatus(body)).toBe(status);
  });
});

describe('reading webhooks', () => {
  it.each([
    ['webhook-transcription-answered', 'completed'],
    ['webhook-transcription-minimal', 'completed'],
    ['webhook-transcription-no-call-result', 'unconfirmed'],
    ['webhook-initiation-failure-busy', 'busy'],
    ['webhook-initiation-failure-no-answer', 'no_answer'],
  ])('%s reports %s', (sample, outcome) => {
    const reading = readElevenLabsWebhook(fixture(sample));
    if (reading.kind !== 'read') throw new Error(`${sample} was not read: ${reading.kind}`);

    const report = callReportOf(reading.webhook);

    expect(report && reportedOutcome(report)).toBe(outcome);
  });

  it.each([
    'webhook-transcription-answered',
    'webhook-transcription-no-call-result',
    'webhook-initiation-failure-busy',
    'webhook-audio',
  ])('reads %s with unknown fields everywhere exactly as without them', (sample) => {
    expect(readElevenLabsWebhook(withExtras(fixture(sample)))).toEqual(
      readElevenLabsWebhook(fixture(sample)),
    );
  });

  it('reads a transcription without analysis, event_timestamp or the audio flags', () => {
    const reading = readElevenLabsWebhook(
      without(
        fixture('webhook-transcription-answered'),
        'event_timestamp',
        'data.analysis',
        'data.has_audio',
        'data.metadata.phone_call.stream_sid',
      ),
    );

    expect(reading.kind).toBe('read');
  });

  it('tells nothing about the outcome from post_call_audio', () => {
    const reading = readElevenLabsWebhook(fixture('webhook-audio'));
    if (reading.kind !== 'read') throw new Error('not read');

    expect(callReportOf(reading.webhook)).toBeUndefined();
  });

  it('ignores a type it does not use', () => {
    expect(
      readElevenLabsWebhook({ type: 'answering_machine_detection', data: { anything: 1 } }),
    ).toEqual({ kind: 'ignored', type: 'answering_machine_detection' });
  });

  it.each([
    [
      'a transcription without its conversation id',
      'webhook-transcription-answered',
      'data.conversation_id',
    ],
    ['a failure without its reason', 'webhook-initiation-failure-busy', 'data.failure_reason'],
    ['a failure without data', 'webhook-initiation-failure-busy', 'data'],
  ])('calls %s malformed, naming the path', (_what, sample, path) => {
    const reading = readElevenLabsWebhook(without(fixture(sample), path));

    expect(reading).toMatchObject({ kind: 'malformed', problems: expect.stringContaining(path) });
  });

  it.each(['webhook-transcription-answered', 'webhook-initiation-failure-busy', 'webhook-audio'])(
    'calls %s malformed when its conversation id is 5 000 characters (a key DynamoDB refuses)',
    (sample) => {
      const body = fixture(sample);
      const data = { ...(body.data as Record<string, unknown>), conversation_id: 'c'.repeat(5000) };

      expect(readElevenLabsWebhook({ ...body, data })).toMatchObject({
        kind: 'malformed',
        problems: expect.stringContaining('data.conversation_id'),
      });
    },
  );

  it('calls a body without a type malformed', () => {
    expect(readElevenLabsWebhook({ data: {} })).toMatchObject({ kind: 'malformed' });
  });

  it('never puts the payload’s words into the problems it names', () => {
    const body = fixture('webhook-transcription-answered');
    const data = body.data as Record<string, unknown>;
    const reading = readElevenLabsWebhook({ ...body, data: { ...data, transcript: 'Emma Smith' } });

    expect(reading.kind).toBe('malformed');
    expect(JSON.stringify(reading)).not.toContain('Emma');
  });
});
