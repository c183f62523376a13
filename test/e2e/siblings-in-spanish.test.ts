import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, Request } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { localResourceNames } from '../../local/config.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { availabilityTimeoutMs, setupSite } from './support/site.ts';

/**
 * Issue #14 in the browser: a parent whose browser speaks Spanish (es-ES) books one call for
 * two children with notes for Santa. The wizard reads in Spanish (headings, buttons, the
 * schema's messages), the review names both children and prices the extra child in euros
 * written the Spanish way, and the booking the API stored has both children, the language and
 * the notes. Checked with axe at 375 px and 1440 px. Calling hours cover the whole day so "call
 * now" is offered whenever the test runs.
 */
const site = setupSite({
  timeScale: 60,
  env: { CALLING_HOURS_START: '00:00', CALLING_HOURS_END: '24:00' },
});

/** A phone 375 px wide (the narrowest we support) and a 1440 px desktop. */
const phone375 = { viewport: { width: 375, height: 812 } };
const desktop1440 = { viewport: { width: 1440, height: 900 } };
const spanish = { locale: 'es-ES', timezoneId: 'Europe/Madrid' } as const;

/**
 * Text with euro amounts as Spanish writes them: "4,50 €" (Intl puts a no-break space before €).
 * The rest of the text is matched literally ("+4,50 €" has a "+").
 */
const euros = (text: string) =>
  new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll(' €', '\\s€'));

/** Writes the active price list into the local table, as `PricingEntity` stores it. */
async function setPriceList(item: Record<string, unknown>): Promise<void> {
  const now = new Date().toISOString();
  await DynamoDBDocumentClient.from(new DynamoDBClient({})).send(
    new PutCommand({
      TableName: localResourceNames.table,
      Item: {
        pk: 'PRICING',
        sk: 'ACTIVE',
        entity: 'Pricing',
        id: 'ACTIVE',
        _ct: now,
        _md: now,
        ...item,
      },
    }),
  );
  const answer = await fetch(`${site.url}/api/pricing`);
  expect(answer.status, await answer.clone().text()).toBe(200);
}

async function checkPage(page: Page, name: string, viewport: 'phone' | 'desktop') {
  expect(await seriousAxeViolations(page), `axe on ${name} (${viewport})`).toEqual([]);
  await saveScreenshot(page, name, viewport);
}

describe('two children on one call, in Spanish', () => {
  test('the wizard reads in Spanish, prices the extra child in euros and sends both children, the language and the notes', async () => {
    const usd = { currency: 'usd', baseCents: 999, recordingCents: 299, extraChildCents: 500 };
    const eur = { currency: 'eur', baseCents: 899, recordingCents: 249, extraChildCents: 450 };
    await setPriceList({ ...usd, prices: [usd, eur] });
    const { page, consoleErrors, offMachineRequests } = await site.open('phone', '/book', {
      ...spanish,
      extra: phone375,
    });

    // Step 1 in Spanish, <html lang="es">, and the schema's message in Spanish.
    await page
      .getByRole('heading', { level: 1, name: 'Reserva una llamada de Papá Noel' })
      .waitFor();
    await page.getByRole('heading', { name: /Paso 1 de 4/ }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(await page.getByLabel('Idioma', { exact: true }).inputValue()).toBe('es');
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.getByText('Introduce el nombre del niño o la niña.').first().waitFor();
    await page.getByText('Revisa los 2 campos marcados abajo.').waitFor();

    // Two children: the first, then a sister added.
    await page.locator('#child-name').fill('Lucía');
    await page.locator('#child-age').fill('7');
    await page.getByRole('button', { name: 'Añadir un hermano o hermana' }).click();
    await page.getByRole('group', { name: 'Niño 2' }).waitFor();
    await page.locator('#child-2-name').fill('Mateo');
    await page.locator('#child-2-age').fill('4');
    await page.getByRole('group', { name: 'Niño 2: Mateo' }).getByLabel('Un niño').check();
    await page
      .getByRole('group', { name: 'Niño 1: Lucía' })
      .getByLabel('¿Qué debería saber Papá Noel?')
      .fill('Le encantan los dinosaurios.');
    // The call's language follows the site's, and says Santa will speak it.
    expect(await page.getByLabel('Español', { exact: true }).isChecked()).toBe(true);
    await page.getByText('Papá Noel hablará en este idioma con tus hijos.').waitFor();

    // Notes for Santa.
    await page.getByLabel('Algo que elogiar').fill('Lucía aprendió a montar en bici');
    await page.getByRole('button', { name: 'Añadir un nombre' }).click();
    await page.getByLabel('¿Quién es la persona 1?').selectOption('pet');
    await page.getByLabel('Nombre de la persona 1').fill('Pip');
    await page.getByLabel('Temas que Papá Noel no debe sacar').fill('La bici que no llegará');
    await checkPage(page, 'es-book-step-1', 'phone');
    await page.getByRole('button', { name: 'Continuar' }).click();

    // Step 2: a Spanish mobile (the country preselected from es-ES) and "call now".
    await page.getByRole('heading', { name: /Paso 2 de 4/ }).waitFor();
    expect(await page.getByLabel('País', { exact: true }).inputValue()).toBe('ES');
    await page.getByLabel('Teléfono al que debe llamar Papá Noel').fill('612 34 56 78');
    await page.getByText('Papá Noel llamará al +34 612 34 56 78').waitFor();
    await page
      .getByText(/horas? libres?|No quedan horas/)
      .first()
      .waitFor({ timeout: availabilityTimeoutMs });
    await page.getByLabel('Llamar ahora mismo').check();
    await checkPage(page, 'es-book-step-2', 'phone');
    await page.getByRole('button', { name: 'Continuar' }).click();

    // Step 3: a bad email is refused in Spanish, then the parent's details; euros for es-ES.
    await page.getByRole('heading', { name: /Paso 3 de 4/ }).waitFor();
    await page.getByLabel('Tu correo electrónico').fill('no-es-un-correo');
    await page.getByLabel('Presupuesto para regalos (€)').fill('40');
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.getByText('Introduce una dirección de correo electrónico válida.').waitFor();
    await page.getByLabel('Tu correo electrónico').fill('familia@example.com');
    await checkPage(page, 'es-book-step-3', 'phone');
    await page.getByRole('button', { name: 'Continuar' }).click();

    // Step 4: both children named, the extra child priced in euros, Spanish consents.
    await page.getByRole('heading', { name: /Paso 4 de 4/ }).waitFor();
    const review = page.locator('dl.summary');
    await review.getByText('Lucía, 7 años').waitFor();
    await review.getByText('Mateo, 4 años').waitFor();
    await review.getByText('Idioma: Español').waitFor();
    await page.getByLabel('Este número de teléfono es mío o puedo usarlo.').check();
    await page.getByLabel('Soy el padre, la madre o el tutor legal de los niños.').check();
    await page.getByLabel(/acepto una llamada con voz de IA/).check();
    await page.getByText('Test payment (local emulator)').waitFor();
    await page.getByLabel(/4242 — payment succeeds/).check();
    // The price per extra child is the planted list's euro `extraChildCents` (450); the total is
    // its base (899) + one extra child; no recording.
    expect(await page.getByTestId('extra-children').textContent()).toMatch(
      euros('Lucía y Mateo en una sola llamada: 1 niño más, +4,50 €'),
    );
    expect(await page.locator('p.total').textContent()).toMatch(euros('Total: 13,49 €'));
    await checkPage(page, 'es-book-step-4', 'phone');

    const posted = page.waitForRequest(
      (request: Request) => request.url().endsWith('/api/calls') && request.method() === 'POST',
    );
    await page.getByRole('button', { name: /^Pagar / }).click();
    const request = await posted;
    const created = (await (await request.response())?.json()) as {
      callId?: string;
      accessToken?: string;
    };
    await page.waitForURL(/\/success\/[0-9A-Z]{26}$/);

    // What reached the API: the new shape of the request (contract #14).
    const body = request.postDataJSON() as Record<string, unknown>;
    expect(body.locale).toBe('es-ES');
    expect(body.currency).toBe('eur');
    expect(body.language).toBe('es');
    expect(body.children).toEqual([
      { name: 'Lucía', age: 7, infoText: 'Le encantan los dinosaurios.' },
      { name: 'Mateo', age: 4, gender: 'boy' },
    ]);
    expect(body.notesForSanta).toEqual({
      praise: 'Lucía aprendió a montar en bici',
      people: [{ relation: 'pet', name: 'Pip' }],
      avoidTopics: 'La bici que no llegará',
    });

    // What the API stored, read back through the booking view.
    const view = (await (
      await fetch(`${site.url}/api/calls/${created.callId}`, {
        headers: { authorization: `Bearer ${created.accessToken}` },
      })
    ).json()) as Record<string, unknown>;
    expect(view.language).toBe('es');
    expect((view.children as { name: string }[] | undefined)?.map((child) => child.name)).toEqual([
      'Lucía',
      'Mateo',
    ]);
    expect(view.notesForSanta).toMatchObject({ people: [{ relation: 'pet', name: 'Pip' }] });
    expect(view.amountCents).toBe(eur.baseCents + eur.extraChildCents);

    expect(consoleErrors).toEqual([]);
    expect(offMachineRequests).toEqual([]);
  });

  test('the header picker switches the site to Spanish; axe-clean in Spanish at 1440 px', async () => {
    const { page, consoleErrors } = await site.open('desktop', '/book', { extra: desktop1440 });
    await page.getByRole('heading', { name: /Step 1 of 4/ }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    // The picker is a labelled select: reachable and usable with the keyboard.
    const picker = page.getByLabel('Language', { exact: true });
    await picker.focus();
    await picker.selectOption('es');
    await page.getByRole('heading', { name: /Paso 1 de 4/ }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(await page.getByRole('link', { name: 'Reservar una llamada' }).count()).toBe(1);
    // The call's language follows the site's until the parent picks one.
    expect(await page.getByLabel('Español', { exact: true }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Añadir un hermano o hermana' }).click();
    await page.getByRole('button', { name: 'Añadir un nombre' }).click();
    await checkPage(page, 'es-book-step-1', 'desktop');

    // The choice is remembered: a reload stays in Spanish.
    await page.reload();
    await page.getByRole('heading', { name: /Paso 1 de 4/ }).waitFor();
    expect(consoleErrors).toEqual([]);
  });
});
