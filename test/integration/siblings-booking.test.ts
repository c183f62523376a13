import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { localResourceNames } from '../../local/config.ts';
import {
  type CreatedBooking,
  createBooking,
  getBooking,
  postJson,
  validBooking,
} from './support/booking-api.ts';
import { startTestCloud } from './support/local-cloud.ts';

/**
 * Siblings on one call, in the family's language, with notes for Santa (issue #14): what
 * POST /api/calls stores and charges, what GET /api/calls/{id} answers, and that a booking in
 * the single-child shape — sent by an older client, or stored before siblings — still works.
 */
let cloud: RunningLocalCloud;

beforeAll(async () => {
  cloud = await startTestCloud();
});

afterAll(async () => {
  await cloud?.stop();
});

/** The booking's item as the table holds it. */
async function storedItem(callId: string): Promise<Record<string, unknown>> {
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const { Item } = await documents.send(
    new GetCommand({
      TableName: localResourceNames.table,
      Key: { pk: `BOOKING#${callId}`, sk: 'BOOKING' },
    }),
  );
  if (!Item) throw new Error(`No item for ${callId}`);
  return Item;
}

/** The new shape: two children instead of the single-child fields. */
function siblingsBooking(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const {
    childName: _name,
    childAge: _age,
    childGender: _gender,
    childInfoText: _info,
    ...rest
  } = validBooking(overrides);
  return {
    ...rest,
    children: [
      { name: 'Lucía', age: 7, gender: 'girl', infoText: 'Le encantan los dinosaurios.' },
      { name: 'Mateo', age: 4 },
    ],
  };
}

const notesForSanta = {
  praise: 'Aprendió a montar en bici.',
  encouragement: ' Probar verduras nuevas. ',
  people: [
    { relation: 'pet', name: 'Señor Bigotes' },
    { relation: 'teacher', name: 'Seño Marta' },
  ],
  avoidTopics: '',
};

const auth = (booking: CreatedBooking) => ({ authorization: `Bearer ${booking.accessToken}` });

describe('two children in Spanish, with notes for Santa', () => {
  it('stores the children, the language and the notes, and charges for the second child', async () => {
    // Act
    const { status, body } = await postJson(
      cloud,
      '/api/calls',
      siblingsBooking({ locale: 'es-ES', notesForSanta }),
    );
    const booking = body as unknown as CreatedBooking;
    const item = await storedItem(booking.callId);
    const { body: view } = await getBooking(cloud, booking.callId, booking.accessToken);

    // Assert
    expect(status).toBe(201);
    // The default price list: 999 for the call, half of it (500) for the second child.
    expect(booking.amountCents).toBe(1499);
    expect(item).toMatchObject({
      children: [
        { name: 'Lucía', age: 7, gender: 'girl', infoText: 'Le encantan los dinosaurios.' },
        { name: 'Mateo', age: 4 },
      ],
      language: 'es',
      notesForSanta: {
        praise: 'Aprendió a montar en bici.',
        encouragement: 'Probar verduras nuevas.',
        people: notesForSanta.people,
      },
      // The first child in the flat fields too, for readers of the single-child shape.
      childName: 'Lucía',
      childAge: 7,
      childInfoText: 'Le encantan los dinosaurios.',
      baseCents: 999,
      extraChildrenCents: 500,
      totalCents: 1499,
    });
    expect(item.notesForSanta).not.toHaveProperty('avoidTopics');
    expect(view).toMatchObject({
      child: { name: 'Lucía', age: 7 },
      children: [
        { name: 'Lucía', age: 7 },
        { name: 'Mateo', age: 4 },
      ],
      language: 'es',
      notesForSanta: { praise: 'Aprendió a montar en bici.', people: notesForSanta.people },
      amountCents: 1499,
      details: {
        childInfoText: 'Le encantan los dinosaurios.',
        children: [{ infoText: 'Le encantan los dinosaurios.' }, { infoText: null }],
      },
    });
  });

  it("corrects the second child's words and the notes, and keeps the first child's", async () => {
    // Arrange
    const created = await postJson(cloud, '/api/calls', siblingsBooking());
    const booking = created.body as unknown as CreatedBooking;

    // Act
    const corrected = await postJson(
      cloud,
      `/api/calls/${booking.callId}/details`,
      {
        children: [{}, { infoText: 'Quiere un tren.' }],
        notesForSanta: { praise: 'Es valiente.' },
      },
      auth(booking),
      'PATCH',
    );
    const item = await storedItem(booking.callId);

    // Assert
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({
      details: {
        children: [{ infoText: 'Le encantan los dinosaurios.' }, { infoText: 'Quiere un tren.' }],
      },
      notesForSanta: { praise: 'Es valiente.' },
    });
    expect(item.notesForSanta).toEqual({ praise: 'Es valiente.' });
    const event = (
      corrected.body.timeline as { type: string; detail?: Record<string, string> }[]
    ).find((entry) => entry.type === 'details_corrected');
    expect(event?.detail).toEqual({ fields: 'children.2.infoText,notesForSanta' });
  });

  it.each([
    [
      'five children',
      {
        children: ['Ana', 'Ben', 'Cleo', 'Dan', 'Eve'].map((name) => ({ name, age: 5 })),
      },
      'children',
    ],
    ['both shapes', { childName: 'Emma' }, 'children'],
    [
      'a phone number in the notes',
      { notesForSanta: { praise: 'Llama al 612 345 678' } },
      'notesForSanta.praise',
    ],
  ])('refuses %s with a 400 naming the field', async (_, change, field) => {
    const { status, body } = await postJson(cloud, '/api/calls', {
      ...siblingsBooking(),
      ...change,
    });

    expect(status).toBe(400);
    expect(Object.keys((body.error as { fields: Record<string, string> }).fields)).toContain(field);
  });
});

describe('the single-child shape still works', () => {
  it('books one child the old way, in English, at the price of one', async () => {
    // Act
    const booking = await createBooking(cloud);
    const item = await storedItem(booking.callId);
    const { body: view } = await getBooking(cloud, booking.callId, booking.accessToken);

    // Assert
    expect(booking.amountCents).toBe(999);
    expect(item).toMatchObject({
      children: [{ name: 'Emma', age: 7, gender: 'girl' }],
      language: 'en',
      childName: 'Emma',
      extraChildrenCents: 0,
    });
    expect(view).toMatchObject({
      child: { name: 'Emma', age: 7 },
      children: [{ name: 'Emma', age: 7 }],
      language: 'en',
      notesForSanta: null,
    });
  });

  it('reads a booking stored before siblings (flat fields only) as one child in English', async () => {
    // Arrange: the item as the previous version wrote it.
    const booking = await createBooking(cloud, { childName: 'Theo', childAge: 9 });
    const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    await documents.send(
      new UpdateCommand({
        TableName: localResourceNames.table,
        Key: { pk: `BOOKING#${booking.callId}`, sk: 'BOOKING' },
        UpdateExpression: 'REMOVE children, #language, extraChildrenCents',
        ExpressionAttributeNames: { '#language': 'language' },
      }),
    );

    // Act
    const { body: view } = await getBooking(cloud, booking.callId, booking.accessToken);
    const corrected = await postJson(
      cloud,
      `/api/calls/${booking.callId}/details`,
      { children: [{ infoText: 'Loves snow.' }] },
      auth(booking),
      'PATCH',
    );
    const item = await storedItem(booking.callId);

    // Assert
    expect(item).not.toHaveProperty('children');
    expect(view).toMatchObject({
      child: { name: 'Theo', age: 9 },
      children: [{ name: 'Theo', age: 9 }],
      language: 'en',
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({
      details: { childInfoText: 'Loves snow.', children: [{ infoText: 'Loves snow.' }] },
    });
    expect(item.childInfoText).toBe('Loves snow.');
  });
});
