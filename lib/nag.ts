import { Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/**
 * Runs the AWS Solutions rule pack on the whole app at synth. cdk-nag v3 reports through CDK's
 * validation plugins: its report fails on any unacknowledged finding, warning or error alike,
 * and a failed report makes `cdk synth` exit non-zero (in tests, `app.synth()` throws).
 */
export function addNagChecks(app: IConstruct): void {
  // writeSuppressionsToCloudFormation keeps every acknowledgement and its reason in the template.
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }),
  );
  app.node.addValidation({ validate: () => namespacedAcknowledgements(app) });
}

/**
 * The CLI suggests acknowledging as `AwsSolutions::AwsSolutions-XYZ`. CDK then suppresses the
 * finding itself and re-grades the whole cdk-nag report by errors only, so every remaining
 * unacknowledged *warning* would stop failing synth. Only the plain id, which cdk-nag evaluates
 * itself, keeps warnings fatal; anything else fails synth here.
 */
function namespacedAcknowledgements(root: IConstruct): string[] {
  const errors: string[] = [];
  for (const construct of root.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const id of Object.keys((entry.data as Record<string, string> | undefined) ?? {})) {
        if (/^annotation::/i.test(id)) continue;
        errors.push(
          `${construct.node.path} acknowledges "${id}": use acknowledge() from lib/nag.ts ` +
            `with the plain rule id (${id.replace(/^[^:]+::/, '')}).`,
        );
      }
    }
  }
  return errors;
}

const vagueReason = /\b(later|todo|tbd|fixme|temporar(y|ily)|for now)\b/i;

/**
 * Acknowledges one cdk-nag finding on one construct (and its children). The reason must say why
 * the finding is acceptable; a promise to fix it later is not a reason.
 */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  if (reason.trim().length < 40 || vagueReason.test(reason)) {
    throw new Error(
      `The acknowledgement of ${id} on ${scope.node.path} needs a concrete reason, got "${reason}".`,
    );
  }
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * The exact AwsSolutions-IAM5 finding id cdk-nag reports for a wildcard resource, e.g.
 * `AwsSolutions-IAM5[Resource::<VoiceNotesBucket1234.Arn>/*]`, so acknowledgements can name the
 * one resource pattern they accept instead of every wildcard in a policy.
 */
export function wildcardResourceFinding(scope: IConstruct, resource: string): string {
  return `AwsSolutions-IAM5[Resource::${flattenCfnReference(Stack.of(scope).resolve(resource))}]`;
}

/** Mirrors cdk-nag's own flattening: Ref → `<Id>`, GetAtt → `<Id.Attr>`, Join → joined text. */
function flattenCfnReference(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (typeof node === 'object' && node !== null) {
    const value = node as Record<string, unknown>;
    const join = value['Fn::Join'];
    if (Array.isArray(join)) {
      const [delimiter, items] = join as [string, unknown[]];
      return items.map(flattenCfnReference).join(delimiter);
    }
    if ('Fn::Sub' in value) return flattenCfnReference(value['Fn::Sub']);
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt)) {
      return `<${flattenCfnReference(getAtt[0])}.${flattenCfnReference(getAtt[1])}>`;
    }
    if ('Fn::ImportValue' in value) return flattenCfnReference(value['Fn::ImportValue']);
    if ('Ref' in value) return `<${flattenCfnReference(value.Ref)}>`;
  }
  return JSON.stringify(node);
}
