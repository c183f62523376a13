import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { Outbox, type OutboxMessage } from '../../local/ses/outbox.ts';
import { createBooking, payWithCard } from './support/booking-api.ts';
import { eventually, roomyLines, startTestCloud } from './support/local-cloud.ts';

/**
 * The emails a parent gets speak the booking's language and name every child, through the
 * whole path: POST /api/calls, the Stripe payment, the workflow's confirmation, the local SES
 * outbox. Needs the booking request's `children` and `language` (issue #14, part A1).
 */
let cloud: RunningLocalCloud;

beforeAll(async () => {
  cloud = await startTestCloud({ env: roomyLines });
});

afterAll(async () => {
  await cloud?.stop();
});

async function confirmationTo(parentEmail: string, subjectStart: string): Promise<OutboxMessage> {
  return eventually(`the confirmation email to ${parentEmail}`, async () =>
    (await new Outbox(join(cloud.config.dataDir, 'outbox')).list()).find(
      (email) => email.to === parentEmail && email.subject.startsWith(subjectStart),
    ),
  );
}

function calendarText(email: OutboxMessage): string {
  const file = email.attachments?.find((attachment) => attachment.filename.endsWith('.ics'));
  if (!file) throw new Error('No calendar file attached');
  return Buffer.from(file.content, 'base64').toString('utf8').replace(/\r\n /g, '');
}

describe('the emails in the booking language', () => {
  it('confirms a Spanish booking for two children in Spanish, naming both, with a Spanish calendar file', async () => {
    const parentEmail = 'familia-garcia@example.com';
    // The new shape only: the flat child fields left out (undefined is not sent as JSON).
    const booking = await createBooking(cloud, {
      childName: undefined,
      childAge: undefined,
      childGender: undefined,
      childInfoText: undefined,
      children: [
        { name: 'Emma', age: 7, gender: 'girl', infoText: 'Le encantan los dinosaurios.' },
        { name: 'Leo', age: 5, gender: 'boy' },
      ],
      language: 'es',
      locale: 'es-MX',
      timezone: 'America/Mexico_City',
      // A Mexican mobile (libphonenumber's example): the zone must be one of the number's.
      phoneNumber: '+522221234567',
      parentEmail,
    });
    await payWithCard(cloud, booking);

    const email = await confirmationTo(parentEmail, 'Papá Noel llamará a');

    // \p{L}, not \w: "miércoles" and "sábado" have accents.
    expect(email.subject).toMatch(/^Papá Noel llamará a Emma y Leo el \p{L}+, \d+ de \p{L}+$/u);
    expect(email.text).toContain('Tu reserva está confirmada: Papá Noel llamará a Emma y Leo el');
    expect(email.text).toContain(
      'Por favor, procura estar con Emma y Leo cuando suene el teléfono.',
    );
    expect(email.text).toContain('Usamos los datos de tus hijos');
    for (const english of ['Santa will call', 'You are getting this email', 'Amount paid']) {
      expect(email.text).not.toContain(english);
    }
    const calendar = calendarText(email);
    expect(calendar).toContain('SUMMARY:Llamada de Papá Noel');
    expect(calendar).toContain('Papá Noel llamará a Emma y Leo al número que nos diste.');
  });

  it('confirms a booking made the old way (one child, no language) in English, as before', async () => {
    const parentEmail = 'old-shape@example.com';
    const booking = await createBooking(cloud, { parentEmail });
    await payWithCard(cloud, booking);

    const email = await confirmationTo(parentEmail, 'Santa will call');

    expect(email.subject).toMatch(/^Santa will call Emma on /);
    expect(email.text).toContain('Your booking is confirmed: Santa will call Emma on');
    expect(email.text).toContain("We use your child's details only");
    expect(calendarText(email)).toContain('SUMMARY:Call from Santa');
  });
});
