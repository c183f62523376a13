import { describe, expect, it } from 'vitest';
import { loadWorkflowConfig } from '../../functions/config/workflow-config.ts';
import { loadLocalCloudConfig, scaledSeconds } from '../../local/config.ts';
import { handlerEnvironment } from '../../local/handler-environment.ts';

describe('scaledSeconds', () => {
  it.each([
    [1500, 1, 1500],
    [1500, 60, 25],
    [1500, 7, 215],
    [1500, 3600, 1],
    [59, 60, 1],
    [0, 1, 1],
  ])('%i s at time scale %i is %i s', (seconds, timeScale, expected) => {
    expect(scaledSeconds(seconds, timeScale)).toBe(expected);
  });
});

describe('the wall-clock durations handlers get from the local cloud', () => {
  const durationsAt = (env: Record<string, string>) => {
    const workflow = loadWorkflowConfig(handlerEnvironment(loadLocalCloudConfig(env)));
    return {
      lease: workflow.capacity.leaseSeconds,
      abandon: workflow.abandonAfterSeconds,
      settle: workflow.dialSettleSeconds,
      retryWait: workflow.retryWaitSeconds,
    };
  };

  it.each([
    [{}, { lease: 1500, abandon: 2400, settle: 30, retryWait: 300 }],
    [{ CALLSANTA_TIME_SCALE: '60' }, { lease: 25, abandon: 40, settle: 1, retryWait: 300 }],
    [{ CALLSANTA_TIME_SCALE: '3600' }, { lease: 1, abandon: 1, settle: 1, retryWait: 300 }],
    [
      {
        CALLSANTA_TIME_SCALE: '60',
        CALL_LEASE_SECONDS: '600',
        CALL_ABANDON_AFTER_SECONDS: '1200',
        DIAL_SETTLE_SECONDS: '120',
      },
      { lease: 10, abandon: 20, settle: 2, retryWait: 300 },
    ],
  ])('with %o are %o, and the handlers accept them', (env, expected) => {
    // The retry wait reaches a Wait state, which the engine scales: it is passed on as given.
    expect(durationsAt(env)).toEqual(expected);
  });
});
