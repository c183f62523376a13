/**
 * The API's answers the site reads: types derived from the shared zod schemas in
 * functions/schemas/api/ (the handlers build their answers typed by the same schemas). Types
 * only, so pages that never parse an answer do not carry zod.
 */
export type {
  AffiliatePage,
  CreatedAffiliate,
  SlugCheck,
} from '../../../functions/schemas/api/affiliates.ts';
export type { Availability, BookableTime } from '../../../functions/schemas/api/availability.ts';
export type { BookingView, TimelineEvent } from '../../../functions/schemas/api/booking-view.ts';
export type { CancelResult } from '../../../functions/schemas/api/cancel-result.ts';
export type { CreatedBooking } from '../../../functions/schemas/api/create-booking.ts';
export type { ErrorBody } from '../../../functions/schemas/api/error-body.ts';
export type { Pricing } from '../../../functions/schemas/api/pricing.ts';
export type { RecordingPurchase } from '../../../functions/schemas/api/recording-purchase.ts';
export type {
  CreatedShare,
  SharedRecording,
  ShareLink,
  ShareList,
} from '../../../functions/schemas/api/share-links.ts';
export type { SiteConfig } from '../../../functions/schemas/api/site-config.ts';
export type { VoiceNoteUpload } from '../../../functions/schemas/api/voice-note-upload.ts';
