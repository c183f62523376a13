import { readFileSync } from 'node:fs';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { envNames } from '../../functions/resources.ts';
import type { CallSantaStack } from '../../lib/callsanta-stack.ts';
import {
  remotionLayerArnsByRegion,
  remotionRuntimeVersionHash,
  remotionVersion,
} from '../../lib/remotion-release.ts';
import { Video } from '../../lib/video.ts';
import {
  buildTestApp,
  environmentOf,
  flatten,
  grantsOf,
  houseFunctionNamed,
  logicalId,
  type Statement,
  statementsOfRole,
  synthesize,
} from './synth.ts';

type LambdaResource = {
  Properties: {
    FunctionName: string;
    Handler: string;
    Runtime: string;
    Architectures: string[];
    MemorySize: number;
    EphemeralStorage: { Size: number };
    Timeout: number;
    Layers: unknown;
    Role: unknown;
    RuntimeManagementConfig: { UpdateRuntimeOn: string; RuntimeVersionArn: unknown };
    Environment?: unknown;
  };
};

const packageJson = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as { dependencies: Record<string, string> };

describe('Remotion Lambda in CDK (lib/video.ts)', () => {
  let stack: CallSantaStack;
  let template: Template;
  let fn: LambdaResource;
  let statements: Statement[];

  beforeAll(() => {
    ({ stack, template } = synthesize());
    fn = template.toJSON().Resources[logicalId(stack.video.renderFunction)] as LambdaResource;
    statements = statementsOfRole(template, logicalId(stack.video.role));
  }, 60_000);

  describe('the version', () => {
    it('is one exact pin for every Remotion package, and the function deploys that version', () => {
      const pins = Object.entries(packageJson.dependencies).filter(
        ([name]) => name === 'remotion' || name.startsWith('@remotion/'),
      );

      expect(new Set(pins.map(([, version]) => version))).toEqual(new Set([remotionVersion]));
      expect(fn.Properties.FunctionName).toBe(
        `callsanta-dev-remotion-render-${remotionVersion.replace(/\./g, '-')}`,
      );
    });
  });

  describe('the render function', () => {
    it("has deployFunction's settings but a timeout a new account's chunks fit: nodejs24.x, arm64, 2048 MB, 2048 MB disk, 900 s", () => {
      expect(fn.Properties).toMatchObject({
        Handler: 'index.handler',
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        MemorySize: 2048,
        EphemeralStorage: { Size: 2048 },
        Timeout: 900,
      });
    });

    it('pins the runtime version Remotion pins, updated only by hand', () => {
      expect(fn.Properties.RuntimeManagementConfig.UpdateRuntimeOn).toBe('Manual');
      expect(flatten(fn.Properties.RuntimeManagementConfig.RuntimeVersionArn)).toBe(
        `arn:<AWS::Partition>:lambda:<AWS::Region>::runtime:${remotionRuntimeVersionHash()}`,
      );
    });

    it('tells ops when renders fail or are throttled', () => {
      const topic = logicalId(stack.alerts.topic);
      // The render function's own alarms; its dead-letter queue's is checked in dead-letters.test.ts.
      const alarms = stack.video.alarms.slice(0, 2).map(
        (alarm) =>
          template.toJSON().Resources[logicalId(alarm)] as {
            Properties: {
              MetricName: string;
              Dimensions: { Value: unknown }[];
              AlarmActions: unknown[];
            };
          },
      );

      expect(alarms.map((alarm) => alarm.Properties.MetricName).sort()).toEqual([
        'Errors',
        'Throttles',
      ]);
      for (const alarm of alarms) {
        expect(alarm.Properties.Dimensions[0]?.Value).toEqual({
          Ref: logicalId(stack.video.renderFunction),
        });
        expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topic }]);
      }
    });

    it('is never retried by Lambda (Remotion retries chunks itself)', () => {
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: logicalId(stack.video.renderFunction) },
        MaximumRetryAttempts: 0,
      });
    });

    it("takes Remotion's layers for the region it is deployed in, as getLayers picks them", async () => {
      const { LambdaInternals } = await import('@remotion/lambda');
      const mapping = template.toJSON().Mappings as Record<
        string,
        Record<string, { layers: string[] }>
      >;
      const [mappingId, byRegion] = Object.entries(mapping).find(([id]) =>
        id.startsWith('VideoRemotionLayers'),
      ) ?? ['', {}];

      expect(fn.Properties.Layers).toEqual({
        'Fn::FindInMap': [mappingId, { Ref: 'AWS::Region' }, 'layers'],
      });
      expect(Object.keys(byRegion).length).toBeGreaterThan(10);
      for (const [region, { layers }] of Object.entries(byRegion)) {
        const expected = LambdaInternals.getLayers({ option: 'default', region: region as never });
        expect(layers).toEqual(expected.map((layer) => `${layer.layerArn}:${layer.version}`));
      }
      expect(byRegion).toEqual(
        Object.fromEntries(
          Object.entries(remotionLayerArnsByRegion()).map(([r, layers]) => [r, { layers }]),
        ),
      );
    }, 30_000);
  });

  describe("the function's role", () => {
    const allowed = () => statements.filter((statement) => statement.Effect === 'Allow');
    const resourcesFor = (action: string) =>
      allowed()
        .filter((statement) => statement.Action.includes(action))
        .flatMap((statement) => statement.Resource.map(flatten));

    it('has no managed policies and no wildcard actions', () => {
      const role = template.toJSON().Resources[logicalId(stack.video.role)] as {
        Properties: { ManagedPolicyArns?: unknown };
      };

      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      expect(allowed().flatMap((statement) => statement.Action)).not.toContainEqual(
        expect.stringMatching(/\*/),
      );
    });

    it('may invoke only itself (the orchestrator invokes its renderers)', () => {
      expect(resourcesFor('lambda:InvokeFunction')).toEqual([
        `arn:<AWS::Partition>:lambda:<AWS::Region>:<AWS::AccountId>:function:${fn.Properties.FunctionName}`,
      ]);
    });

    it('writes finished videos only under videos/ of our videos bucket, and lists it', () => {
      const videos = logicalId(stack.storage.buckets.videos);
      const render = logicalId(stack.video.renderBucket);

      expect(resourcesFor('s3:PutObject').sort()).toEqual(
        [`<${videos}.Arn>/videos/*`, `<${render}.Arn>/*`].sort(),
      );
      expect(resourcesFor('s3:GetObject').sort()).toEqual(
        [`<${videos}.Arn>/videos/*`, `<${render}.Arn>/*`].sort(),
      );
      expect(resourcesFor('s3:DeleteObject')).toEqual([`<${render}.Arn>/*`]);
      // Listing the videos bucket makes a missing output a 404 (Remotion's progress check).
      expect(resourcesFor('s3:ListBucket').sort()).toEqual(
        [`<${render}.Arn>`, `<${videos}.Arn>`].sort(),
      );
    });

    it('needs no other bucket: no ListAllMyBuckets, no remotionlambda-* buckets, no ACLs', () => {
      const actions = allowed().flatMap((statement) => statement.Action);
      const resources = allowed().flatMap((statement) => statement.Resource.map(flatten));

      expect(actions).not.toContain('s3:ListAllMyBuckets');
      expect(actions).not.toContain('s3:PutObjectAcl');
      expect(resources.some((resource) => resource.includes('remotionlambda-'))).toBe(false);
    });

    it('writes logs only to its own log group', () => {
      expect(resourcesFor('logs:PutLogEvents')).toEqual([
        `<${logicalId(stack.video.node.findChild('Logs'))}.Arn>`,
      ]);
    });
  });

  describe('the render bucket and the site', () => {
    it('keeps render work private and for two days', () => {
      template.hasResourceProperties('AWS::S3::Bucket', {
        PublicAccessBlockConfiguration: Match.objectLike({
          BlockPublicAcls: true,
          RestrictPublicBuckets: true,
        }),
        LifecycleConfiguration: {
          Rules: Match.arrayWith([
            Match.objectLike({ Id: 'expire-render-work', ExpirationInDays: 2 }),
          ]),
        },
      });
    });

    it('serves the site through CloudFront from a private bucket (origin access control)', () => {
      const distribution = template.toJSON().Resources[logicalId(stack.video.siteDistribution)] as {
        Properties: {
          DistributionConfig: {
            Origins: { OriginAccessControlId?: unknown }[];
            DefaultCacheBehavior: { ViewerProtocolPolicy: string };
          };
        };
      };
      const config = distribution.Properties.DistributionConfig;

      expect(config.Origins).toHaveLength(1);
      expect(config.Origins[0]?.OriginAccessControlId).toBeDefined();
      expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('https-only');
      template.hasOutput('RemotionServeUrl', {
        Value: {
          'Fn::Join': [
            '',
            [
              'https://',
              { 'Fn::GetAtt': [logicalId(stack.video.siteDistribution), 'DomainName'] },
              '/index.html',
            ],
          ],
        },
      });
    });
  });

  describe('the webhook route', () => {
    it('is POST /api/webhooks/remotion, public, handled by a function that may read the secret', () => {
      const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')) as {
        Properties: { RouteKey: string; AuthorizationType: string };
      }[];
      const webhook = houseFunctionNamed(stack, 'RemotionWebhook');

      expect(
        routes.find((route) => route.Properties.RouteKey === 'POST /api/webhooks/remotion')
          ?.Properties.AuthorizationType,
      ).toBe('NONE');
      expect(webhook).toBeDefined();
      if (!webhook) return;
      expect(Object.keys(environmentOf(template, webhook))).toContain('REMOTION_SECRET_ARN');
      expect(
        grantsOf(template, webhook).some((s) => s.Action.includes('secretsmanager:GetSecretValue')),
      ).toBe(true);
      // It answers the render task's token and never touches Remotion itself.
      expect(
        grantsOf(template, webhook).some((s) => s.Action.includes('lambda:InvokeFunction')),
      ).toBe(false);
    });
  });
});

describe('Video.grantRender', () => {
  it('lets the render task invoke the render function only, and tells it where everything is', () => {
    // Arrange: any house function stands in for the workflow's RenderVideo task.
    const { stack } = buildTestApp();
    const task = houseFunctionNamed(stack, 'GetPricing');
    if (!task) throw new Error('GetPricing is missing');

    // Act
    stack.video.grantRender(task);
    const template = Template.fromStack(stack);

    // Assert
    const invoke = grantsOf(template, task).filter((s) =>
      s.Action.includes('lambda:InvokeFunction'),
    );
    expect(invoke.flatMap((s) => s.Resource.map(flatten))).toEqual([
      `<${logicalId(stack.video.renderFunction)}.Arn>`,
    ]);
    const puts = grantsOf(template, task).filter((s) => s.Action.includes('s3:PutObject'));
    expect(puts.flatMap((s) => s.Resource.map(flatten))).toEqual([
      `<${logicalId(stack.video.renderBucket)}.Arn>/input-props/*`,
    ]);
    const environment = environmentOf(template, task);
    expect(environment).toMatchObject({
      [envNames.remotion.functionName]: { Ref: logicalId(stack.video.renderFunction) },
      [envNames.remotion.region]: { Ref: 'AWS::Region' },
      [envNames.remotion.renderBucket]: { Ref: logicalId(stack.video.renderBucket) },
      [envNames.remotion.maxLambdas]: '10',
    });
    expect(flatten(environment[envNames.remotion.serveUrl])).toBe(
      `https://<${logicalId(stack.video.siteDistribution)}.DomainName>/index.html`,
    );
  });
});

describe('-c remotionMaxLambdas', () => {
  it('tells the render task how many functions a render may use, after a quota raise', () => {
    const { stack } = buildTestApp({ context: { remotionMaxLambdas: '90' } });
    const task = houseFunctionNamed(stack, 'GetPricing');
    if (!task) throw new Error('GetPricing is missing');

    stack.video.grantRender(task);

    expect(environmentOf(Template.fromStack(stack), task)[envNames.remotion.maxLambdas]).toBe('90');
  });

  it.each(['1', 'ten', '2.5'])('refuses %s', (value) => {
    expect(() => buildTestApp({ context: { remotionMaxLambdas: value } })).toThrow(
      /remotionMaxLambdas must be an integer/,
    );
  });
});

describe('the site bundle', () => {
  const videoIn = (site: ConstructorParameters<typeof Video>[2]['site']) => {
    const stack = new Stack(new App(), 'VideoOnly');
    const bucket = (id: string) => new Bucket(stack, id);
    return () =>
      new Video(stack, 'Video', {
        stage: 'test',
        videosBucket: bucket('Videos'),
        accessLogsBucket: bucket('Logs'),
        removalPolicy: RemovalPolicy.DESTROY,
        site,
      });
  };

  it('deploys a bundled directory to the site bucket', () => {
    const video = videoIn({
      directory: new URL('../fixtures/remotion-site', import.meta.url).pathname,
    })();

    const deployment = Template.fromStack(Stack.of(video)).findResources(
      'Custom::CDKBucketDeployment',
    );

    expect(Object.values(deployment)).toHaveLength(1);
  });

  it('refuses to synth without the bundle, naming the command that makes it', () => {
    expect(videoIn({ directory: '/nonexistent/remotion-site' })).toThrow(
      /npm run build:video-site/,
    );
  });
});
