import { describe, expect, it } from 'vitest';
import type { EmailProps } from '../../../functions/email/registry.ts';
import { renderEmail } from '../../../functions/email/render-email.ts';

/** A Spanish call with two children, and what the post-call analysis said about each. */
const call: EmailProps<'callTranscript'> = {
  childNames: ['Emma', 'Leo'],
  language: 'es',
  locale: 'es-MX',
  callAtUtc: '2026-12-24T23:30:00Z',
  timezone: 'America/Mexico_City',
  durationSecs: 245,
  transcript: [
    { role: 'santa', message: '¡Jo, jo, jo! Hola, Emma y Leo.' },
    { role: 'child', message: 'Quiero una bicicleta roja.', speaker: 'Emma' },
    { role: 'child', message: '¡Y yo un tren!', speaker: 'Leo' },
    { role: 'child', message: '¡Adiós, Santa!' },
  ],
  analysis: {
    summary: 'Papá Noel habló con Emma y Leo sobre sus deseos y sobre el colegio.',
    children: [
      {
        name: 'Emma',
        wishes: ['una bicicleta roja', 'un libro de dinosaurios'],
        proudOf: 'Aprendió a montar en bici sin ruedines.',
      },
      { name: 'Leo', wishes: ['un tren de madera'], worries: 'Le da miedo la oscuridad.' },
    ],
  },
};

describe('the transcript email with the call analysis', () => {
  it('shows, for each child, what they asked Santa for, then the summary, then the transcript', async () => {
    const email = await renderEmail('callTranscript', call);

    expect(email.subject).toBe('La llamada de Papá Noel con Emma y Leo: la transcripción');
    const text = email.text;
    const order = [
      'Lo que Emma le pidió a Papá Noel',
      'una bicicleta roja',
      'un libro de dinosaurios',
      'Lo que llena de orgullo a Emma',
      'Aprendió a montar en bici sin ruedines.',
      'Lo que Leo le pidió a Papá Noel',
      'un tren de madera',
      'Algo que le rondaba la cabeza a Leo',
      'Le da miedo la oscuridad. Papá Noel le escuchó con cariño.',
      'La llamada en pocas palabras',
      'Papá Noel habló con Emma y Leo sobre sus deseos y sobre el colegio.',
      'Lo que Papá Noel, Emma y Leo se dijeron',
      'Papá Noel: ¡Jo, jo, jo! Hola, Emma y Leo.',
    ];
    const places = order.map((phrase) => text.indexOf(phrase));
    expect(
      places.every((place) => place >= 0),
      JSON.stringify(places),
    ).toBe(true);
    expect(places).toEqual([...places].sort((a, b) => a - b));
    // Wishes are a list, one item each.
    expect(email.html).toContain('<li style');
    expect(email.html).toMatch(/<li [^>]*>una bicicleta roja<\/li>/);
    // Emma said nothing worrying: no such heading for her.
    expect(text).not.toContain('Algo que le rondaba la cabeza a Emma');
  });

  it('labels each child turn with the child the transcript says spoke, else "the children"', async () => {
    const email = await renderEmail('callTranscript', call);

    expect(email.text).toContain('Emma: Quiero una bicicleta roja.');
    expect(email.text).toContain('Leo: ¡Y yo un tren!');
    expect(email.text).toContain('Los niños: ¡Adiós, Santa!');
  });

  it('says so, kindly, when a child named no wish', async () => {
    const email = await renderEmail('callTranscript', {
      ...call,
      analysis: {
        children: [
          { name: 'Emma', wishes: [], proudOf: 'Ayuda a su hermano.' },
          // Nothing said about Leo at all: no section for him.
          { name: 'Leo', wishes: ['  '] },
        ],
      },
    });

    expect(email.text).toContain('Emma no pidió ningún deseo en esta llamada.');
    expect(email.text).not.toContain('Lo que Leo le pidió a Papá Noel');
    expect(email.text).not.toContain('La llamada en pocas palabras');
  });

  it('reads as it always did in English, for an older call with no analysis', async () => {
    const email = await renderEmail('callTranscript', {
      childNames: ['Emma'],
      callAtUtc: '2026-12-24T23:30:00Z',
      timezone: 'America/New_York',
      durationSecs: 252,
      transcript: [{ role: 'child', message: 'Hi Santa!' }],
    });

    expect(email.subject).toBe("Emma's call with Santa: the transcript");
    expect(email.text).toContain('What Santa and Emma said');
    expect(email.text).toContain('Emma: Hi Santa!');
    expect(email.text).not.toContain('asked Santa for');
    expect(email.text).not.toContain('in a few words');
  });

  it("in French, names each child's wishes and the summary", async () => {
    const email = await renderEmail('callTranscript', { ...call, language: 'fr', locale: 'fr-FR' });

    expect(email.subject).toBe("L'appel du Père Noël avec Emma et Leo : la transcription");
    expect(email.text).toContain('Emma a demandé au Père Noël');
    expect(email.text).toContain('Leo a demandé au Père Noël');
    expect(email.text).toContain("L'appel en quelques mots");
    expect(email.text).toContain('Père Noël: ¡Jo, jo, jo!');
    expect(email.text).toContain('Les enfants: ¡Adiós, Santa!');
  });
});
