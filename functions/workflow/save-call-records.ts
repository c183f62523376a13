import { $remove, $set } from 'dynamodb-toolbox';
import { deleteCallRecords, saveCallRecords } from '../adapters/call-records.ts';
import { elevenLabs } from '../adapters/elevenlabs-account.ts';
import { callFlaggedEvent } from '../core/call-analysis.ts';
import { callAnalysisOf } from '../core/call-analysis-reading.ts';
import { bookingChildren } from '../core/children.ts';
import { auditEventTransaction } from '../data/audit-trail.ts';
import { BookingOvertakenError, changeBookingFromWorkflow, getBooking } from '../data/bookings.ts';
import { logger } from '../shared/logger.ts';
import { countMetric, metricNames } from '../shared/metrics.ts';
import { workflowTask } from './task.ts';

/**
 * Saves a completed call: the transcript as JSON and the audio, fetched from ElevenLabs'
 * conversation-audio endpoint (the audio webhook can exceed Lambda's payload limit), into the
 * private recordings bucket, and the post-call analysis (wish list, summary, evaluation
 * criteria) onto the booking as `callAnalysis`. Idempotent: retries overwrite the same keys, and
 * the keys and analysis are written to the booking (with an audit event) once, conditional on
 * the run's version. A failed criterion flags the call for support (`call_flagged` audit event
 * in the same transaction as the analysis, and the `CallsFlagged` metric) only when no analysis
 * was stored before, so a retried or re-run step never flags twice. Nothing is saved for a
 * child whose data the parent has erased meanwhile.
 */
export const handler = workflowTask('SaveCallRecords', async ({ bookingId, version }) => {
  const booking = await getBooking(bookingId);
  if (booking.dataErasedAt) {
    // A retry after an attempt that wrote them and stopped: what it wrote goes too.
    await deleteCallRecords(bookingId);
    logger.info('child data erased; call records not saved', { bookingId });
    return {};
  }
  if (!booking.conversationId) throw new Error('A completed call has no conversation id.');
  const client = await elevenLabs();
  const [conversation, audio] = await Promise.all([
    client.getConversation(booking.conversationId),
    client.downloadConversationAudio(booking.conversationId),
  ]);
  const durationSecs = Math.round(conversation.durationSecs ?? 0);
  const keys = await saveCallRecords(
    bookingId,
    {
      conversationId: booking.conversationId,
      durationSecs,
      turns: conversation.transcript.flatMap((turn) =>
        // Tool calls come as turns without words; the parent reads only what was said.
        turn.message.trim()
          ? [
              {
                role: turn.role === 'agent' ? ('santa' as const) : ('child' as const),
                message: turn.message,
                timeInCallSecs: Math.max(0, turn.timeInCallSecs),
              },
            ]
          : [],
      ),
    },
    audio,
  );
  // The parent may have erased the child's data while the records were fetched and written:
  // the erase deleted the keys before they were here, so they go now (`erase-booking.ts`
  // deletes them once more after its own write, for an erase that lands after this look).
  if (await erasedMeanwhile(bookingId)) return {};
  if (booking.transcriptKey !== keys.transcript || booking.afterCallProblem) {
    // The first analysis stored stays (a re-run keeps what the parent may have read already).
    const analysis =
      booking.callAnalysis ??
      (conversation.analysis
        ? callAnalysisOf(conversation.analysis, bookingChildren(booking), new Date().toISOString())
        : undefined);
    const flagged = booking.callAnalysis || !analysis ? undefined : callFlaggedEvent(analysis);
    try {
      await changeBookingFromWorkflow(
        booking,
        version,
        {
          transcriptKey: keys.transcript,
          audioKey: keys.audio,
          callDurationSecs: durationSecs,
          afterCallProblem: $remove(),
          // Whole: a map written as a value would be a partial update of a map not there yet.
          ...(analysis ? { callAnalysis: $set(analysis) } : {}),
        },
        {
          type: 'call_records_saved',
          detail: { durationSecs: String(durationSecs), audioBytes: String(audio.length) },
        },
        { alongside: flagged ? [auditEventTransaction(bookingId, flagged)] : [] },
      );
      if (flagged) {
        countMetric(metricNames.callsFlagged);
        logger.warn('call flagged for support', { bookingId, criteria: flagged.detail.criteria });
      }
    } catch (error) {
      if (error instanceof BookingOvertakenError && (await erasedMeanwhile(bookingId))) return {};
      throw error;
    }
  }
  return {};
});

/** True (and the records just written deleted) when the booking's data has been erased. */
async function erasedMeanwhile(bookingId: string): Promise<boolean> {
  const now = await getBooking(bookingId);
  if (!now.dataErasedAt) return false;
  await deleteCallRecords(bookingId);
  logger.info('child data erased while saving; call records deleted', { bookingId });
  return true;
}
