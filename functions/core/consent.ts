/**
 * The version of the consent text the parent agrees to (AI-voiced call, FCC 2024; recording).
 * The site sends it with the booking; the booking stores it. Change it with the text.
 *
 * One version for every language: the English, Spanish and French boxes (functions/i18n/
 * messages/<lang>/book.json `consent.*`) say the same thing, and the booking stores the
 * language it was made in beside the version, so the exact words agreed to are known. Change
 * the version when the meaning changes in any language (not for a typo), so the server's check
 * (booking-request.ts) asks a page still showing the old words to reload.
 */
export const consentTextVersion = '2026-11-01';
