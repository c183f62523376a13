import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { siteCallRules } from '../../functions/config/call-rules.ts';
import type { StageConfig } from '../../functions/config/stage-config.ts';
import type { CallSantaStack } from '../../lib/callsanta-stack.ts';
import { readStageSettings } from '../../lib/settings.ts';
import { Site, type SiteProps, spaRoutingCode } from '../../lib/site.ts';
import { flatten, logicalId, synthesize } from './synth.ts';

type Resource = { Type: string; Properties: Record<string, unknown> };
type Origin = {
  Id: string;
  DomainName: unknown;
  OriginAccessControlId?: unknown;
  S3OriginConfig?: { OriginAccessIdentity?: string };
  CustomOriginConfig?: { OriginProtocolPolicy: string };
};
type Behavior = {
  PathPattern?: string;
  TargetOriginId: string;
  CachePolicyId: string;
  OriginRequestPolicyId?: string;
  ResponseHeadersPolicyId?: unknown;
  AllowedMethods?: string[];
  ViewerProtocolPolicy: string;
  Compress?: boolean;
  FunctionAssociations?: { EventType: string; FunctionARN: unknown }[];
};
type DistributionConfig = {
  Origins: Origin[];
  DefaultCacheBehavior: Behavior;
  CacheBehaviors: Behavior[];
  DefaultRootObject: string;
  HttpVersion: string;
  Aliases?: string[];
  ViewerCertificate?: { MinimumProtocolVersion?: string; AcmCertificateArn?: string };
};
type PolicyStatement = {
  Effect: string;
  Action: string | string[];
  Principal: unknown;
  Condition?: Record<string, Record<string, unknown>>;
};

/** CloudFront's managed policies, by id (the same in every account). */
const cachingDisabled = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const allViewerExceptHostHeader = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

const resourcesOf = (template: Template) => template.toJSON().Resources as Record<string, Resource>;

function distributionConfig(template: Template): DistributionConfig {
  // The site's own; lib/video.ts has another, for the Remotion site only.
  const distributions = Object.values(
    template.findResources('AWS::CloudFront::Distribution', {
      Properties: { DistributionConfig: { Comment: 'CallSanta site and API' } },
    }),
  );
  expect(distributions).toHaveLength(1);
  return (distributions[0] as Resource).Properties.DistributionConfig as DistributionConfig;
}

/** Every file the cloud assembly staged as an asset directory, by name. */
function stagedFiles(outdir: string, name: string): string[] {
  return readdirSync(outdir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name.startsWith('asset.'))
    .flatMap((entry) =>
      readdirSync(join(outdir, entry.name))
        .filter((file) => file === name)
        .map((file) => readFileSync(join(outdir, entry.name, file), 'utf8')),
    );
}

describe('site hosting', () => {
  let template: Template;
  let stack: CallSantaStack;
  let outdir: string;
  let stageConfig: StageConfig;
  let config: DistributionConfig;
  let siteOrigin: Origin;
  let apiBehavior: Behavior;

  beforeAll(() => {
    let app: App;
    ({ template, stack, app } = synthesize());
    outdir = app.outdir;
    stageConfig = readStageSettings(app.node).stageConfig;
    config = distributionConfig(template);
    const siteBucketId = logicalId(stack.storage.siteBucket);
    const origin = config.Origins.find((o) => JSON.stringify(o.DomainName).includes(siteBucketId));
    if (!origin) throw new Error('no origin for the site bucket');
    siteOrigin = origin;
    const behavior = config.CacheBehaviors.find((b) => b.PathPattern === '/api/*');
    if (!behavior) throw new Error('no /api/* behaviour');
    apiBehavior = behavior;
  }, 120_000);

  it('serves the private site bucket through origin access control', () => {
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
    // One per distribution: this one's is under the Site construct (lib/video.ts has its own).
    const oacIds = Object.keys(template.findResources('AWS::CloudFront::OriginAccessControl'));
    const oacId = oacIds.find((id) => id.startsWith('SiteDistribution'));
    expect(oacId).toBeDefined();
    expect(siteOrigin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oacId, 'Id'] });
    // No legacy origin access identity alongside it.
    expect(siteOrigin.S3OriginConfig?.OriginAccessIdentity ?? '').toBe('');
    expect(template.findResources('AWS::CloudFront::CloudFrontOriginAccessIdentity')).toEqual({});
  });

  it("lets only this distribution read the site bucket's objects", () => {
    const siteBucketId = logicalId(stack.storage.siteBucket);
    const distributionId = logicalId(stack.site.distribution);
    const policy = Object.values(resourcesOf(template)).find(
      (resource) =>
        resource.Type === 'AWS::S3::BucketPolicy' &&
        JSON.stringify(resource.Properties.Bucket) === JSON.stringify({ Ref: siteBucketId }),
    );
    if (!policy) throw new Error('no bucket policy on the site bucket');
    const { Statement: statements } = policy.Properties.PolicyDocument as {
      Statement: PolicyStatement[];
    };
    const allows = statements.filter((statement) => statement.Effect === 'Allow');

    expect(allows).toHaveLength(1);
    expect(allows[0]?.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(allows[0]?.Action).toBe('s3:GetObject');
    expect(flatten(allows[0]?.Condition?.StringEquals?.['AWS:SourceArn'])).toContain(
      `:distribution/<${distributionId}>`,
    );
  });

  it('allows no public access to any bucket', () => {
    for (const [id, resource] of Object.entries(resourcesOf(template))) {
      if (resource.Type === 'AWS::S3::Bucket') {
        expect(resource.Properties.PublicAccessBlockConfiguration, id).toEqual({
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        });
      }
      if (resource.Type === 'AWS::S3::BucketPolicy') {
        const statements = (resource.Properties.PolicyDocument as { Statement: PolicyStatement[] })
          .Statement;
        for (const statement of statements.filter((s) => s.Effect === 'Allow')) {
          expect(JSON.stringify(statement.Principal), id).not.toMatch(/"\*"/);
        }
      }
    }
  });

  it('is HTTPS only with HTTP/2 and 3, compression and index.html at the root', () => {
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.HttpVersion).toBe('http2and3');
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.DefaultCacheBehavior.Compress).toBe(true);
    expect(apiBehavior.ViewerProtocolPolicy).toBe('https-only');
  });

  it('routes /api/* to the HTTP API, uncached, with every viewer header but Host', () => {
    const apiOrigin = config.Origins.find((origin) => origin.Id === apiBehavior.TargetOriginId);
    const httpApiId = logicalId(stack.api.httpApi);

    expect(apiOrigin?.DomainName).toEqual({
      'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': [httpApiId, 'ApiEndpoint'] }] }],
    });
    expect(apiOrigin?.CustomOriginConfig?.OriginProtocolPolicy).toBe('https-only');
    expect(apiBehavior.CachePolicyId).toBe(cachingDisabled);
    expect(apiBehavior.OriginRequestPolicyId).toBe(allViewerExceptHostHeader);
    expect(apiBehavior.AllowedMethods?.sort()).toEqual(
      ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'].sort(),
    );
  });

  it('rewrites app paths to index.html on viewer request of the default behaviour only', () => {
    const functionId = logicalId(stack.site.spaRouting);
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionARN'] } },
    ]);
    expect(apiBehavior.FunctionAssociations).toBeUndefined();
    template.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0' }),
      FunctionCode: spaRoutingCode,
    });
  });

  it.each([
    ['/', '/index.html'],
    ['/book', '/index.html'],
    ['/bookings/01JABC/manage', '/index.html'],
    ['/assets/index-abc123.js', '/assets/index-abc123.js'],
    ['/favicon.ico', '/favicon.ico'],
    ['/config.json', '/config.json'],
    ['/api/bookings/unknown', '/api/bookings/unknown'],
  ])('the SPA function maps %s to %s', (uri, expected) => {
    const handler = new Function(`${spaRoutingCode}; return handler;`)() as (event: {
      request: { uri: string };
    }) => { uri: string };

    expect(handler({ request: { uri } }).uri).toBe(expected);
  });

  it('sends HSTS, nosniff, DENY, a strict referrer, a CSP for Stripe and the microphone', () => {
    const policies = Object.values(
      template.findResources('AWS::CloudFront::ResponseHeadersPolicy'),
    );
    expect(policies).toHaveLength(1);
    const headers = (policies[0] as Resource).Properties.ResponseHeadersPolicyConfig as {
      SecurityHeadersConfig: Record<string, Record<string, unknown>>;
      CustomHeadersConfig: { Items: { Header: string; Value: string }[] };
    };
    const security = headers.SecurityHeadersConfig;

    expect(security.StrictTransportSecurity).toMatchObject({
      AccessControlMaxAgeSec: 63_072_000,
      IncludeSubdomains: true,
      Preload: true,
    });
    expect(security.ContentTypeOptions).toMatchObject({ Override: true });
    expect(security.FrameOptions).toMatchObject({ FrameOption: 'DENY' });
    expect(security.ReferrerPolicy).toMatchObject({
      ReferrerPolicy: 'strict-origin-when-cross-origin',
    });

    const csp = flatten(security.ContentSecurityPolicy?.ContentSecurityPolicy);
    const directive = (name: string) =>
      csp
        .split('; ')
        .find((d) => d.startsWith(`${name} `))
        ?.split(' ')
        .slice(1);
    const voiceNotes = `https://<${logicalId(stack.storage.buckets.voiceNotes)}.RegionalDomainName>`;
    const recordings = `https://<${logicalId(stack.storage.buckets.recordings)}.RegionalDomainName>`;

    expect(directive('default-src')).toEqual(["'self'"]);
    expect(directive('script-src')).toEqual(["'self'", 'https://js.stripe.com']);
    expect(directive('frame-src')).toEqual(['https://js.stripe.com', 'https://hooks.stripe.com']);
    expect(directive('connect-src')).toEqual([
      "'self'",
      'https://api.stripe.com',
      voiceNotes,
      recordings,
    ]);
    expect(directive('media-src')).toContain(recordings);
    expect(directive('img-src')).toEqual(["'self'", 'data:']);
    expect(directive('style-src')).toEqual(["'self'"]);
    expect(csp).not.toContain('unsafe-eval');
    expect(headers.CustomHeadersConfig.Items).toContainEqual(
      expect.objectContaining({
        Header: 'Permissions-Policy',
        Value: expect.stringMatching(/microphone=\(self\)/),
      }),
    );
    // Stripe's wallet frames (js.stripe.com) may use the Payment Request API: Apple/Google Pay.
    const permissions = headers.CustomHeadersConfig.Items.find(
      (item: { Header: string }) => item.Header === 'Permissions-Policy',
    );
    expect(permissions?.Value).toContain('payment=(self "https://js.stripe.com")');
    expect(permissions?.Value).not.toMatch(/payment=\(self\)/);
    // Both behaviours send them.
    expect(config.DefaultCacheBehavior.ResponseHeadersPolicyId).toBeDefined();
    expect(apiBehavior.ResponseHeadersPolicyId).toEqual(
      config.DefaultCacheBehavior.ResponseHeadersPolicyId,
    );
  });

  it("deploys the site and config.json (Stripe mode, same-origin API, the stage's call rules) and invalidates", () => {
    const distributionId = logicalId(stack.site.distribution);
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: logicalId(stack.storage.siteBucket) },
      DistributionId: { Ref: distributionId },
      DistributionPaths: ['/*'],
      Prune: true,
    });
    const configs = stagedFiles(outdir, 'config.json').map((text) => JSON.parse(text) as unknown);

    expect(configs).toContainEqual({
      apiBaseUrl: '',
      stripePublishableKey: 'pk_test_placeholder',
      stripeMode: 'stripe',
      // The stage's calling hours and retries, which the FAQ and landing page state.
      callRules: siteCallRules(stageConfig),
    });
    // Synthesized without bundling: the placeholder page, not the build.
    expect(stagedFiles(outdir, 'index.html').join('')).toContain('Placeholder site');
  });

  it('outputs the site URL and the distribution id', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;

    expect(flatten(outputs.SiteUrl?.Value)).toBe(
      `https://<${logicalId(stack.site.distribution)}.DomainName>`,
    );
    expect(outputs.DistributionId?.Value).toEqual({ Ref: logicalId(stack.site.distribution) });
  });
});

describe('the Site construct', () => {
  function siteStack(props: Partial<SiteProps>) {
    const stack = new Stack(new App(), 'SiteOnly');
    const site = new Site(stack, 'Site', {
      siteBucket: new Bucket(stack, 'SiteBucket'),
      httpApi: new HttpApi(stack, 'Api'),
      voiceNotesBucket: new Bucket(stack, 'VoiceNotes'),
      recordingsBucket: new Bucket(stack, 'Recordings'),
      stripePublishableKey: 'pk_live_abc',
      ...props,
    });
    return { stack, site };
  }

  it('deploys the built site directory when asked for the build', () => {
    const directory = mkdtempSync(join(tmpdir(), 'callsanta-site-'));
    writeFileSync(join(directory, 'index.html'), '<!doctype html><title>Built</title>');
    const { stack } = siteStack({ siteDirectory: directory });
    const template = Template.fromStack(stack);

    const [deployment] = Object.values(
      template.findResources('Custom::CDKBucketDeployment'),
    ) as Resource[];
    expect(deployment?.Properties.SourceObjectKeys).toHaveLength(2);
    const outdir = (stack.node.root as App).outdir;
    expect(stagedFiles(outdir, 'index.html')).toContain('<!doctype html><title>Built</title>');
    expect(stagedFiles(outdir, 'config.json').map((text) => JSON.parse(text))).toContainEqual({
      apiBaseUrl: '',
      stripePublishableKey: 'pk_live_abc',
      stripeMode: 'stripe',
    });
  });

  it('stops synth with a clear message when the site was not built', () => {
    const missing = join(tmpdir(), 'callsanta-no-such-dist');

    expect(() => siteStack({ siteDirectory: missing })).toThrow(/run npm run build:site/);
  });

  it('serves a custom domain with its certificate and TLS 1.2 at least', () => {
    const certificateArn =
      'arn:aws:acm:us-east-1:123456789012:certificate/0f2e3d4c-1111-2222-3333-444455556666';
    const { stack, site } = siteStack({
      placeholderSite: true,
      customDomain: { domainName: 'www.callsanta.example', certificateArn },
    });
    const config = distributionConfig(Template.fromStack(stack));

    expect(config.Aliases).toEqual(['www.callsanta.example']);
    expect(config.ViewerCertificate).toMatchObject({
      AcmCertificateArn: certificateArn,
      MinimumProtocolVersion: 'TLSv1.2_2021',
    });
    expect(site.url).toBe('https://www.callsanta.example');
  });
});
