import * as z from 'zod';
import {
  bookingRequestSchema,
  checkPhoneNumber,
  childInfoTextSchema,
  maxChildrenPerCall,
  santaNotesSchema,
  toE164,
} from './booking-request.ts';

/**
 * The body of `PATCH /api/calls/{callId}/details`: corrections to the number Santa calls and
 * the child's details before the call. Each field is validated by the booking request's own
 * schema (`bookingRequestSchema`, one rule for both); only the fields sent change. An empty
 * `childInfoText` clears what Santa was told. `children` corrects what Santa was told about
 * each child, by position (`[{}, { infoText: 'Loves snow.' }]` changes only the second child's);
 * it is sent instead of the single-child fields, never with them. `notesForSanta` replaces the
 * notes whole (`null`, or notes with nothing in them, removes them). At least one field must
 * be sent. The number is
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

/** The corrections beside those fields: each child's words, the notes for Santa. */
export const correctableLists = ['children', 'notesForSanta'] as const;

/** A correction to one child, at its place in the booking's `children`; `{}` changes nothing. */
const childCorrectionSchema = z.strictObject(
  { infoText: childInfoTextSchema.optional() },
  { error: 'Send each child\'s correction as an object, e.g. { "infoText": "Loves snow." }.' },
);

export const detailsRequestSchema = z
  .strictObject({
    phoneNumber: booking.phoneNumber.optional(),
    phoneCountry: booking.phoneCountry,
    childName: booking.childName.optional(),
    childAge: booking.childAge.optional(),
    childInfoText: booking.childInfoText,
    giftBudget: booking.giftBudget.optional(),
    children: z
      .array(childCorrectionSchema, { error: 'List the corrections per child.' })
      .max(maxChildrenPerCall, {
        error: `A call has at most ${maxChildrenPerCall} children.`,
      })
      .optional(),
    // null, or notes left empty, removes them: the service tells that from "not sent".
    notesForSanta: santaNotesSchema
      .nullable()
      .transform((notes) => notes ?? null)
      .optional(),
  })
  .refine(
    (request) =>
      [...correctableFields, ...correctableLists].some((field) => request[field] !== undefined),
    { path: ['body'], error: 'Send at least one detail to correct.' },
  )
  .superRefine((request, context) => {
    const { phoneNumber, phoneCountry } = request;
    if (phoneNumber !== undefined) checkPhoneNumber({ phoneNumber, phoneCountry }, context);
    const single = (['childName', 'childAge', 'childInfoText'] as const).some(
      (field) => request[field] !== undefined,
    );
    if (request.children !== undefined && single) {
      context.addIssue({
        code: 'custom',
        path: ['children'],
        message: 'Send either children or childName, childAge and childInfoText, not both.',
      });
    }
  })
  .overwrite((request) => {
    const { phoneNumber, phoneCountry } = request;
    if (phoneNumber === undefined) return request;
    return { ...request, phoneNumber: toE164({ phoneNumber, phoneCountry }).phoneNumber };
  });
export type DetailsRequest = z.infer<typeof detailsRequestSchema>;
