import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sharedRecordingSchema } from '../../functions/schemas/api/share-links.ts';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { localArns, localResourceNames } from '../../local/config.ts';
import { testNumbers } from '../../local/elevenlabs/test-numbers.ts';
import { remotionFaults } from '../../local/remotion/faults-client.ts';
import { parseAnswer } from './support/api-answer.ts';
import {
  bookingWhere,
  type CreatedBooking,
  createBooking,
  getBooking,
  outbox,
  payWithCard,
  postJson,
  timelineTypes,
} from './support/booking-api.ts';
import { probe } from './support/ffprobe.ts';
import { startTestCloud } from './support/local-cloud.ts';

// A real render of the emulator's brief call (a few seconds at 1080×1920@60, and the bundle
// once) takes tens of seconds on two cores, longer when other tests share them: these tests
// wait for real work, not for a clock.
const renderWaitMs = 300_000;
vi.setConfig({ testTimeout: 2 * renderWaitMs });

let cloud: RunningLocalCloud;
const remotionUrl = () => `http://127.0.0.1:${cloud.config.ports.remotion}`;

beforeAll(async () => {
  cloud = await startTestCloud({
    timeScale: 60,
    env: {
      EXPECTED_CALL_MINUTES: '1',
      // The emulator's test numbers are Californian: Santa may call them at any hour here.
      CALLING_HOURS_START: '00:00',
      CALLING_HOURS_END: '24:00',
    },
  });
});

afterEach(async () => {
  await remotionFaults(remotionUrl()).clear();
});

afterAll(async () => {
  await cloud?.stop();
});

async function paidCallWithRecording(): Promise<CreatedBooking> {
  const booking = await createBooking(cloud, {
    scheduledAt: undefined,
    callNow: true,
    timezone: 'America/Los_Angeles',
    // The emulator's brief call (a greeting and a goodbye): a few seconds of video to render.
    phoneNumber: testNumbers.brief,
    purchaseRecording: true,
  });
  await payWithCard(cloud, booking);
  return booking;
}

const executionArn = (name: string) =>
  `${localArns.stateMachine.replace(':stateMachine:', ':execution:')}:${name}`;

async function statesEntered(name: string): Promise<string[]> {
  const { events = [] } = await new SFNClient({}).send(
    new GetExecutionHistoryCommand({ executionArn: executionArn(name), maxResults: 1000 }),
  );
  return events.flatMap((event) => event.stateEnteredEventDetails?.name ?? []);
}

describe('the video stage on the local cloud', () => {
  it('renders a bought video after the call, emails the parent once, and serves it to a share link', async () => {
    const booking = await paidCallWithRecording();
    const progress: number[] = [];
    const done = await bookingWhere(
      cloud,
      booking,
      'the video to be made',
      (view) => {
        if (typeof view.videoProgress === 'number') progress.push(view.videoProgress);
        return view.videoStatus === 'completed' || view.videoStatus === 'failed';
      },
      renderWaitMs,
    );
    const s3 = new S3Client({ forcePathStyle: true });
    const object = await s3.send(
      new GetObjectCommand({
        Bucket: localResourceNames.buckets.videos,
        Key: `videos/${booking.callId}/santa-call.mp4`,
      }),
    );
    const mp4 = join(tmpdir(), `video-workflow-${booking.callId}.mp4`);
    await writeFile(mp4, (await object.Body?.transformToByteArray()) ?? new Uint8Array());
    const media = await probe(mp4);
    const transcript = JSON.parse(
      (await (
        await s3.send(
          new GetObjectCommand({
            Bucket: localResourceNames.buckets.recordings,
            Key: `calls/${booking.callId}/transcript.json`,
          }),
        )
      ).Body?.transformToString()) ?? '{}',
    ) as { durationSecs: number };
    const ready = (await outbox(cloud)).filter(
      (email) =>
        email.subject.includes('video') &&
        email.subject.includes('is ready') &&
        email.html.includes(`/recording/${booking.callId}#token=`),
    );
    const states = await statesEntered(`booking-${booking.callId}-v2`);
    const { status } = await new SFNClient({}).send(
      new DescribeExecutionCommand({ executionArn: executionArn(`booking-${booking.callId}-v2`) }),
    );
    const seen = await getBooking(cloud, booking.callId, booking.accessToken);
    const headers = { authorization: `Bearer ${booking.accessToken}` };
    const share = await postJson(cloud, `/api/calls/${booking.callId}/shares`, {}, headers);
    const token = new URL(String(share.body.url)).pathname.split('/').pop() ?? '';
    const shared = await fetch(`${cloud.apiUrl}/api/shared/${token}`);
    const sharedText = await shared.text();
    const sharedBody = parseAnswer(sharedRecordingSchema, JSON.parse(sharedText), 'shared');
    const played = await fetch(sharedBody.mediaUrl);

    expect(done).toMatchObject({ callStatus: 'completed', videoStatus: 'completed' });
    expect(seen.body).toMatchObject({ videoStatus: 'completed', videoProgress: 100 });
    // The page saw the render move on: one render, so its progress never goes back.
    expect(progress.length).toBeGreaterThan(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const video = media.streams.find((stream) => stream.codec_type === 'video');
    expect(video).toMatchObject({
      codec_name: 'h264',
      width: 1080,
      height: 1920,
      r_frame_rate: '60/1',
      color_space: 'bt709',
    });
    expect(media.streams.find((stream) => stream.codec_type === 'audio')).toMatchObject({
      codec_name: 'aac',
    });
    // The video lasts as long as the call's audio (whole seconds in the transcript).
    expect(Math.abs(Number(media.format.duration) - transcript.durationSecs)).toBeLessThan(1.5);
    expect(ready).toHaveLength(1);
    expect(timelineTypes(done)).toEqual(
      expect.arrayContaining(['video_render_started', 'video_render_reported', 'video_made']),
    );
    expect(states).toEqual(
      expect.arrayContaining([
        'Is a video owed?',
        'Make the video',
        'Tell the parent the video is ready',
      ]),
    );
    expect(status).toBe('SUCCEEDED');
    expect(share.status).toBe(201);
    expect(shared.status).toBe(200);
    expect(sharedBody.kind).toBe('video');
    expect(sharedText).not.toContain('parent@example.com');
    expect(played.status).toBe(200);
    expect(played.headers.get('content-type')).toContain('video/mp4');
  });

  it('tries a failed render once more, then marks the video failed and tells the parent; the parent can try again', async () => {
    await remotionFaults(remotionUrl()).inject({ kind: 'error', times: 2 });
    const booking = await paidCallWithRecording();

    const failed = await bookingWhere(
      cloud,
      booking,
      'the video to fail',
      (view) => view.videoStatus === 'failed',
      renderWaitMs,
    );
    const notMade = (await outbox(cloud)).filter(
      (email) =>
        email.subject.includes('could not make the video') &&
        email.html.includes(`/recording/${booking.callId}#token=`),
    );
    const { status, error } = await new SFNClient({}).send(
      new DescribeExecutionCommand({ executionArn: executionArn(`booking-${booking.callId}-v2`) }),
    );
    const startedRenders = timelineTypes(failed).filter((type) => type === 'video_render_started');

    expect(failed).toMatchObject({ callStatus: 'completed', paymentStatus: 'paid' });
    expect(startedRenders).toHaveLength(2);
    expect(notMade).toHaveLength(1);
    expect({ status, error }).toEqual({ status: 'FAILED', error: 'Video.NotMade' });

    const retried = await postJson(
      cloud,
      `/api/calls/${booking.callId}/video/retry`,
      {},
      { authorization: `Bearer ${booking.accessToken}` },
    );
    const made = await bookingWhere(
      cloud,
      booking,
      'the retried video to be made',
      (view) => view.videoStatus === 'completed',
      renderWaitMs,
    );

    expect(retried.status).toBe(202);
    expect(made).toMatchObject({ callStatus: 'completed', videoStatus: 'completed' });
    expect(await statesEntered(`booking-${booking.callId}-v2-video1`)).toEqual(
      expect.arrayContaining(['Make the video', 'Tell the parent the video is ready']),
    );
  });
});
