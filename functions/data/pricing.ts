import { GetItemCommand } from 'dynamodb-toolbox';
import { defaultPricing, type Pricing, pricingSchema } from '../core/pricing.ts';
import { PricingEntity } from './entities.ts';

/** The active price list from the table, or the default when none has been set. */
export async function activePricing(): Promise<Pricing> {
  const { Item } = await PricingEntity.build(GetItemCommand).key({ id: 'ACTIVE' }).send();
  if (!Item) return defaultPricing;
  return pricingSchema.parse({
    baseCents: Item.baseCents,
    recordingCents: Item.recordingCents,
    currency: Item.currency,
  });
}
