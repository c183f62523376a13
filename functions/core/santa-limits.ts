/**
 * The Santa agent's hard cap on a call, seconds: ElevenLabs ends the conversation at this
 * length (`conversation.max_duration_seconds`), so it also bounds how long a call holds a line
 * (`core/instant-capacity.ts`). Apart from the agent definition, so sales need no SDK types.
 */
export const santaMaxCallSeconds = 300;
