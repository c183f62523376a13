import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ArnFormat, Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  DefinitionBody,
  LogLevel,
  StateMachine,
  StateMachineType,
} from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { workflowTaskFunctions } from '../functions/workflow/task-functions.ts';
import type { Alerts } from './alerts.ts';
import { type FunctionBindings, HouseFunction } from './house-function.ts';
import { acknowledge } from './nag.ts';

const bookingAslPath = fileURLToPath(
  new URL('../state-machines/booking.asl.json', import.meta.url),
);

/**
 * The booking workflow's ARN from its name. Functions are bound to this rather than to the
 * state machine's attribute: the workflow's definition names the task functions, so a
 * reference back from a task function would be a dependency cycle.
 */
export function bookingWorkflowArn(scope: Construct, stateMachineName: string): string {
  return Stack.of(scope).formatArn({
    service: 'states',
    resource: 'stateMachine',
    resourceName: stateMachineName,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

const placeholder = /\$\{([^}]*)\}/g;

/**
 * Checks an ASL document against the substitutions CDK will supply: every `${name}` in it must
 * have a substitution (CloudFormation would deploy the placeholder text as an ARN), and every
 * substitution must be used (a task function the workflow never calls is a wiring mistake).
 */
export function checkSubstitutions(asl: string, substitutions: readonly string[]): void {
  JSON.parse(asl);
  const used = new Set([...asl.matchAll(placeholder)].map((match) => match[1] ?? ''));
  const supplied = new Set(substitutions);
  const missing = [...used].filter((name) => !supplied.has(name));
  const unused = [...supplied].filter((name) => !used.has(name));
  if (missing.length === 0 && unused.length === 0) return;
  throw new Error(
    [
      'The booking workflow ASL and its substitutions disagree.',
      missing.length > 0 ? `Placeholders with no substitution: ${missing.join(', ')}.` : '',
      unused.length > 0 ? `Substitutions the ASL never uses: ${unused.join(', ')}.` : '',
      'Align state-machines/booking.asl.json with functions/workflow/task-functions.ts.',
    ]
      .filter(Boolean)
      .join(' '),
  );
}

export interface BookingWorkflowProps {
  readonly stateMachineName: string;
  readonly bindings: FunctionBindings;
  readonly logRemovalPolicy: RemovalPolicy;
  /** Where the workflow's alarms notify. */
  readonly alerts: Alerts;
  /** Defaults to state-machines/booking.asl.json, the file the local cloud also runs. */
  readonly definition?: string;
}

/**
 * The booking workflow: the shared ASL file, with one house function per workflow task and its
 * ARN substituted for the task's `${placeholder}`.
 */
export class BookingWorkflow extends Construct {
  readonly stateMachine: StateMachine;
  readonly functions: ReadonlyMap<string, HouseFunction>;
  /** Any failed execution: a booked call may not have happened, or its parent heard nothing. */
  readonly failedExecutionsAlarm: Alarm;
  /** Any execution that ran out of time. */
  readonly timedOutExecutionsAlarm: Alarm;

  constructor(scope: Construct, id: string, props: BookingWorkflowProps) {
    super(scope, id);

    const functions = new Map<string, HouseFunction>();
    const substitutions: Record<string, string> = {};
    for (const task of workflowTaskFunctions) {
      const fn = new HouseFunction(this, task.name, {
        definition: task,
        bindings: props.bindings,
        logRemovalPolicy: props.logRemovalPolicy,
      });
      functions.set(task.name, fn);
      substitutions[task.substitution] = fn.function.functionArn;
    }
    this.functions = functions;

    const definition = props.definition ?? readFileSync(bookingAslPath, 'utf8');
    checkSubstitutions(definition, Object.keys(substitutions));

    const logGroup = new LogGroup(this, 'Logs', {
      // The vendedlogs prefix keeps CloudWatch's log resource policy from growing per group.
      logGroupName: `/aws/vendedlogs/states/${props.stateMachineName}`,
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy,
    });

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName: props.stateMachineName,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(definition),
      definitionSubstitutions: substitutions,
      tracingEnabled: true,
      logs: {
        destination: logGroup,
        level: LogLevel.ALL,
        // Inputs and outputs carry children's names and parents' phone numbers.
        includeExecutionData: false,
      },
    });
    // Exactly the task functions, by unqualified ARN as the ASL names them.
    this.stateMachine.addToRolePolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [...functions.values()].map((fn) => fn.function.functionArn),
      }),
    );
    acknowledge(
      this.stateMachine.role.node.findChild('DefaultPolicy'),
      'AwsSolutions-IAM5[Resource::*]',
      'Only the statements CDK adds for logging and tracing use "*": CloudWatch Logs delivery ' +
        'actions (logs:CreateLogDelivery and related) and xray:PutTraceSegments do not support ' +
        'resource-level permissions.',
    );

    const alarmWhenAny = { threshold: 1, evaluationPeriods: 1 } as const;
    this.failedExecutionsAlarm = new Alarm(this, 'FailedExecutionsAlarm', {
      alarmDescription: 'A booking workflow execution failed: a booked call may not happen.',
      metric: this.stateMachine.metricFailed({ period: Duration.minutes(5) }),
      ...alarmWhenAny,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.timedOutExecutionsAlarm = new Alarm(this, 'TimedOutExecutionsAlarm', {
      alarmDescription:
        'A booking workflow execution timed out: a booked call may not happen, or its parent heard nothing.',
      metric: this.stateMachine.metricTimedOut({ period: Duration.minutes(5) }),
      ...alarmWhenAny,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    props.alerts.notify(this.failedExecutionsAlarm);
    props.alerts.notify(this.timedOutExecutionsAlarm);
  }
}
