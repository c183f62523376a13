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

describe('the lease handlers get from the local cloud', () => {
  const leaseAt = (env: Record<string, string>) =>
    loadWorkflowConfig(handlerEnvironment(loadLocalCloudConfig(env))).capacity.leaseSeconds;

  it.each([
    [{}, 1500],
    [{ CALLSANTA_TIME_SCALE: '60' }, 25],
    [{ CALLSANTA_TIME_SCALE: '3600' }, 1],
    [{ CALLSANTA_TIME_SCALE: '60', CALL_LEASE_SECONDS: '600' }, 10],
  ])('with %o is %i s, and the handlers accept it', (env, expected) => {
    expect(leaseAt(env)).toBe(expected);
  });
});
