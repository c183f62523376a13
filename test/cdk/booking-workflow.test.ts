import { readFileSync } from 'node:fs';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { workflowTaskFunctions } from '../../functions/workflow/task-functions.ts';
import { checkSubstitutions } from '../../lib/booking-workflow.ts';
import type { CallSantaStack } from '../../lib/callsanta-stack.ts';
import { flatten, logicalId, statementsOfRole, synthesize } from './synth.ts';

type StateMachine = {
  Properties: {
    DefinitionString: string;
    DefinitionSubstitutions: Record<string, unknown>;
    StateMachineName: string;
    StateMachineType: string;
    LoggingConfiguration: unknown;
    TracingConfiguration: unknown;
  };
};

/** The FunctionName of every Lambda task in a (substituted) ASL document, nested states too. */
function lambdaTaskFunctionNames(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(lambdaTaskFunctionNames);
  if (typeof node !== 'object' || node === null) return [];
  const state = node as Record<string, unknown>;
  const ownName =
    state.Type === 'Task' && String(state.Resource).startsWith('arn:aws:states:::lambda:invoke')
      ? [
          ((state.Parameters ?? state.Arguments) as Record<string, unknown> | undefined)
            ?.FunctionName,
        ]
      : [];
  return [...ownName.map(String), ...Object.values(state).flatMap(lambdaTaskFunctionNames)];
}

const asl = readFileSync(new URL('../../state-machines/booking.asl.json', import.meta.url), 'utf8');

describe('the booking workflow', () => {
  let template: Template;
  let stack: CallSantaStack;
  let stateMachine: StateMachine;

  beforeAll(() => {
    ({ template, stack } = synthesize());
    stateMachine = template.toJSON().Resources[
      logicalId(stack.bookingWorkflow.stateMachine)
    ] as StateMachine;
  }, 60_000);

  it('deploys the shared ASL file unchanged as a Standard state machine', () => {
    expect(JSON.parse(stateMachine.Properties.DefinitionString)).toEqual(JSON.parse(asl));
    expect(stateMachine.Properties.StateMachineType).toBe('STANDARD');
  });

  it('resolves every placeholder to the ARN of its task function', () => {
    // Arrange
    const { DefinitionString, DefinitionSubstitutions } = stateMachine.Properties;
    const expected = Object.fromEntries(
      workflowTaskFunctions.map((task) => {
        const fn = stack.bookingWorkflow.functions.get(task.name);
        return [task.substitution, `<${fn ? logicalId(fn.function) : 'missing'}.Arn>`];
      }),
    );

    // Act: substitute as CloudFormation does.
    const substituted = DefinitionString.replace(/\$\{([^}]*)\}/g, (text, name: string) => {
      const value = DefinitionSubstitutions[name];
      return value === undefined ? text : flatten(value);
    });

    // Assert
    expect(
      Object.fromEntries(Object.entries(DefinitionSubstitutions).map(([k, v]) => [k, flatten(v)])),
    ).toEqual(expected);
    expect(substituted).not.toContain('${');
    const invoked = lambdaTaskFunctionNames(JSON.parse(substituted));
    expect(invoked.length).toBeGreaterThan(0);
    expect(new Set(invoked)).toEqual(new Set(Object.values(expected)));
  });

  it('logs every event without execution data and traces with X-Ray', () => {
    expect(stateMachine.Properties.LoggingConfiguration).toMatchObject({
      Level: 'ALL',
      IncludeExecutionData: false,
      Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: expect.anything() } }],
    });
    expect(stateMachine.Properties.TracingConfiguration).toEqual({ Enabled: true });
  });

  it('may invoke exactly its task functions', () => {
    const role = stack.bookingWorkflow.stateMachine.role;

    const invoke = statementsOfRole(template, logicalId(role)).filter((statement) =>
      statement.Action.some((action) => action.startsWith('lambda:')),
    );

    expect(invoke.flatMap((statement) => statement.Action)).toEqual(['lambda:InvokeFunction']);
    expect(invoke.flatMap((statement) => statement.Resource.map(flatten)).sort()).toEqual(
      [...stack.bookingWorkflow.functions.values()]
        .map((fn) => `<${logicalId(fn.function)}.Arn>`)
        .sort(),
    );
  });

  it.each(workflowTaskFunctions.map((task) => task.name))(
    'names the ARN of task function %s in its definition',
    (name) => {
      // Arrange
      const fn = stack.bookingWorkflow.functions.get(name);
      const arn = `<${fn ? logicalId(fn.function) : 'missing'}.Arn>`;
      const { DefinitionString, DefinitionSubstitutions } = stateMachine.Properties;

      // Act
      const substituted = DefinitionString.replace(/\$\{([^}]*)\}/g, (text, key: string) => {
        const value = DefinitionSubstitutions[key];
        return value === undefined ? text : flatten(value);
      });

      // Assert
      expect(lambdaTaskFunctionNames(JSON.parse(substituted))).toContain(arn);
    },
  );

  it.each([
    ['failed', 'ExecutionsFailed', () => stack.bookingWorkflow.failedExecutionsAlarm],
    ['timed-out', 'ExecutionsTimedOut', () => stack.bookingWorkflow.timedOutExecutionsAlarm],
  ] as const)(
    'raises the %s-executions alarm on this state machine at the first one in 5 minutes, to the alarm topic',
    (_kind, metricName, alarmOf) => {
      // Arrange
      const alarms = template.toJSON().Resources as Record<string, { Properties: unknown }>;

      // Act
      const alarm = alarms[logicalId(alarmOf())]?.Properties;

      // Assert
      expect(alarm).toEqual(
        expect.objectContaining({
          Namespace: 'AWS/States',
          MetricName: metricName,
          Dimensions: [
            {
              Name: 'StateMachineArn',
              Value: { Ref: logicalId(stack.bookingWorkflow.stateMachine) },
            },
          ],
          Statistic: 'Sum',
          Period: 300,
          EvaluationPeriods: 1,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'notBreaching',
          AlarmActions: [{ Ref: logicalId(stack.alerts.topic) }],
        }),
      );
    },
  );
});

describe('checkSubstitutions', () => {
  const definition = (resource: string) =>
    JSON.stringify({
      StartAt: 'A',
      States: { A: { Type: 'Task', Resource: resource, End: true } },
    });

  it('accepts an ASL whose placeholders match the substitutions', () => {
    expect(() => checkSubstitutions(definition(`\${TaskArn}`), ['TaskArn'])).not.toThrow();
  });

  it('rejects a placeholder that has no substitution, naming it', () => {
    expect(() => checkSubstitutions(definition(`\${TaskArn}`), [])).toThrow(
      /no substitution: TaskArn/,
    );
  });

  it('rejects a substitution the ASL never uses, naming it', () => {
    expect(() =>
      checkSubstitutions(definition('arn:aws:lambda:x'), ['ForgottenFunctionArn']),
    ).toThrow(/never uses: ForgottenFunctionArn/);
  });

  it('accepts the real ASL file with the real task table', () => {
    expect(() =>
      checkSubstitutions(
        asl,
        workflowTaskFunctions.map((task) => task.substitution),
      ),
    ).not.toThrow();
  });
});
