import { type App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { buildApp } from '../../lib/app.ts';
import type { CallSantaStack } from '../../lib/callsanta-stack.ts';

/** Skips esbuild: assertions look at the template, not at the bundles. */
export const skipBundling = { 'aws:cdk:bundling-stacks': [] } as const;

export interface Synthesized {
  readonly app: App;
  readonly stack: CallSantaStack;
  readonly template: Template;
}

/** The app exactly as `bin/app.ts` builds it (cdk-nag included), synthesized once. */
export function synthesize(context: Record<string, unknown> = {}): Synthesized {
  const { app, stack } = buildApp({ context: { ...skipBundling, ...context } });
  return { app, stack, template: Template.fromStack(stack) };
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
