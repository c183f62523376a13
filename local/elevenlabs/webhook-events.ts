import { agentNumber, conversationView, type StoredConversation } from './conversation.ts';

export type WebhookEventType =
  | 'post_call_transcription'
  | 'post_call_audio'
  | 'call_initiation_failure';

/** The envelope of every ElevenLabs post-call webhook. */
export interface WebhookEvent {
  readonly type: WebhookEventType;
  /** Unix seconds. */
  readonly event_timestamp: number;
  readonly data: Record<string, unknown>;
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

/** Sent when a call has ended and been analysed — answered calls and voicemails alike. */
export function transcriptionEvent(conversation: StoredConversation): WebhookEvent {
  return {
    type: 'post_call_transcription',
    event_timestamp: now(),
    data: conversationView(conversation),
  };
}

/** The whole recording, base64 MP3: documented, large, and not what CallSanta relies on. */
export function audioEvent(conversation: StoredConversation, mp3: Buffer): WebhookEvent {
  return {
    type: 'post_call_audio',
    event_timestamp: now(),
    data: {
      agent_id: conversation.agent_id,
      conversation_id: conversation.conversation_id,
      full_audio: mp3.toString('base64'),
    },
  };
}

const twilioStatus = {
  busy: { CallStatus: 'busy', SipResponseCode: '486' },
  'no-answer': { CallStatus: 'no-answer', SipResponseCode: '487' },
  unknown: { CallStatus: 'failed', SipResponseCode: '500' },
} as const;

/**
 * Sent when the phone never connected. It carries the conversation id and Twilio's status
 * callback, and — unlike the transcription — none of the call's dynamic variables.
 */
export function initiationFailureEvent(
  conversation: StoredConversation,
  failureReason: 'busy' | 'no-answer' | 'unknown',
): WebhookEvent {
  return {
    type: 'call_initiation_failure',
    event_timestamp: now(),
    data: {
      agent_id: conversation.agent_id,
      conversation_id: conversation.conversation_id,
      failure_reason: failureReason,
      metadata: {
        type: 'twilio',
        body: {
          ...twilioStatus[failureReason],
          CallSid: conversation.call_sid,
          AccountSid: 'ACemulatedlocal00000000000000000',
          From: agentNumber,
          To: conversation.to_number,
          Called: conversation.to_number,
          Direction: 'outbound-api',
          ApiVersion: '2010-04-01',
          CallbackSource: 'call-progress-events',
          Timestamp: new Date().toUTCString(),
          SequenceNumber: '2',
        },
      },
    },
  };
}
