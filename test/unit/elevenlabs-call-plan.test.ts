import { describe, expect, it } from 'vitest';
import { callPlanSchema, planCall } from '../../local/elevenlabs/call-plan.ts';

const plan = callPlanSchema.parse({ seed: 'christmas-eve' });
const numbers = Array.from({ length: 4000 }, (_, i) => `+1212${String(2_000_000 + i)}`);

describe('the emulator call plan', () => {
  it('gives the same call for the same seed, number and attempt', () => {
    expect(planCall(plan, '+12125550000', 0)).toEqual(planCall(plan, '+12125550000', 0));
    expect(planCall(plan, '+12125550000', 0)).not.toEqual(
      planCall({ ...plan, seed: 'other' }, '+12125550000', 0),
    );
  });

  it('makes about the asked shares of first calls busy and unanswered, and no retry', () => {
    // Act
    const first = numbers.map((n) => planCall(plan, n, 0).outcome);
    const retries = numbers.map((n) => planCall(plan, n, 1).outcome);

    // Assert
    const share = (outcome: string) => first.filter((o) => o === outcome).length / first.length;
    expect(share('busy')).toBeCloseTo(0.04, 1);
    expect(share('no-answer')).toBeCloseTo(0.06, 1);
    expect(new Set(retries)).toEqual(new Set(['answered']));
  });

  it('talks for a log-normal length around the median, never past the agent’s 300 s', () => {
    // Act
    const talks = numbers.flatMap((n) => {
      const call = planCall(plan, n, 1);
      return call.outcome === 'answered' ? [call] : [];
    });

    // Assert
    const lengths = talks.map((c) => c.talkSecs).sort((a, b) => a - b);
    const median = lengths[Math.floor(lengths.length / 2)] ?? 0;
    expect(median).toBeGreaterThan(220);
    expect(median).toBeLessThan(260);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(300);
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(30);
    expect(talks.every((c) => c.ringSecs >= 5 && c.ringSecs <= 25)).toBe(true);
  });
});
