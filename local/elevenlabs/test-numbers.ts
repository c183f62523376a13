/** How a simulated call goes. */
export type CallOutcome =
  | 'answered'
  | 'answered-briefly'
  | 'busy'
  | 'no-answer'
  | 'voicemail'
  | 'never-reports';

/**
 * The emulator's test phone numbers (all valid US numbers in the 555-01xx range kept for
 * fiction), documented in the README. Any other number answers and talks to Santa.
 */
export const testNumbers = {
  busy: '+14155550101',
  noAnswer: '+14155550102',
  voicemail: '+14155550103',
  /** The call "connects" and then ElevenLabs never reports back: no webhook, ever. */
  neverReports: '+14155550104',
  /** Busy on its first three calls, answered from the fourth: the workflow's retry path. */
  busyThreeTimes: '+14155550105',
  /** The first call request fails with HTTP 503 (a provider blip); later ones answer. */
  unavailableOnce: '+14155550106',
  /**
   * Answered, and over in a few seconds: a greeting and a goodbye. For tests that wait on what
   * follows a call of real length — its video is rendered frame by frame — but not on its talk.
   */
  brief: '+14155550107',
  /**
   * Answered, and Santa breaks character before the goodbye: the call's analysis fails the
   * `stayed_in_character` criterion (local/elevenlabs/analysis.ts), so the call is flagged.
   */
  breaksCharacter: '+14155550108',
} as const;

/** Whether `toNumber` is one of the test numbers above (a call plan never shapes those). */
export function isTestNumber(toNumber: string): boolean {
  return (Object.values(testNumbers) as string[]).includes(toNumber);
}

/** Whether a request to call `toNumber` fails as if ElevenLabs were briefly down. */
export function isUnavailableFor(toNumber: string, earlierCalls: number): boolean {
  return toNumber === testNumbers.unavailableOnce && earlierCalls === 0;
}

const busyCallsBeforeAnswer = 3;

/** The outcome of a call to `toNumber`, given how many calls that number had before this one. */
export function outcomeFor(toNumber: string, earlierCalls: number): CallOutcome {
  switch (toNumber) {
    case testNumbers.busy:
      return 'busy';
    case testNumbers.noAnswer:
      return 'no-answer';
    case testNumbers.voicemail:
      return 'voicemail';
    case testNumbers.neverReports:
      return 'never-reports';
    case testNumbers.brief:
      return 'answered-briefly';
    case testNumbers.busyThreeTimes:
      return earlierCalls < busyCallsBeforeAnswer ? 'busy' : 'answered';
    default:
      return 'answered';
  }
}
