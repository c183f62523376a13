/**
 * Why Santa will not call a number, and what the parent reads for each — shared by the site's
 * light check (`schemas/booking-request.ts`) and the API's full one (`core/phone-numbers.ts`).
 * No phone-number metadata here, so the site's bundle stays small.
 */
/** Why Santa will not call a number (see functions/core/phone-numbers.ts for the full check). */
export const phoneNumberProblems = [
  'invalid',
  'extension',
  'international_network',
  'premium_rate',
  'shared_cost',
  'uan',
  'personal_number',
  'pager',
  'voicemail',
] as const;
export type PhoneNumberProblem = (typeof phoneNumberProblems)[number];

const mobileOrLandline = 'enter a mobile or landline number.';
/** What the parent reads next to the phone number for each refusal. */
export const phoneNumberProblemMessages: Readonly<Record<PhoneNumberProblem, string>> = {
  // No example here: one is given from the parent's country (core/typed-phone-number.ts).
  invalid:
    'Enter a valid phone number: choose the country it is in, or type it with + and the country code.',
  extension:
    'Santa cannot dial an extension: enter a number that rings the phone directly, without "ext.".',
  international_network: `Santa cannot call international network numbers (such as +800, +808, +870, +881–+883 or +979): ${mobileOrLandline}`,
  premium_rate: `Santa cannot call premium-rate numbers: ${mobileOrLandline}`,
  shared_cost: `Santa cannot call shared-cost numbers: ${mobileOrLandline}`,
  uan: `Santa cannot call company access numbers (UAN): ${mobileOrLandline}`,
  personal_number: `Santa cannot call personal (follow-me) numbers: ${mobileOrLandline}`,
  pager: `Santa cannot call pagers: ${mobileOrLandline}`,
  voicemail: `Santa cannot call voicemail access numbers: ${mobileOrLandline}`,
};
