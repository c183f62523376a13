import { GetItemCommand, PutItemCommand } from 'dynamodb-toolbox';
import { ProcessedWebhookEntity } from './entities.ts';

/** Providers retry for days (Stripe: three); a record kept 30 days outlives every retry. */
const keepSeconds = 30 * 24 * 60 * 60;

export async function isWebhookProcessed(provider: string, eventId: string): Promise<boolean> {
  const { Item } = await ProcessedWebhookEntity.build(GetItemCommand)
    .key({ provider, eventId })
    .options({ consistent: true })
    .send();
  return Item !== undefined;
}

export async function recordWebhookProcessed(
  provider: string,
  eventId: string,
  type: string,
): Promise<void> {
  const now = new Date();
  await ProcessedWebhookEntity.build(PutItemCommand)
    .item({
      provider,
      eventId,
      type,
      processedAt: now.toISOString(),
      expiresAt: Math.floor(now.getTime() / 1000) + keepSeconds,
    })
    .send();
}
