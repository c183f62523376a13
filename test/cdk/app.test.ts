import { type App, Token, Validations } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CallSantaStack } from '../../lib/callsanta-stack.ts';
import { acknowledge } from '../../lib/nag.ts';
import { awsActionVariables } from '../../ops/support/stage.ts';
import { buildTestApp, synthesize } from './synth.ts';

interface Finding {
  readonly rule: string;
  readonly path: string;
  readonly severity: string;
}

function findings(app: App, honourAcknowledgements: boolean): Finding[] {
  const pack = new AwsSolutionsChecks();
  if (!honourAcknowledgements) {
    Object.defineProperty(pack, 'isAcknowledged', { value: () => false });
  }
  return pack.validateScope(app).violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => ({
      rule: violation.ruleName,
      path: resource.constructPath ?? '',
      severity: violation.severity ?? '',
    })),
  );
}

function acknowledgements(root: IConstruct): { id: string; path: string; reason: string }[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
      .map(([id, reason]) => ({
        id: id.replace(/^annotation::/i, ''),
        path: construct.node.path,
        reason,
      })),
  );
}

/** Every logical id a CloudFormation value points at: Ref, GetAtt and `${Id}` in Fn::Sub. */
function referencesIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (typeof value !== 'object' || value === null) return [];
  const node = value as Record<string, unknown>;
  if (typeof node.Ref === 'string') return [node.Ref];
  const getAtt = node['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return [String(getAtt[0])];
  const sub = node['Fn::Sub'];
  const text = Array.isArray(sub) ? sub[0] : sub;
  const inSub =
    typeof text === 'string'
      ? [...text.matchAll(/\$\{([^}.!]+)/g)].map((match) => match[1] ?? '')
      : [];
  return [...inSub, ...Object.values(node).flatMap(referencesIn)];
}

/** A dependency cycle as the ids along it, or undefined when the graph has none. */
function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (done.has(id)) return undefined;
    const seen = onPath.indexOf(id);
    if (seen >= 0) return [...onPath.slice(seen), id];
    onPath.push(id);
    for (const next of graph.get(id) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    onPath.pop();
    done.add(id);
    return undefined;
  };
  for (const id of graph.keys()) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return undefined;
}

const covers = (ackPath: string, resourcePath: string) =>
  resourcePath === ackPath || resourcePath.startsWith(`${ackPath}/`);

describe('the CDK app', () => {
  let app: App;
  let stack: CallSantaStack;
  let template: Template;

  beforeAll(() => {
    ({ app, stack, template } = synthesize());
  }, 60_000);

  it('is one environment-agnostic stack named after the stage', () => {
    expect(stack.stackName).toBe('CallSanta-dev');
    expect(Token.isUnresolved(stack.account)).toBe(true);
    expect(Token.isUnresolved(stack.region)).toBe(true);
    expect(
      buildTestApp({
        context: {
          stage: 'prod',
          emailFrom: 'santa@example.com',
          publicSiteUrl: 'https://callsanta.example.com',
          elevenLabsAgentId: 'agent_prod',
          elevenLabsPhoneNumberId: 'phnum_prod',
          stripePublishableKey: 'pk_live_prod',
        },
      }).stack.stackName,
    ).toBe('CallSanta-prod');
  });

  it('refuses a real stage without a sender address', () => {
    expect(() =>
      buildTestApp({ context: { stage: 'prod', publicSiteUrl: 'https://callsanta.example.com' } }),
    ).toThrow(/emailFrom/);
  });

  it('refuses a real stage without the public site URL parents are sent to', () => {
    expect(() =>
      buildTestApp({ context: { stage: 'prod', emailFrom: 'santa@example.com' } }),
    ).toThrow(/publicSiteUrl/);
  });

  it('has no dependency cycle between its resources', () => {
    // Arrange
    const resources = template.toJSON().Resources as Record<
      string,
      { DependsOn?: string | string[]; Properties?: unknown }
    >;
    const dependencies = new Map(
      Object.entries(resources).map(([id, resource]) => [
        id,
        [...referencesIn(resource.Properties), ...[resource.DependsOn ?? []].flat()].filter(
          (target) => target in resources,
        ),
      ]),
    );

    // Act
    const cycle = findCycle(dependencies);

    // Assert
    expect(cycle).toBeUndefined();
  });

  it('outputs the API URL, table, buckets, state machine and alarm topic', () => {
    const outputs = Object.keys(template.findOutputs('*'));

    expect(outputs).toEqual(
      expect.arrayContaining([
        'ApiUrl',
        'TableName',
        'VoiceNotesBucketName',
        'RecordingsBucketName',
        'VideosBucketName',
        'SiteBucketName',
        'BookingWorkflowArn',
        'AlarmTopicArn',
        'StripeSecretName',
        'ElevenLabsSecretName',
        // What the support tool's actions read in AWS (ops/support/stage.ts).
        ...Object.values(awsActionVariables).filter((output) => /^[A-Z]\w+$/.test(output)),
      ]),
    );
  });

  it('has no unacknowledged cdk-nag finding', () => {
    expect(findings(app, true)).toEqual([]);
  });

  it('acknowledges only findings that exist, each on the resource that has it', () => {
    // Arrange
    const raw = findings(app, false);
    const acks = acknowledgements(app);

    // Act
    const stale = acks.filter(
      (ack) => !raw.some((finding) => finding.rule === ack.id && covers(ack.path, finding.path)),
    );
    const broad = acks.filter((ack) => !ack.path.startsWith(`${stack.node.path}/`));

    // Assert
    expect(acks.length).toBeGreaterThan(0);
    expect(stale).toEqual([]);
    expect(broad).toEqual([]);
  });

  it('never acknowledges IAM5 wholesale, only one wildcard at a time', () => {
    const iam5 = acknowledgements(app).filter((ack) => ack.id.startsWith('AwsSolutions-IAM5'));

    expect(iam5.length).toBeGreaterThan(0);
    for (const ack of iam5) expect(ack.id).toMatch(/^AwsSolutions-IAM5\[(Resource|Action)::.+\]$/);
  });
});

describe('synth with cdk-nag', () => {
  it('fails on an unacknowledged warning-level finding', () => {
    // Arrange: a table without point-in-time recovery is AwsSolutions-DDB3, a warning.
    const { app, stack } = buildTestApp();
    new Table(stack, 'TableWithoutPitr', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
    });

    // Act + Assert
    expect(() => app.synth()).toThrow(/AwsSolutions-DDB3/);
  });

  it('fails on an unacknowledged error-level finding', () => {
    // Arrange: a wildcard resource in a policy is AwsSolutions-IAM5, an error.
    const { app, stack } = buildTestApp();
    new Role(stack, 'WildcardRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    }).addToPolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));

    // Act + Assert
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM5\[Resource::\*\]/);
  });

  it('passes once that finding is acknowledged with its plain id', () => {
    const { app, stack } = buildTestApp();
    const table = new Table(stack, 'TableWithoutPitr', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
    });

    acknowledge(table, 'AwsSolutions-DDB3', 'A test table that exists only to be checked here.');

    expect(() => app.synth()).not.toThrow();
  });

  it('rejects the namespaced acknowledgement form, which would make warnings non-fatal', () => {
    const { app, stack } = buildTestApp();
    const table = new Table(stack, 'TableWithoutPitr', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
    });

    Validations.of(table).acknowledge({ id: 'AwsSolutions::AwsSolutions-DDB3', reason: 'test' });

    expect(() => app.synth()).toThrow(/plain rule id \(AwsSolutions-DDB3\)/);
  });

  it.each(['will fix later', 'TODO', 'temporary until launch, to be reviewed by the team'])(
    'refuses the acknowledgement reason "%s"',
    (reason) => {
      const { stack } = buildTestApp();

      expect(() => acknowledge(stack, 'AwsSolutions-DDB3', reason)).toThrow(/concrete reason/);
    },
  );
});
