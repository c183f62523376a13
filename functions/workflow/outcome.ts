import type { ConversationSummary } from '../adapters/elevenlabs.ts';
import type { CallOutcome } from './run-input.ts';

/**
 * What a conversation's state says about the call, for when no webhook came. A conversation
 * still in progress long after the call's time limit is treated as failed.
 */
export function outcomeOfConversation(conversation: ConversationSummary): CallOutcome {
  switch (conversation.callResult) {
    case 'voicemail':
      return 'voicemail';
    case 'busy':
      return 'busy';
    case 'no_answer':
      return 'no_answer';
    case 'failed':
      return 'failed';
    default:
      return conversation.status === 'done' && conversation.transcript.length > 0
        ? 'completed'
        : 'failed';
  }
}
