import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { testNumbers } from '../../local/elevenlabs/test-numbers.ts';
import {
  bookingWhere,
  type CreatedBooking,
  createBooking,
  getBooking,
  payWithCard,
  postJson,
} from './support/booking-api.ts';
import { startTestCloud } from './support/local-cloud.ts';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');

let cloud: RunningLocalCloud;
let flagged: CreatedBooking;

type Timeline = { type: string; detail?: Record<string, string> }[];

/** The support tool as a person runs it: its own process, against the cloud's ports. */
async function supportShow(bookingId: string) {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', 'bin/support.ts', 'show', bookingId, '--json'],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        CALLSANTA_PORT: String(cloud.config.basePort),
      },
      timeout: 60_000,
    },
  );
  return JSON.parse(stdout) as {
    flaggedCriteria?: { criterion: string; rationale: string }[];
    timeline: { what: string; detail: Record<string, string> }[];
  };
}

beforeAll(async () => {
  cloud = await startTestCloud({
    timeScale: 60,
    env: { EXPECTED_CALL_MINUTES: '1', CALLING_HOURS_START: '00:00', CALLING_HOURS_END: '24:00' },
  });
  // Prepare: a call now to the number whose Santa breaks character; it completes.
  flagged = await createBooking(cloud, {
    scheduledAt: undefined,
    callNow: true,
    timezone: 'America/Los_Angeles',
    phoneNumber: testNumbers.breaksCharacter,
  });
  await payWithCard(cloud, flagged);
  let last: Record<string, unknown> = {};
  await bookingWhere(
    cloud,
    flagged,
    'the call to complete and its analysis to be stored',
    (body) => {
      last = body;
      return body.callStatus === 'completed' && body.callSummary !== null;
    },
    60_000,
  ).catch((error: unknown) => {
    throw new Error(
      `${String(error)} Last seen: ${JSON.stringify({ callStatus: last.callStatus, followUp: last.followUp, timeline: last.timeline })}`,
    );
  });
}, 180_000);

afterAll(async () => {
  await cloud?.stop();
});

describe('a call flagged by an evaluation criterion', { timeout: 120_000 }, () => {
  it('gives the parent the wish list and the child’s name on the child’s turns', async () => {
    // Act
    const { body } = await getBooking(cloud, flagged.callId, flagged.accessToken);

    // Assert
    expect(body.callSummary).toEqual({
      summary: expect.stringMatching(/Emma/),
      children: [
        {
          name: 'Emma',
          wishes: ['a red sledge'],
          proudOf: 'I helped make cookies for the reindeer.',
          worries: null,
        },
      ],
    });
    const transcript = (body.media as { transcript: { role: string; speaker?: string }[] })
      .transcript;
    const childTurns = transcript.filter((turn) => turn.role === 'child');
    expect(childTurns.length).toBeGreaterThan(0);
    expect(childTurns.every((turn) => turn.speaker === 'Emma')).toBe(true);
    // The rationale is support's: the parent's answer never carries it.
    expect(JSON.stringify(body)).not.toContain('stepped out of the Santa role');
  });

  it("stays off the parent's timeline: the flag is support's to follow up", async () => {
    // Act
    const { body } = await getBooking(cloud, flagged.callId, flagged.accessToken);

    // Assert
    const types = (body.timeline as Timeline).map((event) => event.type);
    expect(types).toContain('call_completed');
    expect(types).not.toContain('call_flagged');
  });

  it("reaches support's view with the failed criterion and its rationale", async () => {
    // Act
    const view = await supportShow(flagged.callId);

    // Assert
    expect(view.flaggedCriteria).toEqual([
      {
        criterion: 'stayed_in_character',
        rationale: expect.stringMatching(/stepped out of the Santa role/),
      },
    ]);
    expect(view.timeline).toContainEqual(
      expect.objectContaining({
        what: 'call_flagged',
        detail: { criteria: 'stayed_in_character' },
      }),
    );
  });

  it('loses its summary, wishes and criteria when the parent erases the child’s data', async () => {
    // Act
    const erased = await postJson(
      cloud,
      `/api/calls/${flagged.callId}/erase`,
      {},
      { authorization: `Bearer ${flagged.accessToken}` },
    );
    const view = await supportShow(flagged.callId);

    // Assert
    expect(erased.status).toBe(200);
    expect(erased.body.callSummary).toBeNull();
    expect(view.flaggedCriteria).toEqual([]);
  });
});
