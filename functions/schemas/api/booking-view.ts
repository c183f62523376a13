import * as z from 'zod';
import { callStatuses, paymentStatuses, videoStatuses } from '../../core/booking-status.ts';
import { afterCallProblems, unsuccessfulReasons } from '../../core/call-outcome.ts';
import { languageCodes } from '../../core/languages.ts';
import { notePersonRelations } from '../../core/santa-notes.ts';

/** One entry of a booking's audit trail: what happened and when; no personal data. */
export const timelineEventSchema = z.object({
  type: z.string(),
  /** ISO 8601, UTC. */
  at: z.string(),
  detail: z.record(z.string(), z.string()).optional(),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

/** One turn of the call's transcript. */
export const transcriptTurnSchema = z.object({
  role: z.enum(['santa', 'child']),
  message: z.string(),
  /** Seconds from the start of the call. */
  timeInCallSecs: z.number(),
  /**
   * The child who spoke a `child` turn, by name, when it is certain (one child, or Santa named
   * exactly one child just before: `functions/core/transcript-speakers.ts`); absent otherwise.
   */
  speaker: z.string().optional(),
});
export type TranscriptTurn = z.infer<typeof transcriptTurnSchema>;

/** A completed call's transcript and, when the recording was bought, short-lived audio links. */
export const callMediaSchema = z.object({
  transcript: z.array(transcriptTurnSchema).optional(),
  /** Whole seconds the call lasted. */
  durationSecs: z.number().optional(),
  /** The call's audio (a presigned GET, minutes long). */
  audioUrl: z.string().optional(),
  /** The same audio served as a download. */
  downloadUrl: z.string().optional(),
  /** The rendered video (MP4, 1080×1920), once `videoStatus` is completed: a presigned GET. */
  videoUrl: z.string().optional(),
  /** The same video served as a download (`santa-call-<name>.mp4`). */
  videoDownloadUrl: z.string().optional(),
  /** When both links stop working, ISO 8601. */
  linksExpireAt: z.string().optional(),
});
export type CallMedia = z.infer<typeof callMediaSchema>;

/**
 * What the parent sees of a booking: the answer of `GET /api/calls/{callId}`, of
 * `PATCH /api/calls/{callId}` (reschedule), of `POST /api/calls/{callId}/erase` and, with the
 * refund added, of `POST /api/calls/{callId}/cancel`. Built by `functions/services/booking-view.ts`.
 * Money in minor units of `currency`.
 */
export const bookingViewSchema = z.object({
  callId: z.string(),
  callStatus: z.enum(callStatuses),
  paymentStatus: z.enum(paymentStatuses),
  videoStatus: z.enum(videoStatuses),
  /**
   * How far the video is, whole percent: 100 once made, the render's progress while it runs,
   * 0 before it starts; null when no video is bought or it failed.
   */
  videoProgress: z.number().int().min(0).max(100).nullable(),
  /**
   * The first child (the whole answer's shape before siblings, kept for older clients); the
   * name is null once the parent had the child's data erased.
   */
  child: z.object({ name: z.string().nullable(), age: z.number().int() }),
  /**
   * Every child of the call, in the order Santa greets them (a booking made before siblings:
   * its one child). Names are null once erased; the ages stay.
   */
  children: z.array(z.object({ name: z.string().nullable(), age: z.number().int() })),
  /** The language Santa speaks on the call (English for bookings made before languages). */
  language: z.enum(languageCodes),
  /** The parent's notes for Santa as given; null when none were given, and once erased. */
  notesForSanta: z
    .object({
      praise: z.string().optional(),
      encouragement: z.string().optional(),
      people: z
        .array(z.object({ relation: z.enum(notePersonRelations), name: z.string() }))
        .optional(),
      avoidTopics: z.string().optional(),
    })
    .nullable(),
  schedule: z.object({
    callNow: z.boolean(),
    /** The call's instant, UTC ISO 8601. */
    scheduledAt: z.string(),
    /** The callee's IANA zone. */
    timezone: z.string(),
    /** The call's instant on the callee's clock, ISO 8601 with offset. */
    localTime: z.string(),
    /**
     * The same for people, as the booking's emails say it (its locale): e.g. `Thursday,
     * December 24, 2026 at 6:30 PM Eastern Standard Time`.
     */
    localDisplay: z.string(),
    /** The zones of the number's country a new time may be chosen in (empty: any zone). */
    zones: z.array(z.string()),
    /** When a call drifts out of calling hours: wait for the next window, or end refunded. */
    waitForCallingHours: z.boolean(),
  }),
  amountCents: z.number().int(),
  currency: z.string(),
  /** The parent's BCP 47 locale recorded at booking (en-US for bookings made before). */
  locale: z.string(),
  /** Minor units given back so far: all of it once refunded, part after a partial refund. */
  amountRefundedCents: z.number().int(),
  purchaseRecording: z.boolean(),
  /**
   * The recording for sale after the call, when this parent may buy it now (a completed call,
   * not bought, audio kept, not erased): its price in minor units of `currency`. Null otherwise.
   */
  recordingOffer: z.object({ amountCents: z.number().int(), currency: z.string() }).nullable(),
  /** The parent's gift budget, in whole units of `currency`. */
  giftBudget: z.number(),
  createdAt: z.string(),
  timeline: z.array(timelineEventSchema),
  /** Dial attempts so far. */
  attempts: z.number().int(),
  /** Why a call that did not reach the child ended; null when nothing applies. */
  endReason: z.enum(unsuccessfulReasons).nullable(),
  /** After-call work still being retried; null when nothing applies. */
  followUp: z.enum(afterCallProblems).nullable(),
  media: callMediaSchema,
  /**
   * What the call's post-call analysis found, for the parent: ElevenLabs' summary and, per
   * child in booking order, what they asked Santa for, what they are proud of and what worried
   * them (each in the call's language; null when not said). Null before the analysis is stored
   * and once the child's data is erased. Never on the shared page.
   */
  callSummary: z
    .object({
      summary: z.string().nullable(),
      children: z.array(
        z.object({
          name: z.string(),
          wishes: z.array(z.string()),
          proudOf: z.string().nullable(),
          worries: z.string().nullable(),
        }),
      ),
    })
    .nullable(),
  /**
   * True once the parent (or support) had the child's data erased: the name, the number, the
   * transcript, the recording and the video are gone, so no page offers them.
   */
  dataErased: z.boolean(),
  /**
   * What the parent may still correct before the call (`PATCH /api/calls/{callId}/details`):
   * the number Santa calls (E.164) and what Santa was told, and until when a correction is
   * taken (ISO 8601 UTC; null once it no longer is: `functions/core/details-edit.ts`). The number
   * and the words are null once erased. `childInfoText` is the first child's (older clients);
   * `children` has what Santa was told about each child, in the order of `children` above.
   */
  details: z.object({
    phoneNumber: z.string().nullable(),
    childInfoText: z.string().nullable(),
    children: z.array(z.object({ infoText: z.string().nullable() })),
    editableUntil: z.string().nullable(),
  }),
});
export type BookingView = z.infer<typeof bookingViewSchema>;
