import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { Outbox, type OutboxMessage } from '../../local/ses/outbox.ts';
import {
  bookingWhere,
  type CreatedBooking,
  createBooking,
  payWithCard,
} from './support/booking-api.ts';
import { eventually, startTestCloud } from './support/local-cloud.ts';

/**
 * Issue #14's whole path, end to end on the local cloud: POST /api/calls (the new shape, or the
 * old flat one), the Stripe emulator's payment, the workflow placing the call on the ElevenLabs
 * emulator (its scripted call speaks to each child by name, in the booking's language), the
 * post-call analysis stored on the booking, and the transcript email in the local SES outbox —
 * in the booking's language, with each child's wishes as the emulator's children said them.
 */
let cloud: RunningLocalCloud;

// A minute of booking time passes in a second; the call may be placed at any hour.
beforeAll(async () => {
  cloud = await startTestCloud({
    timeScale: 60,
    env: { EXPECTED_CALL_MINUTES: '1', CALLING_HOURS_START: '00:00', CALLING_HOURS_END: '24:00' },
  });
}, 120_000);

afterAll(async () => {
  await cloud?.stop();
});

/** Pays for the booking, then waits for its call to complete with its analysis stored. */
async function paidAndCalled(booking: CreatedBooking): Promise<Record<string, unknown>> {
  await payWithCard(cloud, booking);
  let last: Record<string, unknown> = {};
  return bookingWhere(
    cloud,
    booking,
    'the call to complete and its analysis to be stored',
    (body) => {
      last = body;
      return body.callStatus === 'completed' && body.callSummary !== null;
    },
    90_000,
  ).catch((error: unknown) => {
    throw new Error(
      `${String(error)} Last seen: ${JSON.stringify({ callStatus: last.callStatus, timeline: last.timeline })}`,
    );
  });
}

function transcriptEmailTo(parentEmail: string, subject: string): Promise<OutboxMessage> {
  return eventually(
    `the transcript email to ${parentEmail}`,
    async () =>
      (await new Outbox(join(cloud.config.dataDir, 'outbox')).list()).find(
        (email) => email.to === parentEmail && email.subject === subject,
      ),
    60_000,
  );
}

describe('a call for siblings in Spanish, to the wish list in the transcript email', {
  timeout: 180_000,
}, () => {
  it('emails the transcript in Spanish with what each child asked Santa for', async () => {
    // Arrange: two children, Spanish, notes for Santa; the new shape only.
    const parentEmail = 'familia-lopez@example.com';
    const booking = await createBooking(cloud, {
      childName: undefined,
      childAge: undefined,
      childGender: undefined,
      childInfoText: undefined,
      children: [
        { name: 'Lucía', age: 8, gender: 'girl', infoText: 'Le encantan los caballos.' },
        { name: 'Mateo', age: 5, gender: 'boy' },
      ],
      language: 'es',
      locale: 'es-ES',
      notesForSanta: {
        praise: 'Lucía aprendió a leer sola.',
        people: [{ relation: 'pet', name: 'Max' }],
        avoidTopics: 'el abuelo',
      },
      phoneNumber: '+34612345678',
      timezone: 'Europe/Madrid',
      scheduledAt: undefined,
      callNow: true,
      parentEmail,
    });

    // Act
    const done = await paidAndCalled(booking);
    const email = await transcriptEmailTo(
      parentEmail,
      'La llamada de Papá Noel con Lucía y Mateo: la transcripción',
    );

    // Assert: the analysis as the emulator's scripted children said it…
    expect(done.language).toBe('es');
    expect(done.callSummary).toMatchObject({
      children: [
        { name: 'Lucía', wishes: ['un trineo rojo'] },
        { name: 'Mateo', wishes: ['un puzle de dinosaurios'] },
      ],
    });
    // …reaches the parent, in Spanish, as each child's wish list…
    expect(email.text).toContain('Lo que Lucía le pidió a Papá Noel');
    expect(email.text).toContain('Lo que Mateo le pidió a Papá Noel');
    const luciaWishes = email.text.indexOf('Lo que Lucía le pidió a Papá Noel');
    const mateoWishes = email.text.indexOf('Lo que Mateo le pidió a Papá Noel');
    expect(email.text.slice(luciaWishes, mateoWishes)).toContain('un trineo rojo');
    expect(email.text.slice(mateoWishes)).toContain('un puzle de dinosaurios');
    // …with each child's own lines under their name, in the language of the call.
    expect(email.text).toMatch(/Lucía:\s+¡Quiero un trineo rojo, por favor!/);
    expect(email.text).toMatch(/Mateo:\s+¡Quiero un puzle de dinosaurios, por favor!/);
    expect(email.text).toMatch(/Lo que [^\n]*Lucía[^\n]* se dijeron/);
    for (const english of ['asked Santa for', 'The children', 'What ', 'transcript']) {
      expect(email.text).not.toContain(english);
    }
    // The parent's notes and the evaluation criteria are for Santa and support, not this email.
    expect(email.text).not.toContain('el abuelo');
    expect(email.text).not.toContain('stayed_in_character');
  });

  it('emails the transcript in English for a booking made the old way (one child, flat fields)', async () => {
    // Arrange: childName/childAge as before siblings and languages; no `children`, no language.
    const parentEmail = 'old-way@example.com';
    const booking = await createBooking(cloud, {
      childName: 'Emma',
      childAge: 7,
      phoneNumber: '+14155552671',
      timezone: 'America/Los_Angeles',
      scheduledAt: undefined,
      callNow: true,
      parentEmail,
    });

    // Act
    const done = await paidAndCalled(booking);
    const email = await transcriptEmailTo(parentEmail, "Emma's call with Santa: the transcript");

    // Assert
    expect(done.language).toBe('en');
    expect(done.callSummary).toMatchObject({
      children: [{ name: 'Emma', wishes: ['a red sledge'] }],
    });
    expect(email.text).toContain('What Emma asked Santa for');
    expect(email.text).toContain('a red sledge');
    expect(email.text).toMatch(/Emma:\s+I would love a red sledge, please!/);
    expect(email.text).not.toContain('Lo que');
  });
});
