import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBooking } from '../../functions/data/bookings.ts';
import { claimVideoRender } from '../../functions/data/video-renders.ts';
import { envNames } from '../../functions/resources.ts';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { localResourceNames } from '../../local/config.ts';
import { createBooking } from './support/booking-api.ts';
import { startTestCloud } from './support/local-cloud.ts';

/**
 * The render step's claim against DynamoDB Local: it reads the booking, then claims the next
 * attempt. A video completed between the two (another run's finish) stays completed — the claim
 * used to overwrite it with `processing`, and the page then waited for a render that was not
 * needed (the recording page e2e test failed in CI that way).
 */
let cloud: RunningLocalCloud;

beforeAll(async () => {
  cloud = await startTestCloud();
  // The data layer reads the table's name from env.
  process.env[envNames.table] = localResourceNames.table;
});

afterAll(async () => {
  await cloud?.stop();
});

async function setVideo(bookingId: string, videoStatus: 'pending' | 'completed'): Promise<void> {
  await DynamoDBDocumentClient.from(new DynamoDBClient({})).send(
    new UpdateCommand({
      TableName: localResourceNames.table,
      Key: { pk: `BOOKING#${bookingId}`, sk: 'BOOKING' },
      UpdateExpression: 'SET videoStatus = :status, videoKey = :key',
      ExpressionAttributeValues: {
        ':status': videoStatus,
        ':key': `videos/${bookingId}/santa-call.mp4`,
      },
    }),
  );
}

const render = (attempt: number) => ({
  attempt,
  outKey: 'videos/x/santa-call.mp4',
  taskToken: `token-${attempt}-${Date.now()}`,
  now: new Date(),
});

describe('claiming a video render', () => {
  it('a video made after the step read the booking is not taken back to processing', async () => {
    const { callId } = await createBooking(cloud, { purchaseRecording: true });
    await setVideo(callId, 'pending');
    const read = await getBooking(callId);
    await setVideo(callId, 'completed');

    const claimed = await claimVideoRender(read, render(1));

    const after = await getBooking(callId);
    expect(claimed).toBe(false);
    expect(after.videoStatus).toBe('completed');
    expect(after.videoRenderAttempts).toBeUndefined();
  });

  it('a video still owed is claimed once per attempt', async () => {
    const { callId } = await createBooking(cloud, { purchaseRecording: true });
    await setVideo(callId, 'pending');
    const read = await getBooking(callId);

    const first = await claimVideoRender(read, render(1));
    const again = await claimVideoRender(read, render(1));

    const after = await getBooking(callId);
    expect(first).toBe(true);
    expect(again).toBe(false);
    expect(after.videoStatus).toBe('processing');
    expect(after.videoRenderAttempts).toBe(1);
  });
});
