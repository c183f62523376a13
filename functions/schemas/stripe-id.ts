import * as z from 'zod';

/**
 * A Stripe object id (`evt_…`, `pi_…`, `ch_…`). Stripe documents ids of at most 255
 * characters; bounded so a signed but odd body cannot put a key DynamoDB refuses (2 KB) or a
 * URL Stripe refuses into our requests — it is a 400 instead.
 */
export const stripeIdSchema = z.string().min(1).max(255);

/**
 * A metadata value we set ourselves (`bookingId`, `purpose`): Stripe keeps at most 500
 * characters per value.
 */
export const stripeMetadataValueSchema = z.string().min(1).max(500);
