import { santaCallVideoProps } from '../../video/props.ts';
import { childTurns, santaTurns } from '../../video/speaking-turns.ts';
import { waveformPeaks } from '../../video/waveform.ts';
import { readCallAudio, readTranscript, signedAudioUrl } from '../adapters/call-records.ts';
import { videoRenderer } from '../adapters/video-renderer.ts';
import { answerVideoTask } from '../adapters/workflow-callbacks.ts';
import { loadBookingConfig } from '../config/booking-config.ts';
import { readSecret } from '../config/secrets.ts';
import { bookingChildren, childNamesPhrase } from '../core/children.ts';
import { firstName } from '../core/format.ts';
import { bookingLocale } from '../core/locale.ts';
import { turnSpeakers } from '../core/transcript-speakers.ts';
import { decideVideoRender } from '../core/video-render.ts';
import { getBooking } from '../data/bookings.ts';
import { claimVideoRender, recordVideoRenderId } from '../data/video-renders.ts';
import { logger } from '../shared/logger.ts';
import { countMetric, metricNames } from '../shared/metrics.ts';
import { workflowTask } from './task.ts';

/**
 * How long the renderer may fetch the call audio: longer than a render and its one retry may
 * wait in the renderer's queue and run (the workflow's task timeout is 30 minutes).
 */
const audioLinkSeconds = 2 * 60 * 60;

/**
 * "Make the video": parks the task token for this render attempt and asks the renderer
 * (Remotion Lambda in AWS, the local render service on the local cloud) to render the call into
 * the private videos bucket; the renderer's webhook answers the token (see
 * `services/video-render.ts`). The props — the call audio behind a short-lived link, waveform
 * peaks decoded here from the MP3, Santa's turns from the transcript — are checked by the video's
 * own schema before the render is asked for.
 *
 * Idempotent: each invocation claims the next attempt number on the booking (conditional write),
 * so two overlapping tries never both start a render; every render writes the same key, so a
 * repeated one overwrites, never duplicates. A video made already answers the token at once.
 */
export const handler = workflowTask('RenderVideo', async ({ bookingId, taskToken }) => {
  const booking = await getBooking(bookingId);
  const decision = decideVideoRender(booking);
  if (decision.action === 'already_made') {
    await answerVideoTask(taskToken, { outcome: 'made', renderId: 'made-before' });
    return {};
  }
  if (decision.action === 'skip' || !booking.audioKey) {
    // Not bought, no audio, or erased meanwhile.
    logger.info('no video to make', { bookingId });
    await answerVideoTask(taskToken, { outcome: 'skipped', renderId: 'none' });
    return {};
  }
  const now = new Date();
  const claimed = await claimVideoRender(booking, {
    attempt: decision.attempt,
    outKey: decision.outKey,
    taskToken,
    now,
  });
  if (!claimed) {
    // The video may have been made between our read and the claim: then it is made, not lost.
    if (decideVideoRender(await getBooking(bookingId)).action === 'already_made') {
      await answerVideoTask(taskToken, { outcome: 'made', renderId: 'made-before' });
      return {};
    }
    throw new Error('Another try claimed this render attempt; retrying.');
  }

  const [audio, transcript, audioUrl, secrets] = await Promise.all([
    readCallAudio(booking.audioKey),
    booking.transcriptKey ? readTranscript(booking.transcriptKey) : undefined,
    signedAudioUrl(booking.audioKey, audioLinkSeconds),
    readSecret('remotion'),
  ]);
  const waveform = await waveformPeaks(audio);
  const children = bookingChildren(booking).map((child) => ({ name: firstName(child.name) }));
  const turns = transcript?.turns ?? [];
  const speakers = turnSpeakers(
    turns,
    children.map((child) => child.name),
  );
  const inputProps = santaCallVideoProps.parse({
    childName: videoTitleNames(children, bookingLocale(booking)) || firstName(booking.childName),
    audioUrl,
    durationSeconds: waveform.durationSeconds,
    peaks: waveform.peaks,
    santaTurns: santaTurns(turns, waveform.durationSeconds),
    childTurns: childTurns(
      turns.map((turn, index) => ({ ...turn, speaker: speakers[index] })),
      waveform.durationSeconds,
    ),
  });
  const { renderId } = await videoRenderer().start({
    inputProps,
    outKey: decision.outKey,
    webhook: {
      url: `${loadBookingConfig().publicSiteUrl}/api/webhooks/remotion`,
      secret: secrets.webhookSecret,
      customData: { bookingId, attempt: decision.attempt, startedAt: now.toISOString() },
    },
  });
  await recordVideoRenderId(bookingId, decision.attempt, renderId);
  logger.info('video render started', { bookingId, attempt: decision.attempt, renderId });
  countMetric(metricNames.rendersStarted);
  return {};
});

/** Every child's first name as one phrase ("Emma and Leo"), cut to the caption's 60 characters. */
function videoTitleNames(children: readonly { readonly name: string }[], locale: string): string {
  const phrase = childNamesPhrase(children, locale);
  return phrase.length <= 60 ? phrase : `${phrase.slice(0, 59).trimEnd()}…`;
}
