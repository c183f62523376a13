import { describe, expect, it } from 'vitest';
import { isSettled } from '../../frontend/src/lib/settled.ts';

describe('when the status pages stop polling', () => {
  it.each([
    ['scheduled', 'not_requested', false],
    ['in_progress', 'pending', false],
    ['completed', 'not_requested', true],
    ['completed', 'pending', false],
    ['completed', 'processing', false],
    ['completed', 'completed', true],
    ['completed', 'failed', true],
    ['no_answer', 'pending', true],
    ['cancelled', 'pending', true],
    ['no_answer', 'not_requested', true],
    ['cancelled', 'not_requested', true],
    ['failed', 'failed', true],
  ] as const)('call %s, video %s: settled %s', (callStatus, videoStatus, settled) => {
    expect(isSettled({ callStatus, videoStatus })).toBe(settled);
  });
});
