/**
 * How late a call started: the dial's time minus the booked time, in whole seconds, never
 * negative (a "call now" booking dials at or after its instant; an early dial counts as on
 * time). Only a first attempt measures the queue: retries are late on purpose (their wait).
 *
 * @param scheduledAt the booking's `scheduledAt` (ISO 8601)
 * @param dialAt when the dial was claimed, after the wait for a line and the start pace
 * @returns seconds ≥ 0, or undefined for a retry or an unreadable time
 */
export function callStartLatenessSeconds(
  scheduledAt: string,
  dialAt: Date,
  attempt: number,
): number | undefined {
  if (attempt !== 1) return undefined;
  const booked = Date.parse(scheduledAt);
  if (Number.isNaN(booked)) return undefined;
  return Math.max(0, Math.round((dialAt.getTime() - booked) / 1000));
}
