import { isValidPhoneNumber } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import { loadLocalCloudConfig } from '../../local/config.ts';
import { fillVariables } from '../../local/elevenlabs/script.ts';
import { outcomeFor, testNumbers } from '../../local/elevenlabs/test-numbers.ts';
import { readWav } from '../../local/elevenlabs/wav.ts';
import { handlerEnvironment } from '../../local/handler-environment.ts';

describe('the emulator’s test numbers', () => {
  it.each([
    [testNumbers.busy, 0, 'busy'],
    [testNumbers.noAnswer, 0, 'no-answer'],
    [testNumbers.brief, 0, 'answered-briefly'],
    [testNumbers.voicemail, 0, 'voicemail'],
    [testNumbers.neverReports, 0, 'never-reports'],
    [testNumbers.busyThreeTimes, 0, 'busy'],
    [testNumbers.busyThreeTimes, 2, 'busy'],
    [testNumbers.busyThreeTimes, 3, 'answered'],
    [testNumbers.busyThreeTimes, 9, 'answered'],
    ['+14155552671', 0, 'answered'],
  ])('a call to %s after %i earlier calls: %s', (number, earlierCalls, outcome) => {
    expect(outcomeFor(number, earlierCalls)).toBe(outcome);
  });

  it('are all valid phone numbers, so a booking can use them', () => {
    for (const number of Object.values(testNumbers)) {
      expect(isValidPhoneNumber(number), number).toBe(true);
    }
  });
});

describe('fillVariables', () => {
  it('fills {{name}} from the dynamic variables and leaves unknown ones as written', () => {
    const filled = fillVariables('Hi {{ child_name }}, you are {{child_age}}. {{unknown}}', {
      child_name: 'Emma',
      child_age: 7,
    });

    expect(filled).toBe('Hi Emma, you are 7. {{unknown}}');
  });
});

describe('readWav', () => {
  /** A WAV as espeak-ng writes it to a pipe: size fields are placeholders it cannot go back to fix. */
  function pipedWav(samples: number[]): Buffer {
    const header = Buffer.alloc(44);
    header.write('RIFF', 0, 'ascii');
    header.writeUInt32LE(0x7ffff024, 4);
    header.write('WAVEfmt ', 8, 'ascii');
    header.writeUInt32LE(16, 16);
    header.writeUInt16LE(1, 20);
    header.writeUInt16LE(1, 22);
    header.writeUInt32LE(22_050, 24);
    header.writeUInt32LE(44_100, 28);
    header.writeUInt16LE(2, 32);
    header.writeUInt16LE(16, 34);
    header.write('data', 36, 'ascii');
    header.writeUInt32LE(0x7ffff000, 40);
    const data = Buffer.alloc(samples.length * 2);
    for (const [index, sample] of samples.entries()) data.writeInt16LE(sample, index * 2);
    return Buffer.concat([header, data]);
  }

  it('reads the samples to the end of a WAV written to a pipe', () => {
    const pcm = readWav(pipedWav([0, 1000, -1000, 32767, -32768]));

    expect(pcm.sampleRate).toBe(22_050);
    expect([...pcm.samples]).toEqual([0, 1000, -1000, 32767, -32768]);
  });

  it('refuses what is not a WAV', () => {
    expect(() => readWav(Buffer.from('ID3 not a wav at all'))).toThrow(/Not a WAV/);
  });
});

describe('the local cloud’s ElevenLabs settings', () => {
  it('gives handlers the emulator’s key, Santa’s ids and the emulator’s URL by default', () => {
    const env = handlerEnvironment(loadLocalCloudConfig({ CALLSANTA_PORT: '4000' }));

    expect(env).toMatchObject({
      ELEVENLABS_API_BASE_URL: 'http://127.0.0.1:4007',
      ELEVENLABS_API_KEY: 'xi_local_key',
      ELEVENLABS_AGENT_ID: 'agent_local_santa',
      ELEVENLABS_PHONE_NUMBER_ID: 'phnum_local',
    });
  });

  it('takes them from the environment when set', () => {
    const config = loadLocalCloudConfig({
      ELEVENLABS_API_KEY: 'xi_real',
      ELEVENLABS_AGENT_ID: 'agent_real',
      ELEVENLABS_PHONE_NUMBER_ID: 'phnum_real',
    });

    expect(config.elevenLabsAccount).toEqual({
      apiKey: 'xi_real',
      agentId: 'agent_real',
      phoneNumberId: 'phnum_real',
    });
  });
});
