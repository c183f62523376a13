import * as z from 'zod';
import { bookingRequestSchema } from './booking-request.ts';

/**
 * The body of `PATCH /api/calls/{callId}/details`: corrections to the number Santa calls and
 * the child's details before the call. Each field is validated by the booking request's own
 * schema (`bookingRequestSchema`, one rule for both); only the fields sent change. An empty
 * `childInfoText` clears what Santa was told. At least one field must be sent.
 */
const booking = bookingRequestSchema.shape;

export const detailsRequestSchema = z
  .strictObject({
    phoneNumber: booking.phoneNumber.optional(),
    childName: booking.childName.optional(),
    childAge: booking.childAge.optional(),
    childInfoText: booking.childInfoText,
    giftBudget: booking.giftBudget.optional(),
  })
  .refine((request) => Object.values(request).some((value) => value !== undefined), {
    path: ['body'],
    error: 'Send at least one detail to correct.',
  });
export type DetailsRequest = z.infer<typeof detailsRequestSchema>;

/** The fields a correction may change, in the order the audit event lists them. */
export const correctableFields = [
  'phoneNumber',
  'childName',
  'childAge',
  'childInfoText',
  'giftBudget',
] as const satisfies readonly (keyof DetailsRequest)[];
