import { describe, expect, it } from 'vitest';
import type { BookingRecord } from '../../../functions/core/booking.ts';
import { callCalendarFile } from '../../../functions/core/calendar-file.ts';
import { bookingFormattingLocale } from '../../../functions/core/locale.ts';
import { calendarTexts } from '../../../functions/email/calendar-texts.ts';
import { renderEmail } from '../../../functions/email/render-email.ts';
import { bookingEmails } from '../../../functions/services/booking-emails.ts';

/**
 * A booking becomes its emails' props in one place (services/booking-emails.ts): the children,
 * the language and the locale are read there, from new bookings and from older ones alike.
 */

const links = { publicSiteUrl: 'https://callsanta.example', accessTokenSecret: 'k'.repeat(32) };

/** A booking made before siblings and languages: one child in flat fields, no language. */
const oldBooking: BookingRecord = {
  bookingId: 'b-old',
  version: 1,
  callStatus: 'scheduled',
  paymentStatus: 'paid',
  videoStatus: 'not_requested',
  childName: 'Emma',
  childAge: 7,
  phoneNumber: '+12125550100',
  parentEmail: 'parent@example.com',
  giftBudget: 50,
  purchaseRecording: false,
  callNow: false,
  scheduledAt: '2026-12-24T23:30:00Z',
  timezone: 'America/New_York',
  slotStart: '2026-12-24T23:30:00Z',
  baseCents: 2999,
  recordingCents: 0,
  totalCents: 2999,
  currency: 'usd',
  consentVersion: '1',
  consentedAt: '2026-12-01T10:00:00Z',
  recordingConsent: true,
  holdExpiresAt: '2026-12-01T10:15:00Z',
  attempts: 0,
};

/** A new booking: two children, in Spanish, from a Mexican browser. */
const spanishBooking: BookingRecord = {
  ...oldBooking,
  bookingId: 'b-es',
  children: [
    { name: 'Emma', age: 7 },
    { name: 'Leo', age: 5 },
  ],
  language: 'es',
  locale: 'es-MX',
  currency: 'mxn',
  totalCents: 45000,
  timezone: 'America/Mexico_City',
};

describe("a booking's emails", () => {
  it('speak English with the one child of an older booking, as before', async () => {
    const email = await renderEmail(
      'bookingConfirmation',
      bookingEmails.bookingConfirmation(oldBooking, links),
    );

    expect(email.subject).toBe('Santa will call Emma on Thursday, December 24');
    expect(email.text).toContain(
      'Your booking is confirmed: Santa will call Emma on Thursday, December 24, 2026 at 6:30 PM Eastern Standard Time.',
    );
    expect(email.text).toContain('$29.99');
    expect(email.text).toContain("We use your child's details only");
  });

  it('speak Spanish to a Spanish booking, naming both children, in Mexican formats', async () => {
    const email = await renderEmail(
      'bookingConfirmation',
      bookingEmails.bookingConfirmation(spanishBooking, links),
    );

    expect(email.subject).toBe('Papá Noel llamará a Emma y Leo el jueves, 24 de diciembre');
    expect(email.text).toContain(
      'Tu reserva está confirmada: Papá Noel llamará a Emma y Leo el jueves, 24 de diciembre de 2026, 5:30 p.m. hora estándar central.',
    );
    expect(email.text).toContain('$450.00');
    expect(email.text).toContain('Usamos los datos de tus hijos');
  });

  it('put the stored call analysis in the transcript email, in the booking language', async () => {
    const completed: BookingRecord = {
      ...spanishBooking,
      callStatus: 'completed',
      callAnalysis: {
        summary: 'Una llamada alegre.',
        children: [
          { name: 'Emma', wishes: ['una bicicleta roja'] },
          { name: 'Leo', wishes: ['un tren'], proudOf: 'Se viste solo.' },
        ],
        criteria: [{ id: 'stayed_in_character', result: 'failure', rationale: 'para soporte' }],
        analysedAt: '2026-12-25T00:00:00Z',
      },
    };
    const transcript = {
      conversationId: 'c-1',
      durationSecs: 200,
      turns: [{ role: 'child' as const, message: 'Hola', timeInCallSecs: 1 }],
    };

    const email = await renderEmail(
      'callTranscript',
      bookingEmails.callTranscript(completed, transcript, links, new Date('2026-12-25T01:00:00Z')),
    );

    expect(email.text).toContain('Lo que Emma le pidió a Papá Noel');
    expect(email.text).toContain('una bicicleta roja');
    expect(email.text).toContain('Lo que Leo le pidió a Papá Noel');
    expect(email.text).toContain('Se viste solo.');
    expect(email.text).toContain('Una llamada alegre.');
    // The evaluation criteria are for support, never the parent.
    expect(email.text).not.toContain('para soporte');
    expect(email.text).not.toContain('stayed_in_character');
  });

  it("labels each child's line with the child Santa just spoke to, else 'Los niños'", async () => {
    const completed: BookingRecord = { ...spanishBooking, callStatus: 'completed' };
    const transcript = {
      conversationId: 'c-2',
      durationSecs: 120,
      turns: [
        { role: 'santa' as const, message: '¡Jo, jo, jo! Hola a todos.', timeInCallSecs: 0 },
        { role: 'child' as const, message: '¡Hola, Santa!', timeInCallSecs: 2 },
        { role: 'santa' as const, message: 'Emma, ¿qué te gustaría?', timeInCallSecs: 4 },
        { role: 'child' as const, message: 'Una bicicleta roja.', timeInCallSecs: 6 },
        { role: 'santa' as const, message: 'Y tú, Leo, ¿qué quieres?', timeInCallSecs: 8 },
        { role: 'child' as const, message: 'Un tren.', timeInCallSecs: 10 },
      ],
    };

    const props = bookingEmails.callTranscript(completed, transcript, links);
    const email = await renderEmail('callTranscript', props);

    expect(props.transcript.map((line) => line.speaker)).toEqual([
      undefined,
      undefined,
      undefined,
      'Emma',
      undefined,
      'Leo',
    ]);
    expect(email.text).toMatch(/Los niños:\s+¡Hola, Santa!/);
    expect(email.text).toMatch(/Emma:\s+Una bicicleta roja\./);
    expect(email.text).toMatch(/Leo:\s+Un tren\./);
  });

  it("names the one child's lines on an older one-child booking", async () => {
    const transcript = {
      conversationId: 'c-3',
      durationSecs: 60,
      turns: [
        { role: 'santa' as const, message: 'Ho ho ho!', timeInCallSecs: 0 },
        { role: 'child' as const, message: 'Hi Santa!', timeInCallSecs: 2 },
      ],
    };

    const props = bookingEmails.callTranscript(
      { ...oldBooking, callStatus: 'completed' },
      transcript,
      links,
    );

    expect(props.transcript.map((line) => line.speaker)).toEqual([undefined, 'Emma']);
  });

  it.each([
    [{}, 'en-US'],
    [{ locale: 'en-GB' }, 'en-GB'],
    [{ language: 'es', locale: 'es-MX' }, 'es-MX'],
    [{ language: 'es', locale: 'en-US' }, 'es'],
    [{ language: 'fr' }, 'fr'],
    [{ language: 'fr', locale: 'fr-CA' }, 'fr-CA'],
  ] as const)('a booking %j writes dates and amounts in %s', (booking, locale) => {
    expect(bookingFormattingLocale(booking)).toBe(locale);
  });
});

describe("the calendar file's words", () => {
  const event = {
    bookingId: 'b-es',
    startUtc: '2026-12-24T23:30:00Z',
    durationMinutes: 5,
    sequence: 0,
    method: 'PUBLISH' as const,
    childFirstName: 'Emma',
    stampUtc: '2026-12-01T10:00:00Z',
  };
  const unfolded = (file: string) => file.replace(/\r\n /g, '');

  it('are in the booking language and name every child', async () => {
    const file = unfolded(
      callCalendarFile({ ...event, texts: await calendarTexts(spanishBooking) }),
    );

    expect(file).toContain('SUMMARY:Llamada de Papá Noel');
    expect(file).toContain('DESCRIPTION:Papá Noel llamará a Emma y Leo al número que nos diste.');
    expect(file).toContain('DESCRIPTION:Papá Noel llama a Emma y Leo dentro de 10 minutos');
  });

  it('say the cancellation in French', async () => {
    const texts = await calendarTexts({ ...spanishBooking, language: 'fr', locale: 'fr-FR' });
    const file = unfolded(callCalendarFile({ ...event, method: 'CANCEL', sequence: 1, texts }));

    expect(file).toContain('SUMMARY:Annulé : Appel du Père Noël');
    expect(file).toContain('DESCRIPTION:Cet appel du Père Noël à Emma et Leo a été annulé.');
  });

  it('are English for an older booking, as the file always said', async () => {
    const withTexts = callCalendarFile({ ...event, texts: await calendarTexts(oldBooking) });

    expect(withTexts).toBe(callCalendarFile(event));
  });
});
