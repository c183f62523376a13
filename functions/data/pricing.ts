import { GetItemCommand } from 'dynamodb-toolbox';
import { defaultPriceList, type PriceList, priceListFromItem } from '../core/pricing.ts';
import { PricingEntity } from './entities.ts';

/**
 * The active price list from the table (either stored shape: one currency, or several), or
 * the default when none has been set.
 */
export async function activePricing(): Promise<PriceList> {
  const { Item } = await PricingEntity.build(GetItemCommand).key({ id: 'ACTIVE' }).send();
  if (!Item) return defaultPriceList;
  return priceListFromItem(Item);
}
