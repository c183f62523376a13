import * as z from 'zod';

export const pricingSchema = z.object({
  baseCents: z.number().int().min(50),
  recordingCents: z.number().int().min(0),
  currency: z.string().regex(/^[a-z]{3}$/),
});
export type Pricing = z.infer<typeof pricingSchema>;

export const defaultPricing: Pricing = { baseCents: 999, recordingCents: 299, currency: 'usd' };

/** What a booking costs, frozen on the booking so a later price change never alters it. */
export interface PriceSnapshot extends Pricing {
  readonly totalCents: number;
}

export function priceBooking(pricing: Pricing, purchaseRecording: boolean): PriceSnapshot {
  return {
    ...pricing,
    totalCents: pricing.baseCents + (purchaseRecording ? pricing.recordingCents : 0),
  };
}
