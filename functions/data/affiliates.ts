import { GetItemCommand, PutItemCommand, QueryCommand } from 'dynamodb-toolbox';
import { AffiliateEntity } from './entities.ts';
import { table } from './table.ts';

export async function findAffiliate(slug: string) {
  const { Item } = await AffiliateEntity.build(GetItemCommand).key({ slug }).send();
  return Item;
}

/** The affiliate a booking's code names, if it exists and is active; else nobody. */
export async function findActiveAffiliate(slug: string) {
  const affiliate = await findAffiliate(slug);
  return affiliate?.active ? affiliate : undefined;
}

/** Creates an affiliate; false when the slug is already taken. */
export async function createAffiliate(affiliate: {
  slug: string;
  name: string;
  email: string;
  payoutPercent: number;
}): Promise<boolean> {
  try {
    await AffiliateEntity.build(PutItemCommand)
      .item({ ...affiliate, active: true })
      .options({ condition: { attr: 'slug', exists: false } })
      .send();
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

export async function listAffiliates() {
  const { Items = [] } = await table
    .build(QueryCommand)
    .entities(AffiliateEntity)
    .query({ partition: 'AFFILIATE' })
    .options({ maxPages: Number.POSITIVE_INFINITY })
    .send();
  return Items;
}
