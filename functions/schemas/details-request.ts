import * as z from 'zod';
import { bookingRequestSchema, checkPhoneNumber, toE164 } from './booking-request.ts';

/**
 * The body of `PATCH /api/calls/{callId}/details`: corrections to the number Santa calls and
 * the child's details before the call. Each field is validated by the booking request's own
 * schema (`bookingRequestSchema`, one rule for both); only the fields sent change. An empty
 * `childInfoText` clears what Santa was told. At least one field must be sent. The number is
 * read as the booking form reads it (`phoneCountry` beside a national number) and stored in
 * E.164, so the dial, the contact look-up and the repeat check all see one form of it.
 */
const booking = bookingRequestSchema.shape;

/** The fields a correction may change, in the order the audit event lists them. */
export const correctableFields = [
  'phoneNumber',
  'childName',
  'childAge',
  'childInfoText',
  'giftBudget',
] as const;

export const detailsRequestSchema = z
  .strictObject({
    phoneNumber: booking.phoneNumber.optional(),
    phoneCountry: booking.phoneCountry,
    childName: booking.childName.optional(),
    childAge: booking.childAge.optional(),
    childInfoText: booking.childInfoText,
    giftBudget: booking.giftBudget.optional(),
  })
  .refine((request) => correctableFields.some((field) => request[field] !== undefined), {
    path: ['body'],
    error: 'Send at least one detail to correct.',
  })
  .superRefine((request, context) => {
    const { phoneNumber, phoneCountry } = request;
    if (phoneNumber !== undefined) checkPhoneNumber({ phoneNumber, phoneCountry }, context);
  })
  .overwrite((request) => {
    const { phoneNumber, phoneCountry } = request;
    if (phoneNumber === undefined) return request;
    return { ...request, phoneNumber: toE164({ phoneNumber, phoneCountry }).phoneNumber };
  });
export type DetailsRequest = z.infer<typeof detailsRequestSchema>;
