import { PutItemCommand, PutTransaction, QueryCommand } from 'dynamodb-toolbox';
import { ulid } from 'ulid';
import type { AuditEvent } from '../core/booking.ts';
import { auditEventExpiresAt } from '../core/retention.ts';
import { BookingEventEntity } from './entities.ts';
import { table } from './table.ts';

export type { AuditEvent };

function eventItem(bookingId: string, event: AuditEvent, at: Date) {
  const iso = at.toISOString();
  return {
    bookingId,
    eventKey: `${iso}#${ulid(at.getTime())}`,
    type: event.type,
    at: iso,
    expiresAt: auditEventExpiresAt(at),
    ...(event.detail ? { detail: { ...event.detail } } : {}),
  };
}

/** The audit-trail write to put in the same transaction as the change it records. */
export function auditEventTransaction(bookingId: string, event: AuditEvent, at = new Date()) {
  return BookingEventEntity.build(PutTransaction).item(eventItem(bookingId, event, at));
}

/** Appends one event on its own, for facts that change no other item. */
export async function appendAuditEvent(
  bookingId: string,
  event: AuditEvent,
  at = new Date(),
): Promise<void> {
  await BookingEventEntity.build(PutItemCommand)
    .item(eventItem(bookingId, event, at))
    .send();
}

/** The booking's audit trail, oldest first. */
export async function listAuditEvents(bookingId: string) {
  const { Items = [] } = await table
    .build(QueryCommand)
    .entities(BookingEventEntity)
    .query({ partition: `BOOKING#${bookingId}`, range: { beginsWith: 'EVENT#' } })
    .options({ maxPages: Number.POSITIVE_INFINITY })
    .send();
  return Items;
}
