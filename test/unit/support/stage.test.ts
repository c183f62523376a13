import { describe, expect, it } from 'vitest';
import { candidateExecutionNames } from '../../../ops/support/executions.ts';
import {
  executionConsoleUrl,
  requireActionVariables,
  supportStage,
  variablesFromOutputs,
} from '../../../ops/support/stage.ts';

describe('where the support tool works', () => {
  it("points the SDK at the local cloud's ports and resource names on the local stage", () => {
    // Act
    const stage = supportStage({ stage: 'local' }, { CALLSANTA_PORT: '4100' });

    // Assert
    expect(stage.kind).toBe('local');
    expect(stage.env).toMatchObject({
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:4101',
      AWS_ENDPOINT_URL_SFN: 'http://127.0.0.1:4103',
      TABLE_NAME: 'callsanta-local',
    });
  });

  it('names every stack output an AWS stage is missing', () => {
    expect(() => supportStage({ stage: 'prod', region: 'eu-west-1' }, {})).toThrow(
      /TABLE_NAME \(stack output TableName\), BOOKING_WORKFLOW_ARN \(stack output BookingWorkflowArn\).*CallSanta-prod/,
    );
  });

  it('uses the given profile and region on an AWS stage', () => {
    // Act
    const stage = supportStage(
      { stage: 'prod', profile: 'support', region: 'eu-west-1' },
      { TABLE_NAME: 't', BOOKING_WORKFLOW_ARN: 'arn' },
    );

    // Assert
    expect(stage).toMatchObject({
      kind: 'aws',
      region: 'eu-west-1',
      env: { AWS_REGION: 'eu-west-1', AWS_PROFILE: 'support' },
    });
  });

  it.each([
    ['TableName', 'TABLE_NAME', 'CallSanta-prod-Table'],
    ['BookingWorkflowArn', 'BOOKING_WORKFLOW_ARN', 'arn:aws:states:eu-west-1:1:stateMachine:b'],
    ['StripeSecretName', 'STRIPE_SECRET_ARN', 'callsanta/prod/stripe'],
    ['EmailFromAddress', 'EMAIL_FROM_ADDRESS', 'santa@example.com'],
    ['ElevenLabsAgentId', 'ELEVENLABS_AGENT_ID', 'agent_1'],
  ])('maps the stack output %s to %s', (output, variable, value) => {
    expect(variablesFromOutputs({ [output]: value, DashboardName: 'unused' })).toEqual({
      [variable]: value,
    });
  });

  it("takes the stage's booking rules from its StageSettings output, and only those", () => {
    // Arrange
    const settings = JSON.stringify({
      CALLING_HOURS_START: '10:00',
      CALL_CONCURRENCY_LIMIT: '20',
      CALLSANTA_STAGE: 'prod',
    });

    // Act
    const variables = variablesFromOutputs({ StageSettings: settings });

    // Assert
    expect(variables).toEqual({ CALLING_HOURS_START: '10:00', CALL_CONCURRENCY_LIMIT: '20' });
    expect(
      supportStage(
        { stage: 'prod' },
        { ...variables, TABLE_NAME: 't', BOOKING_WORKFLOW_ARN: 'a', AWS_REGION: 'eu-west-1' },
      ).env,
    ).toMatchObject({ CALLING_HOURS_START: '10:00', CALL_CONCURRENCY_LIMIT: '20' });
    expect(() => variablesFromOutputs({ StageSettings: '[1]' })).toThrow(/StageSettings/);
  });

  it("sets the outputs' variables on an AWS stage, so the functions' modules read them", () => {
    // Arrange: what main.ts gives when the stack was read (a variable already set wins there).
    const env = {
      ...variablesFromOutputs({
        TableName: 'table-from-stack',
        BookingWorkflowArn: 'arn-from-stack',
        ScheduleGroupName: 'group',
      }),
      AWS_REGION: 'eu-west-1',
      UNRELATED: 'x',
    };

    // Act
    const stage = supportStage({ stage: 'prod' }, env);

    // Assert
    expect(stage.env).toEqual({
      TABLE_NAME: 'table-from-stack',
      BOOKING_WORKFLOW_ARN: 'arn-from-stack',
      SCHEDULE_GROUP_NAME: 'group',
      AWS_REGION: 'eu-west-1',
    });
  });

  it("refuses an AWS reschedule that would drop the schedule's dead-letter queue", () => {
    // Arrange
    const aws = supportStage(
      { stage: 'prod', region: 'eu-west-1' },
      { TABLE_NAME: 't', BOOKING_WORKFLOW_ARN: 'arn' },
    );
    const local = supportStage({ stage: 'local' }, {});

    // Act + Assert
    expect(() => requireActionVariables(aws, 'reschedule', {})).toThrow(
      /SCHEDULE_DEAD_LETTER_QUEUE_ARN \(stack output ScheduleDeadLetterQueueArn\)/,
    );
    expect(() =>
      requireActionVariables(aws, 'reschedule', { SCHEDULE_DEAD_LETTER_QUEUE_ARN: 'arn:dlq' }),
    ).not.toThrow();
    expect(() => requireActionVariables(local, 'reschedule', {})).not.toThrow();
  });

  it("links an execution to its page in the region's console", () => {
    expect(executionConsoleUrl('eu-west-1', 'arn:aws:states:eu-west-1:1:execution:m:e')).toBe(
      'https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1#/v2/executions/details/arn%3Aaws%3Astates%3Aeu-west-1%3A1%3Aexecution%3Am%3Ae',
    );
  });
});

describe("a booking's executions, by name", () => {
  it('are each schedule version, the booking’s current run and every run its audit trail names', () => {
    // Act
    const names = candidateExecutionNames(
      { bookingId: 'B', version: 2, executionName: 'booking-B-v2-r1' },
      [
        { detail: { executionName: 'booking-B-v2-video1' } },
        { detail: { executionName: 'booking-B-v2-r1' } },
        { detail: { template: 'callTranscript' } },
        {},
      ],
    );

    // Assert
    expect(names).toEqual([
      'booking-B-v1',
      'booking-B-v2',
      'booking-B-v2-r1',
      'booking-B-v2-video1',
    ]);
  });
});
