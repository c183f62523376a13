/**
 * "What the call sounds like": a short greeting in Santa's voice, played on the landing page.
 * One text, spoken by ElevenLabs text-to-speech with the agent's voice (`npm run agent:sync`,
 * `functions/agent/santa-sample.ts`) or by the local emulator's voice, and shown beside the
 * player as its transcript — so what a parent hears and reads cannot differ.
 */
export const santaSampleText =
  "Ho ho ho! Hello, Maya, it's Santa, calling all the way from the North Pole! The elves tell me you have been so kind to your little brother. What are you wishing for this Christmas?";

/** Where the site serves the sample: a key in the site bucket, the same path locally. */
export const santaSampleKey = 'media/santa-sample.mp3';
export const santaSamplePath = `/${santaSampleKey}`;
