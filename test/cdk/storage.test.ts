import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { retentionDays } from '../../functions/core/retention.ts';
import { bucketIds } from '../../functions/resources.ts';
import type { CallSantaStack } from '../../lib/callsanta-stack.ts';
import { flatten, logicalId, statementsOfRole, synthesize } from './synth.ts';

type BucketPolicy = {
  Properties: {
    Bucket: { Ref: string };
    PolicyDocument: {
      Statement: {
        Effect: string;
        Action: string | string[];
        Principal: unknown;
        Condition?: Record<string, Record<string, unknown>>;
        Resource: unknown[];
      }[];
    };
  };
};

type Bucket = {
  Properties: {
    LifecycleConfiguration?: { Rules: { ExpirationInDays?: number; Status: string }[] };
    LoggingConfiguration?: { DestinationBucketName: { Ref: string } };
    CorsConfiguration?: unknown;
  };
};

describe('buckets', () => {
  let template: Template;
  let stack: CallSantaStack;
  let allBucketIds: string[];

  beforeAll(() => {
    ({ template, stack } = synthesize());
    allBucketIds = Object.keys(template.findResources('AWS::S3::Bucket'));
  }, 60_000);

  it('exist for voice notes, recordings, videos, the site and the access logs (and Remotion)', () => {
    const expected = [
      ...bucketIds.map((id) => logicalId(stack.storage.buckets[id])),
      logicalId(stack.storage.siteBucket),
      logicalId(stack.storage.accessLogsBucket),
      // Remotion's render work and its site (lib/video.ts).
      logicalId(stack.video.renderBucket),
      logicalId(stack.video.siteBucket),
    ];

    expect(allBucketIds.sort()).toEqual(expected.sort());
  });

  it('block all public access, are encrypted and owner-enforced', () => {
    const resources = template.toJSON().Resources as Record<string, { Properties: unknown }>;

    for (const id of allBucketIds) {
      expect(resources[id]?.Properties, `bucket ${id}`).toMatchObject({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
          ],
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      });
    }
  });

  it('deny every request that is not over TLS, for the bucket and its objects', () => {
    const policies = Object.values(
      template.findResources('AWS::S3::BucketPolicy'),
    ) as BucketPolicy[];

    for (const id of allBucketIds) {
      const statements = policies
        .filter((policy) => policy.Properties.Bucket.Ref === id)
        .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
      const denyInsecure = statements.find(
        (statement) =>
          statement.Effect === 'Deny' &&
          statement.Action === 's3:*' &&
          statement.Condition?.Bool?.['aws:SecureTransport'] === 'false',
      );
      expect(denyInsecure, `bucket ${id} has no deny-non-TLS statement`).toBeDefined();
      expect(denyInsecure?.Resource.map(flatten).sort()).toEqual([`<${id}.Arn>`, `<${id}.Arn>/*`]);
    }
  });

  it('log access of every data bucket into the access-log bucket', () => {
    const accessLogs = logicalId(stack.storage.accessLogsBucket);
    const resources = template.toJSON().Resources as Record<string, Bucket>;

    for (const id of allBucketIds.filter((id) => id !== accessLogs)) {
      expect(resources[id]?.Properties.LoggingConfiguration?.DestinationBucketName).toEqual({
        Ref: accessLogs,
      });
    }
  });

  it.each([
    ['voiceNotes', 120],
    ['recordings', 400],
    ['videos', 400],
  ] as const)('delete %s after %i days', (bucketId, days) => {
    const bucket = template.toJSON().Resources[
      logicalId(stack.storage.buckets[bucketId])
    ] as Bucket;

    const expirations = bucket.Properties.LifecycleConfiguration?.Rules.filter(
      (rule) => rule.Status === 'Enabled' && rule.ExpirationInDays !== undefined,
    ).map((rule) => rule.ExpirationInDays);

    expect(expirations).toEqual([days]);
  });

  it('expire every bucket of personal data after the days functions/core/retention.ts states', () => {
    const resources = template.toJSON().Resources as Record<string, Bucket>;
    const expirationOf = (id: string) =>
      resources[id]?.Properties.LifecycleConfiguration?.Rules.filter(
        (rule) => rule.Status === 'Enabled' && rule.ExpirationInDays !== undefined,
      ).map((rule) => rule.ExpirationInDays);

    for (const id of bucketIds) {
      expect(expirationOf(logicalId(stack.storage.buckets[id])), id).toEqual([retentionDays[id]]);
    }
    expect(expirationOf(logicalId(stack.storage.accessLogsBucket))).toEqual([
      retentionDays.accessLogs,
    ]);
  });

  it('allow browser uploads (CORS) on the voice-note bucket only: form POSTs from the site', () => {
    const resources = template.toJSON().Resources as Record<string, Bucket>;
    const voiceNotes = logicalId(stack.storage.buckets.voiceNotes);

    const withCors = allBucketIds.filter((id) => resources[id]?.Properties.CorsConfiguration);

    expect(withCors).toEqual([voiceNotes]);
    expect(resources[voiceNotes]?.Properties.CorsConfiguration).toEqual({
      CorsRules: [
        {
          AllowedMethods: ['POST'],
          AllowedOrigins: ['https://callsanta.example'],
          AllowedHeaders: ['*'],
          MaxAge: 3000,
        },
      ],
    });
  });

  it('encrypt voice notes with S3-managed keys, which presigned POST uploads need no KMS grant for', () => {
    const voiceNotes = template.toJSON().Resources[logicalId(stack.storage.buckets.voiceNotes)];
    const upload = stack.api.functions.get('CreateVoiceNoteUpload');

    const kmsActions = statementsOfRole(template, logicalId(upload?.role ?? stack))
      .flatMap((statement) => statement.Action)
      .filter((action) => action.startsWith('kms:'));

    expect(upload).toBeDefined();
    expect(voiceNotes.Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [
        { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
      ],
    });
    expect(kmsActions).toEqual([]);
  });
});
