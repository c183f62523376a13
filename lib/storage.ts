import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type BucketProps,
  HttpMethods,
  type LifecycleRule,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { mediaRetentionDays, retentionDays } from '../functions/core/retention.ts';
import type { BucketId } from '../functions/resources.ts';

export interface StorageProps {
  readonly removalPolicy: RemovalPolicy;
  /** The site origins whose pages upload voice notes straight to S3 (presigned POST). */
  readonly uploadOrigins: readonly string[];
}

const abortUnfinishedUploads: LifecycleRule = {
  id: 'abort-unfinished-uploads',
  abortIncompleteMultipartUploadAfter: Duration.days(1),
};

/**
 * Retention for children's data: keep it as long as the product needs it, then delete it.
 * A voice note only feeds the call (it is transcribed when the workflow runs); bookings
 * may be made up to 90 days ahead, so it goes 120 days after upload — after any call it fed.
 * Recordings and their videos stay 400 days so a family can watch again the next Christmas,
 * then go. The call audio is kept that long even when the recording was not bought: a parent
 * may buy it after the call, and the video is rendered from that audio (the purchase window
 * closes a week before the audio goes: `functions/core/retention.ts`).
 */
const retention: Readonly<Record<BucketId, Duration>> = {
  voiceNotes: Duration.days(mediaRetentionDays.voiceNotes),
  recordings: Duration.days(mediaRetentionDays.recordings),
  videos: Duration.days(mediaRetentionDays.videos),
};

/** Private, encrypted, TLS-only buckets for the children's media and the static site. */
export class Storage extends Construct {
  readonly buckets: Readonly<Record<BucketId, Bucket>>;
  readonly siteBucket: Bucket;
  readonly accessLogsBucket: Bucket;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);

    const secure = {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: props.removalPolicy,
    } satisfies BucketProps;

    this.accessLogsBucket = new Bucket(this, 'AccessLogs', {
      ...secure,
      // Access logs name object keys (booking ids) and client IPs: a year covers audits.
      lifecycleRules: [
        { id: 'expire', expiration: Duration.days(retentionDays.accessLogs) },
        abortUnfinishedUploads,
      ],
    });
    const logged = (prefix: string) =>
      ({
        ...secure,
        serverAccessLogsBucket: this.accessLogsBucket,
        serverAccessLogsPrefix: `${prefix}/`,
      }) satisfies BucketProps;
    const expiring = (bucketId: BucketId): LifecycleRule[] => [
      { id: 'expire', expiration: retention[bucketId] },
      abortUnfinishedUploads,
    ];

    this.buckets = {
      voiceNotes: new Bucket(this, 'VoiceNotes', {
        ...logged('voice-notes'),
        lifecycleRules: expiring('voiceNotes'),
        // Browsers upload voice notes straight to S3 with a presigned POST (a multipart form
        // whose fields carry the signed policy), from the site's origin only. The signed policy,
        // not CORS, is what authorises an upload; CORS lets the page read S3's answer. Objects
        // are encrypted with S3-managed keys by the bucket default, which a form upload needs
        // neither a field nor a KMS grant for.
        cors: [
          {
            allowedMethods: [HttpMethods.POST],
            allowedOrigins: [...props.uploadOrigins],
            allowedHeaders: ['*'],
            maxAge: 3000,
          },
        ],
      }),
      recordings: new Bucket(this, 'Recordings', {
        ...logged('recordings'),
        lifecycleRules: expiring('recordings'),
      }),
      videos: new Bucket(this, 'Videos', {
        ...logged('videos'),
        lifecycleRules: expiring('videos'),
      }),
    };

    // The site is served through CloudFront with origin access control (lib/site.ts); the bucket
    // itself stays private.
    this.siteBucket = new Bucket(this, 'Site', {
      ...logged('site'),
      lifecycleRules: [abortUnfinishedUploads],
    });
  }
}
