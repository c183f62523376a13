import { describe, expect, it } from 'vitest';
import { languageCodes, languages } from '../../../functions/core/languages.ts';
import { emailTranslator, hasEmailMessages } from '../../../functions/email/i18n.ts';
import {
  type EmailProps,
  type EmailTemplateName,
  emailTemplates,
} from '../../../functions/email/registry.ts';
import { renderEmail } from '../../../functions/email/render-email.ts';

/**
 * Every email in every language: the words come from namespace `email` in the booking's
 * language, with every child named, and no English or message key left over.
 */

const callAtUtc = '2026-12-24T23:30:00Z';
const timezone = 'Europe/Madrid';
const link = 'https://callsanta.example/manage/b-1#token=abc';

/** One set of props per template, for two children. */
function propsFor(language: string, locale: string) {
  const shared = { childNames: ['Emma', 'Leo'], language, locale };
  return {
    bookingConfirmation: {
      ...shared,
      callNow: false,
      callAtUtc,
      timezone,
      amountCents: 3999,
      currency: 'eur',
      purchaseRecording: true,
      manageUrl: link,
      statusUrl: link,
      calendarAttached: true,
    },
    callReminder: { ...shared, callAtUtc, timezone, manageUrl: link },
    callTranscript: {
      ...shared,
      callAtUtc,
      timezone,
      durationSecs: 252,
      transcript: [
        { role: 'santa', message: 'Ho ho ho!' },
        { role: 'child', message: 'Hola Santa', speaker: 'Emma' },
      ],
      recordingUrl: link,
    },
    callNotCompleted: {
      ...shared,
      reason: 'no_answer',
      attempts: 3,
      refunded: true,
      amountCents: 3999,
      currency: 'eur',
      bookAgainUrl: link,
    },
    videoReady: { ...shared, recordingUrl: link },
    videoNotMade: { ...shared, recordingUrl: link },
    callMoved: {
      ...shared,
      callNow: false,
      callAtUtc,
      previousCallAtUtc: '2026-12-23T18:00:00Z',
      timezone,
      manageUrl: link,
      statusUrl: link,
      calendarAttached: true,
    },
    callCancelled: {
      ...shared,
      callAtUtc,
      timezone,
      amountRefundedCents: 0,
      currency: 'eur',
      noRefundReason: 'late_cancellation',
      bookAgainUrl: link,
    },
  } as { [Name in EmailTemplateName]: EmailProps<Name> };
}

const templateNames = Object.keys(emailTemplates) as EmailTemplateName[];

/** A message key rendered as text: i18next shows the key when a message is missing. */
const messageKey = new RegExp(
  `\\b(?:${[...templateNames, 'layout', 'common', 'calendar'].join('|')})\\.\\w`,
);

/** Distinctive English that must not survive in another language. */
const english = [
  'Santa will',
  'Santa calls',
  'You are getting this email',
  'your booking',
  'your call',
  'the call',
  ' and Leo',
  'We use your',
];

/** A phrase each email says in each language, naming both children. */
const said: Record<'es' | 'fr', Record<EmailTemplateName, string>> = {
  es: {
    bookingConfirmation:
      'Tu reserva está confirmada: Papá Noel llamará a Emma y Leo el viernes, 25 de diciembre de 2026, 0:30',
    callReminder: 'Estarás con Emma y Leo cuando suene el teléfono.',
    callTranscript: 'Papá Noel llamó a Emma y Leo el viernes',
    callNotCompleted:
      'Papá Noel intentó llamar a Emma y Leo 3 veces, pero nadie contestó al teléfono.',
    videoReady: 'Hemos convertido la llamada de Papá Noel con Emma y Leo en un vídeo',
    videoNotMade: 'La llamada de Papá Noel con Emma y Leo salió bien',
    callMoved: 'Papá Noel llamará ahora a Emma y Leo el viernes, 25 de diciembre de 2026',
    callCancelled:
      'No se ha reembolsado tu pago. Las llamadas canceladas menos de 10 minutos antes de la hora prevista no se reembolsan.',
  },
  fr: {
    bookingConfirmation:
      'Votre réservation est confirmée : le Père Noël appellera Emma et Leo le vendredi 25 décembre 2026',
    callReminder: 'Vous êtes avec Emma et Leo quand le téléphone sonne.',
    callTranscript: 'Le Père Noël a appelé Emma et Leo le vendredi 25 décembre 2026',
    callNotCompleted:
      "Le Père Noël a essayé d'appeler Emma et Leo 3 fois, mais personne n'a répondu.",
    videoReady: "Nous avons transformé l'appel du Père Noël avec Emma et Leo en une vidéo",
    videoNotMade: "L'appel du Père Noël avec Emma et Leo s'est bien passé",
    callMoved: 'Le Père Noël appellera désormais Emma et Leo le vendredi 25 décembre 2026',
    callCancelled:
      "Votre paiement n'a pas été remboursé. Les appels annulés moins de 10 minutes avant l'heure prévue ne sont pas remboursés.",
  },
};

describe('the emails in every language', () => {
  it.each(languages.map((language) => [language.code]))(
    'has the email messages of %s loaded (adding a language: its email.json and its config line)',
    async (code) => {
      expect(await hasEmailMessages(code)).toBe(true);
      const t = await emailTranslator(code);
      // A message of its own file, not English filled in: only English says it in English.
      const heading = t('callCancelled.heading');
      expect(heading).not.toMatch(messageKey);
      if (code !== 'en') expect(heading).not.toBe('Your call is cancelled');
    },
  );

  describe.each(languageCodes.map((code) => [code]))('in %s', (code) => {
    it.each(templateNames.map((name) => [name]))(
      '%s renders every message, none missing',
      async (name) => {
        const email = await renderEmail(name, propsFor(code, code)[name]);

        for (const part of [email.subject, email.html, email.text]) {
          expect(part).not.toMatch(messageKey);
          expect(part).toContain('Emma');
          expect(part).toContain('Leo');
        }
        expect(email.html).toMatch(new RegExp(`<html [^>]*lang="${code}"`));
      },
    );
  });

  describe.each([
    ['es', 'es-ES'],
    ['fr', 'fr-FR'],
  ] as const)('in %s (%s)', (code, locale) => {
    it.each(templateNames.map((name) => [name]))(
      '%s is written in the language, with no English left',
      async (name) => {
        const email = await renderEmail(name, propsFor(code, locale)[name]);

        expect(email.text).toContain(said[code][name]);
        for (const part of [email.subject, email.text]) {
          for (const words of english) expect(part).not.toContain(words);
        }
      },
    );
  });
});

describe('Spanish emails', () => {
  it('say the subject, the date and the amount as a Spanish reader writes them', async () => {
    const email = await renderEmail(
      'bookingConfirmation',
      propsFor('es', 'es-ES').bookingConfirmation,
    );

    expect(email.subject).toBe('Papá Noel llamará a Emma y Leo el viernes, 25 de diciembre');
    for (const part of [email.html, email.text]) {
      expect(part).toContain('¡Papá Noel llamará a Emma y Leo!');
      expect(part).toContain('39,99 €');
      expect(part).toContain('Usamos los datos de tus hijos');
      expect(part).toContain('Gestionar o cancelar tu reserva');
    }
  });

  it('say "your child" for one child and "your children" for several', async () => {
    const one = await renderEmail('videoReady', {
      ...propsFor('es', 'es-MX').videoReady,
      childNames: ['Emma'],
    });
    const three = await renderEmail('videoReady', {
      ...propsFor('es', 'es-MX').videoReady,
      childNames: ['Emma', 'Leo', 'Mia'],
    });

    expect(one.text).toContain('Usamos los datos de tu hijo o hija');
    expect(one.subject).toBe('Ya está listo el vídeo de la llamada de Papá Noel con Emma');
    expect(three.text).toContain('Usamos los datos de tus hijos');
    expect(three.subject).toBe(
      'Ya está listo el vídeo de la llamada de Papá Noel con Emma, Leo y Mia',
    );
  });
});

describe('English emails for several children', () => {
  it('name every child together and speak of "your children"', async () => {
    const email = await renderEmail('bookingConfirmation', {
      ...propsFor('en', 'en-US').bookingConfirmation,
      timezone: 'America/New_York',
      currency: 'usd',
    });

    expect(email.subject).toBe('Santa will call Emma and Leo on Thursday, December 24');
    expect(email.text).toContain('Please be with Emma and Leo when the phone rings.');
    expect(email.text).toContain("We use your children's details only");
    expect(email.text).toContain('$39.99');
  });

  it('say "your child" when there is one', async () => {
    const email = await renderEmail('videoReady', {
      ...propsFor('en', 'en-US').videoReady,
      childNames: ['Emma'],
    });

    expect(email.text).toContain("We use your child's details only");
  });
});
