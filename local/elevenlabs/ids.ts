import { randomBytes, randomInt } from 'node:crypto';

const alphanumeric = '0123456789abcdefghijklmnopqrstuvwxyz';

function randomText(length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += alphanumeric[randomInt(alphanumeric.length)];
  return text;
}

/** Ids shaped like ElevenLabs' own (`conv_…`, `agent_…`) and Twilio's (`CA` + 32 hex). */
export const newIds = {
  conversation: () => `conv_${randomText(26)}`,
  agent: () => `agent_${randomText(26)}`,
  callSid: () => `CA${randomBytes(16).toString('hex')}`,
  streamSid: () => `MZ${randomBytes(16).toString('hex')}`,
};

/** Ids the emulator made; anything else in a path is refused before it reaches the disk. */
export const conversationIdPattern = /^conv_[a-z0-9]{1,64}$/;
