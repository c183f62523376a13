import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bookingWorkflow } from '../../state-machines/booking-workflow.ts';

describe('state-machines/booking.asl.json', () => {
  it('is what state-machines/booking-workflow.ts builds (run `npm run asl` after changing it)', () => {
    const file = JSON.parse(
      readFileSync(new URL('../../state-machines/booking.asl.json', import.meta.url), 'utf8'),
    );

    expect(file).toEqual(bookingWorkflow);
  });
});
