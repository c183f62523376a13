import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Duration, Fn, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, type ISource, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { SiteCallRules } from '../functions/config/call-rules.ts';
import { permissionsPolicy } from '../functions/config/permissions-policy.ts';
import type { SiteConfig } from '../functions/schemas/api/site-config.ts';
import { acknowledge, wildcardResourceFinding } from './nag.ts';

/** What the site reads from `/config.json`: `siteConfigSchema` in functions/schemas/api. */
export type SiteRuntimeConfig = SiteConfig;

export interface SiteProps {
  readonly siteBucket: IBucket;
  /** Served under the same domain at `/api/*`. */
  readonly httpApi: IHttpApi;
  /** Browsers POST voice notes here (presigned POST): allowed in `connect-src`. */
  readonly voiceNotesBucket: IBucket;
  /** Browsers play recordings from here (presigned GET): allowed in `connect-src`/`media-src`. */
  readonly recordingsBucket: IBucket;
  readonly stripePublishableKey: string;
  /** The stage's calling hours and retries, which the site states (FAQ, landing page). */
  readonly callRules?: SiteCallRules;
  /** The built site; `frontend/dist` (from `npm run build:site`) unless given. */
  readonly siteDirectory?: string;
  /**
   * Deploy a one-page placeholder instead of the built site, so synth needs no site build
   * (assertion tests, or stacks synthesized without bundling).
   */
  readonly placeholderSite?: boolean;
  /** A custom domain and its ACM certificate (in us-east-1); raises the minimum TLS to 1.2. */
  readonly customDomain?: { readonly domainName: string; readonly certificateArn: string };
}

export const defaultSiteDirectory = fileURLToPath(new URL('../frontend/dist', import.meta.url));

/**
 * SPA routing at the edge: a path without a file extension is a page of the app, so it gets
 * `index.html`. `/api/*` is never rewritten (it has its own behaviour, and an API 404 must stay
 * an API 404 — which is why this is not done with CloudFront's 403/404 error mapping).
 */
export const spaRoutingCode = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.indexOf('/api/') === 0) return request;
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/** S3's regional virtual-hosted endpoint of a bucket, as presigned URLs name it. */
const bucketOrigin = (bucket: IBucket) => `https://${bucket.bucketRegionalDomainName}`;

/**
 * The static site on CloudFront: the private site bucket through origin access control, the
 * HTTP API under the same domain at `/api/*`, security headers, and the built site plus its
 * runtime `config.json` deployed to the bucket.
 */
export class Site extends Construct {
  readonly distribution: Distribution;
  readonly responseHeadersPolicy: ResponseHeadersPolicy;
  readonly spaRouting: CloudFrontFunction;
  readonly deployment: BucketDeployment;
  readonly runtimeConfig: SiteRuntimeConfig;
  /** `https://<custom domain or distribution domain>`. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);

    const voiceNotes = bucketOrigin(props.voiceNotesBucket);
    const recordings = bucketOrigin(props.recordingsBucket);
    // No 'unsafe-inline' anywhere: Vite emits the styles as a file and React sets inline
    // styles through the CSSOM, which CSP does not restrict. React Email is not on the site.
    const contentSecurityPolicy = [
      "default-src 'self'",
      "script-src 'self' https://js.stripe.com",
      "style-src 'self'",
      "img-src 'self' data:",
      `connect-src 'self' https://api.stripe.com ${voiceNotes} ${recordings}`,
      `media-src 'self' blob: ${recordings}`,
      'frame-src https://js.stripe.com https://hooks.stripe.com',
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; ');

    this.responseHeadersPolicy = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'CallSanta: HSTS, CSP (self + Stripe + media buckets), no framing, microphone',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
        contentSecurityPolicy: { contentSecurityPolicy, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          {
            // The microphone for the voice note; payment for Stripe's wallet frames.
            header: 'Permissions-Policy',
            value: permissionsPolicy,
            override: true,
          },
        ],
      },
    });

    this.spaRouting = new CloudFrontFunction(this, 'SpaRouting', {
      comment: 'Rewrites extension-less paths outside /api/ to /index.html',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(spaRoutingCode),
    });

    // The API's endpoint is https://<id>.execute-api.<region>.amazonaws.com: take the host.
    const apiDomain = Fn.select(2, Fn.split('/', props.httpApi.apiEndpoint));

    const { customDomain } = props;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'CallSanta site and API',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      ...(customDomain
        ? {
            domainNames: [customDomain.domainName],
            certificate: Certificate.fromCertificateArn(
              this,
              'Certificate',
              customDomain.certificateArn,
            ),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(props.siteBucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        compress: true,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.responseHeadersPolicy,
        functionAssociations: [
          { function: this.spaRouting, eventType: FunctionEventType.VIEWER_REQUEST },
        ],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new HttpOrigin(apiDomain, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }),
          // Webhook senders and the site's fetches must not be redirected: HTTPS or nothing.
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: this.responseHeadersPolicy,
          compress: true,
        },
      },
    });
    this.url = `https://${customDomain?.domainName ?? this.distribution.distributionDomainName}`;

    const distribution = this.distribution.node.defaultChild ?? this.distribution;
    acknowledge(
      distribution,
      'AwsSolutions-CFR1',
      'No geo restriction: families book calls from any country, and Santa answers everywhere.',
    );
    acknowledge(
      distribution,
      'AwsSolutions-CFR2',
      'No WAF web ACL: its monthly base cost outweighs a small seasonal site whose only dynamic ' +
        'part, the HTTP API, is throttled per stage and whose static part is served from cache.',
    );
    acknowledge(
      distribution,
      'AwsSolutions-CFR3',
      'No CloudFront standard (legacy) logging: it writes with ACLs, and the access-logs bucket ' +
        'is owner-enforced with ACLs disabled; API requests are logged by the API stage and ' +
        'object access by S3 server access logs on the site bucket.',
    );
    if (!customDomain) {
      const tls =
        'The default *.cloudfront.net certificate cannot raise the minimum viewer TLS ' +
        'version above TLSv1; setting the siteDomainName and siteCertificateArn context ' +
        'serves a custom domain with TLSv1.2_2021 as the minimum.';
      acknowledge(distribution, 'AwsSolutions-CFR4', tls);
    }

    this.runtimeConfig = {
      // Same origin: the site calls /api/... on the domain that served it.
      apiBaseUrl: '',
      stripePublishableKey: props.stripePublishableKey,
      stripeMode: 'stripe',
      ...(props.callRules ? { callRules: props.callRules } : {}),
    };
    this.deployment = new BucketDeployment(this, 'Deployment', {
      destinationBucket: props.siteBucket,
      sources: [siteSource(props), Source.jsonData('config.json', this.runtimeConfig)],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      prune: true,
      // The call sample `npm run agent:sync` uploads (functions/agent/site-media.ts) is not
      // part of the build: pruning must leave it.
      exclude: ['media/*'],
      memoryLimit: 512,
    });
    acknowledgeDeploymentHandler(this.deployment, props.siteBucket);
  }
}

function siteSource(props: SiteProps): ISource {
  if (props.placeholderSite) {
    return Source.data(
      'index.html',
      '<!doctype html><html lang="en"><title>CallSanta</title><p>Placeholder site.</p></html>',
    );
  }
  const directory = props.siteDirectory ?? defaultSiteDirectory;
  if (!existsSync(`${directory}/index.html`)) {
    throw new Error(
      `The built site is missing (${directory}/index.html): run npm run build:site before synth.`,
    );
  }
  return Source.asset(directory);
}

/**
 * BucketDeployment's handler is a CDK-managed singleton Lambda (one per stack): its role, its
 * policy and its runtime are CDK's, not ours.
 */
function acknowledgeDeploymentHandler(deployment: BucketDeployment, siteBucket: IBucket): void {
  const role = deployment.handlerRole;
  acknowledge(
    role,
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    'The CDK-managed BucketDeployment handler uses AWSLambdaBasicExecutionRole only to write ' +
      'its own CloudWatch logs.',
  );
  const copyAndPrune =
    'CDK grants the BucketDeployment handler the object-level wildcard actions it needs to ' +
    'copy the site from the CDK asset bucket and to prune stale objects from the site bucket.';
  for (const action of [
    's3:GetBucket*',
    's3:GetObject*',
    's3:List*',
    's3:Abort*',
    's3:DeleteObject*',
  ]) {
    acknowledge(role, `AwsSolutions-IAM5[Action::${action}]`, copyAndPrune);
  }
  acknowledge(
    role,
    'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
    'The BucketDeployment handler reads the site asset from the CDK bootstrap asset bucket, ' +
      'whose object keys are content hashes known only at deploy time.',
  );
  acknowledge(
    role,
    wildcardResourceFinding(role, siteBucket.arnForObjects('*')),
    'The BucketDeployment handler writes and prunes every object of the site bucket: the ' +
      'whole bucket is the deployed site.',
  );
  acknowledge(
    role,
    'AwsSolutions-IAM5[Resource::*]',
    'CDK grants the BucketDeployment handler cloudfront:CreateInvalidation and ' +
      'cloudfront:GetInvalidation on every distribution when invalidating after a deploy; the ' +
      'only statement with this resource is that one.',
  );
  const stack = Stack.of(deployment);
  for (const child of stack.node.children) {
    if (child.node.id.startsWith('Custom::CDKBucketDeployment')) {
      acknowledge(
        child,
        'AwsSolutions-L1',
        'The BucketDeployment handler is a CDK-managed singleton whose runtime is pinned by ' +
          'aws-cdk-lib; it moves forward with CDK upgrades, not with our code.',
      );
    }
  }
}
