/**
 * The version of the consent text the parent agrees to (AI-voiced call, FCC 2024; recording).
 * The site sends it with the booking; the booking stores it. Change it with the text.
 */
export const consentTextVersion = '2026-11-01';
