import { existsSync } from 'node:fs';
import { ArnFormat, Aws, CfnMapping, Duration, type RemovalPolicy, Size, Stack } from 'aws-cdk-lib';
import {
  CachePolicy,
  Distribution,
  HttpVersion,
  PriceClass,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  type CfnFunction,
  Code,
  Function as LambdaFunction,
  Runtime,
  RuntimeManagementMode,
} from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type IBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, type ISource, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { newAccountConcurrency } from '../functions/core/render-split.ts';
import { envNames, renderedVideoKeyPrefix } from '../functions/resources.ts';
import type { Alerts } from './alerts.ts';
import { deadLetterAlarm, deadLetterQueue } from './dead-letter-queue.ts';
import type { HouseFunction } from './house-function.ts';
import { acknowledge, wildcardResourceFinding } from './nag.ts';
import {
  remotionFunctionSettings,
  remotionFunctionZip,
  remotionLayerArnsByRegion,
  remotionRuntimeVersionHash,
  remotionVersion,
} from './remotion-release.ts';
import { defaultVideoSiteDirectory } from './video-site-bundle.ts';

/** Where Remotion's client uploads props too large for a Lambda payload (@remotion/serverless-client). */
const inputPropsPrefix = 'input-props/';

export interface VideoProps {
  readonly stage: string;
  /** Where the finished MP4s go (`outName.bucketName`); Remotion writes only under `videos/`. */
  readonly videosBucket: IBucket;
  /** Server access logs of the render and site buckets. */
  readonly accessLogsBucket: IBucket;
  readonly removalPolicy: RemovalPolicy;
  /**
   * The bundled Remotion site: a directory (`npm run build:video-site` writes
   * video/dist-site), or a one-page placeholder when synth needs no bundle (assertion tests,
   * stacks synthesized without bundling). Default: video/dist-site.
   */
  readonly site?: { readonly directory: string } | 'placeholder';
  /**
   * How many Lambda functions one render may run at once, the orchestrator included: the
   * account's concurrency left for rendering. Sets `framesPerLambda`
   * (functions/core/render-split.ts). Default 10, a new account's limit.
   */
  readonly maxConcurrentLambdas?: number;
  /** Told when renders fail or are throttled. */
  readonly alerts?: Alerts;
}

/**
 * Remotion Lambda declared in CDK — what `npx remotion lambda functions deploy` and
 * `sites create` would make, without a CLI step:
 *
 * - **the render function**, from the zip inside @remotion/lambda with the settings
 *   `deployFunction` uses (lib/remotion-release.ts): nodejs24.x on arm64, 2048 MB, 2048 MB of
 *   /tmp, 900 s (a new account's chunks fit), no async retries, the runtime version pinned, Remotion's public layers for the
 *   deploying region (a CloudFormation mapping: the stack is region-agnostic). Its name carries
 *   the Remotion version, so an upgrade deploys a new function with the new client.
 * - **its role**, narrower than Remotion's suggested role policy: its own log group; invoke
 *   itself (the orchestrator invokes renderer copies of itself); read, write and list its own
 *   render bucket (chunks, progress); read and write only `videos/*` of our videos bucket
 *   (`outName`; HeadObject needs GetObject), and list it (so a missing output is a 404, not a
 *   403: Remotion's progress check relies on it). No `s3:ListAllMyBuckets` and no
 *   `remotionlambda-*` buckets: renders name the bucket (`forceBucketName`).
 * - **its render bucket**: private, encrypted, chunks expire after 2 days.
 * - **the site**: the bundled composition in a private bucket, served to the function's
 *   Chromium through its own CloudFront distribution (origin access control). Chromium cannot
 *   sign S3 requests, so the site needs an HTTPS URL; it holds code only — every child's data
 *   travels in `inputProps`. Redeploys invalidate the cache.
 */
export class Video extends Construct {
  readonly renderFunction: LambdaFunction;
  /**
   * Remotion invokes its renderer functions asynchronously and never retries them; an
   * invocation that fails lands here with its error (the render itself fails, and the render
   * webhook or the status check tells the workflow).
   */
  readonly renderDeadLetterQueue: Queue;
  readonly role: Role;
  readonly renderBucket: Bucket;
  readonly siteBucket: Bucket;
  readonly siteDistribution: Distribution;
  readonly siteDeployment: BucketDeployment;
  /** The Remotion serve URL: the site's index.html. */
  readonly serveUrl: string;
  readonly functionName: string;
  /** Render invocations that failed, and ones Lambda throttled (the account's concurrency). */
  readonly alarms: readonly Alarm[];
  private readonly maxConcurrentLambdas: number;

  constructor(scope: Construct, id: string, props: VideoProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.maxConcurrentLambdas = props.maxConcurrentLambdas ?? newAccountConcurrency;
    this.functionName = `callsanta-${props.stage}-remotion-render-${remotionVersion.replace(/\./g, '-')}`;

    const secure = {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: props.removalPolicy,
      serverAccessLogsBucket: props.accessLogsBucket,
    } as const;
    this.renderBucket = new Bucket(this, 'RenderBucket', {
      ...secure,
      serverAccessLogsPrefix: 'remotion-renders/',
      // Chunks and progress files of renders; the finished video is written to the videos
      // bucket. Two days covers a render and its retry.
      lifecycleRules: [
        {
          id: 'expire-render-work',
          expiration: Duration.days(2),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });
    this.siteBucket = new Bucket(this, 'SiteBucket', {
      ...secure,
      serverAccessLogsPrefix: 'remotion-site/',
      lifecycleRules: [
        { id: 'abort-unfinished-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });

    const logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${this.functionName}`,
      retention: RetentionDays.TWO_WEEKS,
      removalPolicy: props.removalPolicy,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `CallSanta ${props.stage} Remotion render function (Remotion ${remotionVersion})`,
    });
    logGroup.grantWrite(this.role);
    const functionArn = stack.formatArn({
      service: 'lambda',
      resource: 'function',
      resourceName: this.functionName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'InvokeItsOwnRenderers',
        actions: ['lambda:InvokeFunction'],
        resources: [functionArn],
      }),
    );
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'ListRenderBucket',
        actions: ['s3:ListBucket', 's3:GetBucketLocation'],
        resources: [this.renderBucket.bucketArn],
      }),
    );
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'RenderWork',
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: [this.renderBucket.arnForObjects('*')],
      }),
    );
    // Progress checks HEAD the output key before it exists: without ListBucket S3 answers 403
    // instead of 404, which Remotion's findOutputFileInBucket treats as a failure, not "not yet".
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'SeeMissingVideosAsMissing',
        actions: ['s3:ListBucket'],
        resources: [props.videosBucket.bucketArn],
      }),
    );
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'WriteFinishedVideos',
        actions: ['s3:GetObject', 's3:PutObject'],
        resources: [props.videosBucket.arnForObjects(`${renderedVideoKeyPrefix}*`)],
      }),
    );

    this.renderDeadLetterQueue = deadLetterQueue(
      this,
      'RenderDeadLetterQueue',
      "Remotion's asynchronous invocations",
    );
    this.renderFunction = new LambdaFunction(this, 'Function', {
      functionName: this.functionName,
      description: `Renders CallSanta's call videos (Remotion ${remotionVersion})`,
      code: Code.fromAsset(remotionFunctionZip),
      handler: remotionFunctionSettings.handler,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: remotionFunctionSettings.memoryMiB,
      ephemeralStorageSize: Size.mebibytes(remotionFunctionSettings.ephemeralStorageMiB),
      timeout: Duration.seconds(remotionFunctionSettings.timeoutSeconds),
      retryAttempts: 0,
      onFailure: new SqsDestination(this.renderDeadLetterQueue),
      role: this.role,
      logGroup,
      runtimeManagementMode: RuntimeManagementMode.manual(
        `arn:${Aws.PARTITION}:lambda:${Aws.REGION}::runtime:${remotionRuntimeVersionHash()}`,
      ),
    });
    const layers = new CfnMapping(this, 'RemotionLayers', {
      mapping: Object.fromEntries(
        Object.entries(remotionLayerArnsByRegion()).map(([region, arns]) => [
          region,
          { layers: arns },
        ]),
      ),
    });
    (this.renderFunction.node.defaultChild as CfnFunction).addPropertyOverride(
      'Layers',
      layers.findInMap(Aws.REGION, 'layers'),
    );

    this.siteDistribution = new Distribution(this, 'SiteDistribution', {
      comment: `CallSanta ${props.stage} Remotion site (code only) for the render function`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.siteBucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        compress: true,
      },
    });
    this.serveUrl = `https://${this.siteDistribution.distributionDomainName}/index.html`;
    this.siteDeployment = new BucketDeployment(this, 'SiteDeployment', {
      destinationBucket: this.siteBucket,
      sources: [siteSource(props.site)],
      distribution: this.siteDistribution,
      distributionPaths: ['/*'],
      prune: true,
      // The same handler settings as the web site's deployment: one CDK singleton for both.
      memoryLimit: 512,
    });

    const alarm = (id: string, description: string, metric: Alarm['metric']) =>
      new Alarm(this, id, {
        alarmDescription: description,
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    this.alarms = [
      alarm(
        'ErrorsAlarm',
        'Remotion render invocations failed: call videos may be failing (the booking shows it; the render can be retried).',
        this.renderFunction.metricErrors({ period: Duration.minutes(15) }),
      ),
      alarm(
        'ThrottlesAlarm',
        'Remotion renderers were throttled: renders need more Lambda concurrency than the account has (see functions/core/render-split.ts, -c remotionMaxLambdas).',
        this.renderFunction.metricThrottles({ period: Duration.minutes(15) }),
      ),
      deadLetterAlarm(
        this,
        'RenderDeadLettersAlarm',
        this.renderDeadLetterQueue,
        'A Remotion render invocation failed for good: its event is in the render dead-letter queue (the booking shows the video as failed; support can redrive it).',
      ),
    ];
    for (const each of this.alarms) props.alerts?.notify(each);

    this.acknowledgeFindings(props.videosBucket);
  }

  /**
   * Lets the render task start renders and read their progress: invoke on the render function
   * (renderMediaOnLambda and getRenderProgress both invoke it; it reads its bucket itself),
   * PutObject on `input-props/*` of the render bucket (large props go there first), and the
   * environment `functions/adapters/remotion-lambda-renderer.ts` reads.
   */
  grantRender(task: HouseFunction): void {
    task.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'StartAndFollowVideoRenders',
        actions: ['lambda:InvokeFunction'],
        resources: [this.renderFunction.functionArn],
      }),
    );
    // Props over ~194 KB (a long call's peaks) are uploaded by the client to the render bucket
    // first (`compressInputProps`, key input-props/<hash>.json) and read there by the function.
    task.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'UploadLargeRenderProps',
        actions: ['s3:PutObject'],
        resources: [this.renderBucket.arnForObjects(`${inputPropsPrefix}*`)],
      }),
    );
    acknowledge(
      task.role,
      wildcardResourceFinding(task.role, this.renderBucket.arnForObjects(`${inputPropsPrefix}*`)),
      "Remotion's client names each uploaded props file by a random hash under input-props/ of " +
        'the render bucket, which expires it after two days; nothing else there is writable.',
    );
    const { remotion } = envNames;
    task.function.addEnvironment(remotion.functionName, this.renderFunction.functionName);
    task.function.addEnvironment(remotion.serveUrl, this.serveUrl);
    task.function.addEnvironment(remotion.region, Stack.of(this).region);
    task.function.addEnvironment(remotion.renderBucket, this.renderBucket.bucketName);
    task.function.addEnvironment(remotion.maxLambdas, String(this.maxConcurrentLambdas));
  }

  /**
   * Lets a function read how a render stands (`getRenderProgress` invokes the render function,
   * which reads its own bucket): invoke on the render function and the environment the adapter
   * reads — no upload. For the parents' booking page, which shows the video's progress.
   */
  grantProgress(reader: HouseFunction): void {
    reader.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'FollowVideoRenders',
        actions: ['lambda:InvokeFunction'],
        resources: [this.renderFunction.functionArn],
      }),
    );
    const { remotion } = envNames;
    reader.function.addEnvironment(remotion.functionName, this.renderFunction.functionName);
    reader.function.addEnvironment(remotion.serveUrl, this.serveUrl);
    reader.function.addEnvironment(remotion.region, Stack.of(this).region);
    reader.function.addEnvironment(remotion.renderBucket, this.renderBucket.bucketName);
    reader.function.addEnvironment(remotion.maxLambdas, String(this.maxConcurrentLambdas));
  }

  private acknowledgeFindings(videosBucket: IBucket): void {
    const role = this.role;
    acknowledge(
      role,
      wildcardResourceFinding(role, this.renderBucket.arnForObjects('*')),
      "The render bucket is Remotion's own working space for this function: chunk and progress " +
        'object keys are made per render (renders/<renderId>/...) and expire after two days.',
    );
    acknowledge(
      role,
      wildcardResourceFinding(role, videosBucket.arnForObjects(`${renderedVideoKeyPrefix}*`)),
      'Remotion writes each finished video to the key the render task names, one per booking ' +
        'and attempt, all under the videos/ prefix and nowhere else in the bucket.',
    );
    const distribution = this.siteDistribution.node.defaultChild ?? this.siteDistribution;
    acknowledge(
      distribution,
      'AwsSolutions-CFR1',
      'No geo restriction: the only client is our render function, in whatever region it runs.',
    );
    acknowledge(
      distribution,
      'AwsSolutions-CFR2',
      'No WAF web ACL: the distribution serves a public build of our video composition (code, ' +
        'no data) to our own render function; a web ACL would cost more than the site.',
    );
    acknowledge(
      distribution,
      'AwsSolutions-CFR3',
      'No CloudFront standard logging: it writes with ACLs and the access-logs bucket has ACLs ' +
        'disabled; object access is in the site bucket’s S3 server access logs.',
    );
    acknowledge(
      distribution,
      'AwsSolutions-CFR4',
      'The default *.cloudfront.net certificate cannot raise the minimum viewer TLS version; ' +
        'the only viewer is Chromium inside our render function, which negotiates TLS 1.3.',
    );
    acknowledge(
      this.siteDeployment.handlerRole,
      wildcardResourceFinding(this.siteDeployment.handlerRole, this.siteBucket.arnForObjects('*')),
      'The BucketDeployment handler writes and prunes every object of the Remotion site bucket: ' +
        'the whole bucket is the deployed site.',
    );
  }
}

function siteSource(site: VideoProps['site']): ISource {
  if (site === 'placeholder') {
    return Source.data(
      'index.html',
      '<!doctype html><html lang="en"><title>CallSanta video</title><p>Placeholder Remotion site.</p></html>',
    );
  }
  const directory = site?.directory ?? defaultVideoSiteDirectory;
  if (!existsSync(`${directory}/index.html`)) {
    throw new Error(
      `The Remotion site bundle is missing (${directory}/index.html): run npm run build:video-site before synth.`,
    );
  }
  return Source.asset(directory);
}
