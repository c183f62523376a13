import { describe, expect, it } from 'vitest';
import {
  type CallFacts,
  type CallTurn,
  outcomeOfConversation,
  reportedOutcome,
} from '../../functions/core/call-report.ts';

const santa = (message: string | null = 'Ho ho ho! Is that Emma?'): CallTurn => ({
  role: 'agent',
  message,
});
const child = (message: string | null = 'Hi Santa!'): CallTurn => ({ role: 'user', message });
/** A turn that only calls a tool, as ElevenLabs writes it: no words. */
const toolTurn: CallTurn = { role: 'agent', message: null };

const facts = (overrides: Partial<CallFacts> = {}): CallFacts => ({
  transcript: [santa(), child()],
  toolNames: [],
  ...overrides,
});

describe('reportedOutcome of a call_initiation_failure webhook', () => {
  it.each([
    ['busy', 'busy'],
    ['no-answer', 'no_answer'],
    ['no_answer', 'no_answer'],
    ['unknown', 'failed'],
    ['a reason ElevenLabs adds later', 'failed'],
  ])('failure_reason %s → %s', (failureReason, outcome) => {
    expect(reportedOutcome({ source: 'initiation_failure', failureReason })).toBe(outcome);
  });
});

describe('reportedOutcome of a post_call_transcription webhook', () => {
  it.each<[string, string, Partial<CallFacts>]>([
    ['call_result answered, the child spoke', 'completed', { callResult: 'answered' }],
    ['call_result voicemail', 'voicemail', { callResult: 'voicemail' }],
    ['call_result busy', 'busy', { callResult: 'busy' }],
    ['call_result no_answer', 'no_answer', { callResult: 'no_answer' }],
    ['call_result no-answer (hyphen)', 'no_answer', { callResult: 'no-answer' }],
    ['call_result failed', 'failed', { callResult: 'failed' }],
    ['no call_result, though the child spoke', 'unconfirmed', {}],
    ['no call_result and no transcript', 'unconfirmed', { transcript: [] }],
    ['a call_result ElevenLabs adds later', 'unconfirmed', { callResult: 'screened' }],
    [
      'answered, but the agent called voicemail_detection',
      'voicemail',
      { callResult: 'answered', toolNames: ['voicemail_detection'] },
    ],
    [
      'answered, but the termination reason says voicemail',
      'voicemail',
      { callResult: 'answered', terminationReason: 'Voicemail detected' },
    ],
    [
      'answered, with tool-call turns (message: null) among the words',
      'completed',
      { callResult: 'answered', transcript: [santa(), toolTurn, child()], toolNames: ['end_call'] },
    ],
  ])('%s → %s', (_case, outcome, overrides) => {
    expect(reportedOutcome({ source: 'transcription', ...facts(overrides) })).toBe(outcome);
  });
});

describe('reportedOutcome of a conversation', () => {
  it.each<[string, string, string, Partial<CallFacts>]>([
    ['still ringing', 'initiated', 'in_progress', {}],
    ['talking', 'in-progress', 'in_progress', {}],
    ['being analysed', 'processing', 'in_progress', {}],
    ['a status ElevenLabs adds later', 'queued', 'in_progress', {}],
    ['failed, nothing more said', 'failed', 'failed', { transcript: [] }],
    ['failed as busy', 'failed', 'busy', { callResult: 'busy', transcript: [] }],
    ['failed unanswered', 'failed', 'no_answer', { callResult: 'no_answer', transcript: [] }],
    ['failed even though "answered"', 'failed', 'failed', { callResult: 'answered' }],
    ['done and answered', 'done', 'completed', { callResult: 'answered' }],
    ['done at a voicemail', 'done', 'voicemail', { callResult: 'voicemail' }],
    ['done busy', 'done', 'busy', { callResult: 'busy' }],
    ['done no_answer', 'done', 'no_answer', { callResult: 'no_answer' }],
    ['done failed', 'done', 'failed', { callResult: 'failed' }],
    ['done, no call_result, the child spoke', 'done', 'completed', {}],
    [
      'done, no call_result, the child spoke between tool-call turns',
      'done',
      'completed',
      { transcript: [toolTurn, santa(), child(), toolTurn], toolNames: ['end_call'] },
    ],
    [
      'done, no call_result, only Santa spoke',
      'done',
      'voicemail',
      { transcript: [santa(), santa('Hello? Anyone there?')] },
    ],
    ['done, no call_result, no transcript', 'done', 'voicemail', { transcript: [] }],
    [
      'done, no call_result, the user turns are empty or tool calls',
      'done',
      'voicemail',
      { transcript: [santa(), child('   '), child(null), toolTurn] },
    ],
    [
      'done, no call_result, the agent called voicemail_detection',
      'done',
      'voicemail',
      { toolNames: ['voicemail_detection'] },
    ],
    [
      'done, no call_result, terminated at an answering machine',
      'done',
      'voicemail',
      { terminationReason: 'Answering machine detected' },
    ],
    [
      'done, no call_result, the summary says voicemail',
      'done',
      'voicemail',
      { transcriptSummary: 'The call reached a voice mail box.' },
    ],
    [
      'done, answered, but the summary says voicemail',
      'done',
      'voicemail',
      { callResult: 'answered', transcriptSummary: 'The call went to voicemail.' },
    ],
  ])('%s (%s) → %s', (_case, status, outcome, overrides) => {
    expect(reportedOutcome({ source: 'conversation', status, ...facts(overrides) })).toBe(outcome);
  });

  it('outcomeOfConversation is the same rule, for a conversation summary', () => {
    const conversation = { status: 'done', ...facts({ transcript: [santa()] }) };

    expect(outcomeOfConversation(conversation)).toBe(
      reportedOutcome({ source: 'conversation', ...conversation }),
    );
    expect(outcomeOfConversation(conversation)).toBe('voicemail');
  });
});

describe('a voicemail is never completed', () => {
  const voicemailSigns: Partial<CallFacts>[] = [
    { callResult: 'voicemail' },
    { toolNames: ['voicemail_detection'] },
    { terminationReason: 'voicemail' },
    { transcriptSummary: 'Reached an answering-machine.' },
  ];
  const sources = ['transcription', 'done', 'failed', 'in-progress'] as const;
  /** What each report must say: a voicemail (tried again later) once over, else still going. */
  const expectedOf: Record<(typeof sources)[number], string> = {
    transcription: 'voicemail',
    done: 'voicemail',
    failed: 'voicemail',
    'in-progress': 'in_progress',
  };

  it.each(sources.flatMap((source) => voicemailSigns.map((sign) => [source, sign] as const)))(
    '%s with %o',
    (source, sign) => {
      const report =
        source === 'transcription'
          ? reportedOutcome({ source, ...facts({ callResult: 'answered', ...sign }) })
          : reportedOutcome({
              source: 'conversation',
              status: source,
              ...facts({ callResult: 'answered', ...sign }),
            });

      expect(report).not.toBe('completed');
      expect(report).toBe(expectedOf[source]);
    },
  );
});
