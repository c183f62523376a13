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
      lease: workflow.lines.leaseSeconds,
      startIntervalMs: workflow.lines.startIntervalMs,
      abandon: workflow.abandonAfterSeconds,
      settle: workflow.dialSettleSeconds,
      reconcile: workflow.reconcileAfterSeconds,
      retryWait: workflow.retryWaitSeconds,
      recoveryRuns: workflow.maxRecoveryRuns,
    };
  };

  it.each([
    [
      {},
      {
        lease: 1500,
        startIntervalMs: 1000,
        abandon: 2400,
        settle: 30,
        reconcile: 900,
        retryWait: 300,
        recoveryRuns: 3,
      },
    ],
    [
      { CALLSANTA_TIME_SCALE: '60' },
      {
        lease: 25,
        startIntervalMs: 1000 / 60,
        abandon: 40,
        settle: 1,
        reconcile: 15,
        retryWait: 300,
        recoveryRuns: 3,
      },
    ],
    [
      { CALLSANTA_TIME_SCALE: '3600' },
      {
        // At least 10 s locally: a task gets at least 2 s whatever the scale.
        lease: 10,
        startIntervalMs: 1000 / 3600,
        abandon: 1,
        settle: 1,
        reconcile: 1,
        retryWait: 300,
        recoveryRuns: 3,
      },
    ],
    [
      {
        CALLSANTA_TIME_SCALE: '60',
        CALL_LEASE_SECONDS: '600',
        CALL_ABANDON_AFTER_SECONDS: '1200',
        DIAL_SETTLE_SECONDS: '120',
        RECONCILE_AFTER_SECONDS: '120',
        CALL_RETRY_WAIT_SECONDS: '60',
        RECONCILE_MAX_RECOVERY_RUNS: '5',
      },
      {
        lease: 10,
        startIntervalMs: 1000 / 60,
        abandon: 20,
        settle: 2,
        reconcile: 2,
        retryWait: 60,
        recoveryRuns: 5,
      },
    ],
  ])('with %o are %o, and the handlers accept them', (env, expected) => {
    // The retry wait reaches a Wait state, which the engine scales: it is passed on as given.
    // Call starts are paced on the wall clock in the place-call step: the pace is scaled.
    expect(durationsAt(env)).toEqual(expected);
  });

  it('leave the other stage settings as given and point links at the local site', () => {
    // Act
    const environment = handlerEnvironment(
      loadLocalCloudConfig({
        CALLSANTA_PORT: '4100',
        CALLSANTA_TIME_SCALE: '60',
        CALL_CONCURRENCY_LIMIT: '1',
        CALLING_HOURS_END: '24:00',
        CALL_STARTS_PER_SECOND: '0.5',
      }),
    );

    // Assert
    expect(environment).toMatchObject({
      PUBLIC_SITE_URL: 'http://127.0.0.1:4100',
      CALL_CONCURRENCY_LIMIT: '1',
      EXPECTED_CALL_MINUTES: '5',
      CALLING_HOURS_START: '08:00',
      CALLING_HOURS_END: '24:00',
      CALL_STARTS_PER_SECOND: '0.5',
    });
  });
});
