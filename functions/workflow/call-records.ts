/** Where a call's records live in the recordings bucket: one prefix per booking. */
export const callRecordKeys = (bookingId: string) => ({
  transcript: `calls/${bookingId}/transcript.json`,
  audio: `calls/${bookingId}/audio.mp3`,
});

export interface StoredTranscript {
  readonly conversationId: string;
  readonly durationSecs: number;
  readonly turns: { role: 'santa' | 'child'; message: string; timeInCallSecs: number }[];
}
