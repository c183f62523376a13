import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { routeThrottles } from '../../functions/core/route-limits.ts';
import { scheduledFunctions } from '../../functions/operations/operation-functions.ts';
import { type RouteDefinition, routeKey, routes } from '../../functions/routes.ts';
import { workflowTaskFunctions } from '../../functions/workflow/task-functions.ts';
import type { CallSantaStack } from '../../lib/callsanta-stack.ts';
import type { HouseFunction } from '../../lib/house-function.ts';
import {
  buildTestApp,
  flatten,
  functionDefinitions,
  houseFunctionNamed,
  houseFunctions,
  logicalId,
  statementsOfRole,
  synthesize,
} from './synth.ts';

type Route = {
  Properties: { RouteKey: string; AuthorizationType: string; Target: unknown };
  Metadata?: { cdk_nag?: { rules_to_suppress?: { id: string; reason: string }[] } };
};
type Integration = { Properties: { IntegrationUri: unknown } };

const dynamoWrites = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:*',
];

function routesByKey(template: Template): Map<string, Route> {
  const found = Object.values(template.findResources('AWS::ApiGatewayV2::Route')) as Route[];
  return new Map(found.map((route) => [route.Properties.RouteKey, route]));
}

/** The logical id of the Lambda a route's integration invokes. */
function targetFunction(template: Template, route: Route): string {
  const integrationId = flatten(route.Properties.Target).replace(/^integrations\/<(.*)>$/, '$1');
  const integration = template.toJSON().Resources[integrationId] as Integration;
  return flatten(integration.Properties.IntegrationUri).replace(/^<(.*)\.Arn>$/, '$1');
}

describe('the HTTP API', () => {
  let template: Template;
  let stack: CallSantaStack;

  beforeAll(() => {
    ({ template, stack } = synthesize());
  }, 60_000);

  it('has exactly one route per entry of the route table', () => {
    const found = routesByKey(template);

    expect([...found.keys()].sort()).toEqual(routes.map(routeKey).sort());
  });

  it.each(routes.map((route) => [routeKey(route), route] as const))(
    '%s is authorised as declared and invokes its own function',
    (_key, route) => {
      // Arrange
      const fn = stack.api.functions.get(route.function.name);

      // Act
      const found = routesByKey(template).get(routeKey(route));

      // Assert
      expect(found?.Properties.AuthorizationType).toBe(
        route.authorization === 'iam' ? 'AWS_IAM' : 'NONE',
      );
      expect(fn).toBeDefined();
      if (found && fn) expect(targetFunction(template, found)).toBe(logicalId(fn.function));
    },
  );

  it.each(routes.map((route) => [routeKey(route), route] as const))(
    '%s carries its own reason for being public, and only a public route has one',
    (key, route) => {
      const found = routesByKey(template).get(key);

      const acknowledged = found?.Metadata?.cdk_nag?.rules_to_suppress ?? [];

      if (route.authorization === 'public') {
        expect(acknowledged).toEqual([
          {
            id: 'AwsSolutions-APIG4',
            reason: `${key} is public: ${route.publicReason.replace(/\.$/, '')}.`,
          },
        ]);
      } else {
        expect(acknowledged).toEqual([]);
      }
    },
  );

  it('refuses a public route without a reason of its own', () => {
    // Arrange
    const unexplained = {
      method: 'GET',
      path: '/api/unexplained',
      authorization: 'public',
      publicReason: ' ',
      function: { name: 'Unexplained', entry: 'health/get-health.ts', access: {} },
    } as const satisfies RouteDefinition;

    // Act + Assert
    expect(() => buildTestApp({ routes: [unexplained] })).toThrow(
      /GET \/api\/unexplained is public, so its publicReason/,
    );
  });

  it('throttles the default stage and writes access logs', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [logicalIdOfAccessLogs(), 'Arn'] } },
    });

    function logicalIdOfAccessLogs(): string {
      return logicalId(stack.api.node.findChild('AccessLogs'));
    }
  });

  it('throttles every route by its class, after the routes exist', () => {
    // Arrange
    const [stage] = Object.entries(template.findResources('AWS::ApiGatewayV2::Stage'));
    if (!stage) throw new Error('No stage');
    const [, resource] = stage as [
      string,
      {
        DependsOn?: string[];
        Properties: {
          RouteSettings: Record<
            string,
            { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }
          >;
        };
      },
    ];

    // Act
    const settings = resource.Properties.RouteSettings;

    // Assert
    expect(Object.keys(settings).sort()).toEqual(routes.map(routeKey).sort());
    expect(settings['POST /api/calls']).toEqual({
      ThrottlingRateLimit: routeThrottles.booking.rateLimit,
      ThrottlingBurstLimit: routeThrottles.booking.burstLimit,
    });
    expect(settings['POST /api/webhooks/stripe']).toEqual({
      ThrottlingRateLimit: routeThrottles.webhook.rateLimit,
      ThrottlingBurstLimit: routeThrottles.webhook.burstLimit,
    });
    expect(settings['GET /api/calls/{callId}']).toEqual({
      ThrottlingRateLimit: routeThrottles.read.rateLimit,
      ThrottlingBurstLimit: routeThrottles.read.burstLimit,
    });
    for (const route of stack.api.routes.values()) {
      expect(resource.DependsOn).toContain(logicalId(route));
    }
  });

  it('gives an IAM route the IAM authorizer', () => {
    // Arrange: the shared table has no IAM route yet, so add one to a stack under test.
    const iamRoute: RouteDefinition = {
      method: 'POST',
      path: '/api/support/refunds',
      authorization: 'iam',
      function: { name: 'SupportRefund', entry: 'health/get-health.ts', access: {} },
    };
    const { stack: underTest } = buildTestApp({ routes: [...routes, iamRoute] });

    // Act (cdk-nag runs too: an IAM route needs no acknowledgement)
    const found = routesByKey(Template.fromStack(underTest));

    // Assert
    expect(found.get('POST /api/support/refunds')?.Properties.AuthorizationType).toBe('AWS_IAM');
    expect(found.get('GET /api/health')?.Properties.AuthorizationType).toBe('NONE');
  });
});

describe('every function', () => {
  let template: Template;
  let functions: [string, HouseFunction][];

  beforeAll(() => {
    const synthesized = synthesize();
    template = synthesized.template;
    functions = [...houseFunctions(synthesized.stack)];
  }, 60_000);

  it('goes through the house construct: one per route, workflow task and timer, no others', () => {
    // CDK's own singleton that copies the built sites into their buckets is one exception;
    // Remotion's render function (lib/video.ts, Remotion's zip and settings) the other.
    const siteDeployment = Object.keys(template.findResources('AWS::Lambda::Function')).filter(
      (id) => id.startsWith('CustomCDKBucketDeployment'),
    );
    const remotion = logicalId(synthesize().stack.video.renderFunction);
    const lambdas = Object.keys(template.findResources('AWS::Lambda::Function')).filter(
      (id) => !siteDeployment.includes(id) && id !== remotion,
    );
    expect(siteDeployment).toHaveLength(1);

    expect(functions).toHaveLength(
      routes.length + workflowTaskFunctions.length + scheduledFunctions.length,
    );
    expect(lambdas.sort()).toEqual(functions.map(([, fn]) => logicalId(fn.function)).sort());
  });

  it('runs Node 24 on arm64 with active tracing, source maps and its own log group', () => {
    for (const [name, fn] of functions) {
      const resource = template.toJSON().Resources[logicalId(fn.function)];
      expect(resource.Properties, name).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogGroup: { Ref: logicalId(fn.logGroup) } },
        Environment: {
          Variables: { NODE_OPTIONS: '--enable-source-maps', POWERTOOLS_SERVICE_NAME: 'callsanta' },
        },
      });
      expect(template.toJSON().Resources[logicalId(fn.logGroup)].Properties, name).toMatchObject({
        RetentionInDays: 30,
      });
    }
  });

  it('has a role without managed policies whose log rights cover only its own log group', () => {
    for (const [name, fn] of functions) {
      const role = template.toJSON().Resources[logicalId(fn.role)];
      const logStatements = statementsOfRole(template, logicalId(fn.role)).filter((statement) =>
        statement.Action.some((action) => action.startsWith('logs:')),
      );

      expect(role.Properties.ManagedPolicyArns, name).toBeUndefined();
      expect(logStatements.length, name).toBeGreaterThan(0);
      for (const statement of logStatements) {
        expect(statement.Resource.map(flatten), name).toEqual([`<${logicalId(fn.logGroup)}.Arn>`]);
      }
    }
  });
});

describe('least privilege on the table', () => {
  let template: Template;
  let stack: CallSantaStack;

  beforeAll(() => {
    ({ template, stack } = synthesize());
  }, 60_000);

  function tableStatements(fn: HouseFunction | undefined) {
    expect(fn).toBeDefined();
    const table = logicalId(stack.data.table);
    return statementsOfRole(template, logicalId(fn?.role ?? stack)).filter((statement) =>
      statement.Resource.some((resource) => flatten(resource).startsWith(`<${table}.Arn>`)),
    );
  }

  it('lets the health function probe the table and buckets but read or write no data', () => {
    // Arrange
    const health = stack.api.functions.get('GetHealth');

    // Act
    const tableActions = tableStatements(health).flatMap((statement) => statement.Action);
    const allActions = statementsOfRole(template, logicalId(health?.role ?? stack)).flatMap(
      (statement) => statement.Action,
    );

    // Assert
    expect(tableActions).toEqual(['dynamodb:DescribeTable']);
    expect(allActions.filter((action) => action.startsWith('dynamodb:'))).toEqual([
      'dynamodb:DescribeTable',
    ]);
    expect(allActions.filter((action) => action.startsWith('s3:'))).toEqual(
      expect.arrayContaining(['s3:ListBucket']),
    );
    expect(allActions).not.toContain('s3:GetObject');
    expect(allActions.filter((action) => dynamoWrites.includes(action))).toEqual([]);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'CallSanta GetHealth',
      Environment: { Variables: { TABLE_NAME: { Ref: logicalId(stack.data.table) } } },
    });
  });

  it('lets every function declared readWrite read and write the table, routes and tasks alike', () => {
    const writers = functionDefinitions.filter(
      (definition) => definition.access.table === 'readWrite',
    );

    expect(writers.length).toBeGreaterThan(0);
    for (const definition of writers) {
      const fn = houseFunctionNamed(stack, definition.name);

      const actions = tableStatements(fn).flatMap((statement) => statement.Action);

      expect(actions, definition.name).toEqual(
        expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:GetItem']),
      );
    }
  });

  it('grants nothing on "*" except X-Ray', () => {
    for (const [name, fn] of houseFunctions(stack)) {
      const starActions = statementsOfRole(template, logicalId(fn.role))
        .filter((statement) => statement.Resource.includes('*'))
        .flatMap((statement) => statement.Action);

      expect(starActions.sort(), name).toEqual([
        'xray:PutTelemetryRecords',
        'xray:PutTraceSegments',
      ]);
    }
  });
});
