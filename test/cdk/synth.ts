import { type App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import type { FunctionDefinition } from '../../functions/function-definition.ts';
import { scheduledFunctions } from '../../functions/operations/operation-functions.ts';
import { routes } from '../../functions/routes.ts';
import { workflowTaskFunctions } from '../../functions/workflow/task-functions.ts';
import { type BuildAppOptions, buildApp } from '../../lib/app.ts';
import type { CallSantaStack } from '../../lib/callsanta-stack.ts';
import type { HouseFunction } from '../../lib/house-function.ts';

/** Skips esbuild: assertions look at the template, not at the bundles. */
export const skipBundling = { 'aws:cdk:bundling-stacks': [] } as const;

/**
 * A real stage names its sender, its site, its ElevenLabs agent and number and its Stripe
 * publishable key: there are no placeholders outside dev.
 */
export const prodContext = {
  stage: 'prod',
  emailFrom: 'santa@callsanta.example',
  publicSiteUrl: 'https://www.callsanta.example',
  elevenLabsAgentId: 'agent_prod_santa',
  elevenLabsPhoneNumberId: 'phnum_prod_line',
  stripePublishableKey: 'pk_live_prodexample',
} as const;

export interface Synthesized {
  readonly app: App;
  readonly stack: CallSantaStack;
  readonly template: Template;
}

/**
 * The app exactly as `bin/app.ts` builds it (cdk-nag included) but for esbuild and CDK's
 * built-in CloudFormation schema check (which only warns), for tests that build their own app.
 */
export function buildTestApp(
  options: Omit<BuildAppOptions, 'builtinCloudFormationValidation'> = {},
) {
  return buildApp({
    ...options,
    context: { ...skipBundling, ...options.context },
    builtinCloudFormationValidation: false,
  });
}

const synthesized = new Map<string, Synthesized>();

/**
 * The app synthesized once per context and test file: tests only read the template and the
 * construct tree, so they share them (tests that add constructs use `buildTestApp`).
 */
export function synthesize(context: Record<string, unknown> = {}): Synthesized {
  const key = JSON.stringify(context);
  let result = synthesized.get(key);
  if (!result) {
    const { app, stack } = buildTestApp({ context });
    result = { app, stack, template: Template.fromStack(stack) };
    synthesized.set(key, result);
  }
  return result;
}

/** The logical id of a construct's CloudFormation resource (its default child, or itself). */
export function logicalId(construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(construct).getLogicalId(element);
}

export interface Statement {
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string[];
  readonly Resource: unknown[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

type PolicyResource = {
  Properties: {
    Roles?: { Ref: string }[];
    PolicyDocument: {
      Statement: (Omit<Statement, 'Action' | 'Resource'> & {
        Action: string | string[];
        Resource: unknown;
      })[];
    };
  };
};

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Every statement of every IAM policy attached to the role with this logical id. */
export function statementsOfRole(template: Template, roleLogicalId: string): Statement[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as PolicyResource[];
  return policies
    .filter((policy) => policy.Properties.Roles?.some((role) => role.Ref === roleLogicalId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
    .map((statement) => ({
      ...statement,
      Action: asArray(statement.Action),
      Resource: asArray(statement.Resource),
    }));
}

/** A CloudFormation value as readable text: Ref → `<Id>`, GetAtt → `<Id.Attr>`, Join joined. */
export function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    const node = value as Record<string, unknown>;
    const join = node['Fn::Join'];
    if (Array.isArray(join)) {
      const [delimiter, parts] = join as [string, unknown[]];
      return parts.map(flatten).join(delimiter);
    }
    const getAtt = node['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `<${String(getAtt[0])}.${String(getAtt[1])}>`;
    if (typeof node.Ref === 'string') return `<${node.Ref}>`;
  }
  return JSON.stringify(value);
}

/** Every function the stack deploys, as declared: routes, workflow tasks and timers. */
export const functionDefinitions: readonly FunctionDefinition[] = [
  ...routes.map((route) => route.function),
  ...workflowTaskFunctions,
  ...scheduledFunctions,
];

/** Every house function of the stack: one per route, per workflow task and per timer. */
export function houseFunctions(stack: CallSantaStack): [string, HouseFunction][] {
  return [
    ...stack.api.functions,
    ...stack.bookingWorkflow.functions,
    ...stack.operations.functions,
  ];
}

/** The house function deployed for the named definition, wherever the stack puts it. */
export function houseFunctionNamed(stack: CallSantaStack, name: string): HouseFunction | undefined {
  return new Map(houseFunctions(stack)).get(name);
}

/** The function's environment variables as synthesized. */
export function environmentOf(template: Template, fn: HouseFunction): Record<string, unknown> {
  const resource = template.toJSON().Resources[logicalId(fn.function)] as {
    Properties: { Environment?: { Variables?: Record<string, unknown> } };
  };
  return resource.Properties.Environment?.Variables ?? {};
}

/** Every action the function's role is allowed, with the resources (flattened) it applies to. */
export function grantsOf(template: Template, fn: HouseFunction): Statement[] {
  return statementsOfRole(template, logicalId(fn.role)).filter(
    (statement) => statement.Effect === 'Allow',
  );
}

/** The statements allowing any of these actions (or a wildcard covering them). */
export function allowing(statements: readonly Statement[], action: string): Statement[] {
  const [service] = action.split(':');
  return statements.filter((statement) =>
    statement.Action.some(
      (allowed) => allowed === action || allowed === '*' || allowed === `${service}:*`,
    ),
  );
}
