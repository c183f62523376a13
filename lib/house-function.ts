import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ArnFormat, Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type IRole, Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { discordWebhookEnv } from '../functions/adapters/discord-notifier.ts';
import { type SecretName, secretArnEnv } from '../functions/config/secret-schemas.ts';
import { tableDefinition } from '../functions/data/table-definition.ts';
import type { FunctionDefinition } from '../functions/function-definition.ts';
import { memoryMiBOf } from '../functions/function-memory.ts';
import {
  type AccessMode,
  type BucketAccessMode,
  type BucketId,
  bucketIds,
  envNames,
  type ResourceAccess,
} from '../functions/resources.ts';
import { houseBundling } from './house-bundling.ts';
import { acknowledge, wildcardResourceFinding } from './nag.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const functionsDir = fileURLToPath(new URL('../functions/', import.meta.url));

/** Everything a function may be bound to; `grant` picks what its access declaration names. */
export interface FunctionBindings {
  readonly table: ITableV2;
  readonly buckets: Readonly<Record<BucketId, IBucket>>;
  /** Built from the workflow's name, so task functions can be bound to it without a cycle. */
  readonly bookingWorkflowArn: string;
  readonly scheduling: {
    readonly scheduleGroupName: string;
    readonly schedulerRole: IRole;
    /** Where Scheduler puts a booking's firing it could not deliver. */
    readonly deadLetterQueueArn: string;
  };
  readonly email: {
    readonly fromAddress: string;
    /** The SES identity (domain or address) the function may send as. */
    readonly identityArn: string;
    /** An SES configuration set to send through: SendEmail is authorised against it too. */
    readonly configurationSet?: { readonly name: string; readonly arn: string };
    /** The team's "new paid booking" Discord webhook; unset means no notification. */
    readonly discordWebhookUrl?: string;
  };
  /** The app's Secrets Manager secrets, one per provider (`lib/secrets.ts`), by name. */
  readonly secretArns: Readonly<Record<SecretName, string>>;
  /** The stage's ElevenLabs Santa agent and the phone number it calls from. */
  readonly elevenLabs: { readonly agentId: string; readonly phoneNumberId: string };
  /** Set on every function: the public site URL, the booking rules and the call workflow rules. */
  readonly environment: Readonly<Record<string, string>>;
}

/**
 * Read by `functions/adapters/email-sender.ts` (its constant cannot be imported here: that module
 * requires EMAIL_FROM_ADDRESS as soon as it loads).
 */
export const sesConfigurationSetEnv = 'SES_CONFIGURATION_SET';

/**
 * Read by `createElevenLabsAdapter` in `functions/adapters/elevenlabs.ts` (as string literals;
 * test/cdk/handlers.test.ts proves the adapter accepts what CDK sets under these names).
 */
export const elevenLabsEnv = {
  agentId: 'ELEVENLABS_AGENT_ID',
  phoneNumberId: 'ELEVENLABS_PHONE_NUMBER_ID',
} as const;

export interface HouseFunctionProps {
  readonly definition: FunctionDefinition;
  readonly bindings: FunctionBindings;
  readonly logRetention?: RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
}

const defaults = { timeoutSeconds: 10 } as const;

const tableActions: Readonly<Record<AccessMode, readonly string[]>> = {
  probe: ['dynamodb:DescribeTable'],
  read: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:ConditionCheckItem',
  ],
  readWrite: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:ConditionCheckItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
  ],
};

const objectActions: Readonly<Record<BucketAccessMode, readonly string[]>> = {
  probe: [],
  read: ['s3:GetObject'],
  // PutObject also signs presigned POST uploads; AbortMultipartUpload cleans up failed uploads.
  readWrite: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'],
  // DeleteObject also covers DeleteObjects (the multi-object delete checks it per key).
  readWriteDelete: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:DeleteObject'],
};

/**
 * The house Lambda: every function goes through it. Node 24 on arm64, ESM bundle with source
 * maps, X-Ray, its own log group, and a role that holds exactly what its access declaration
 * names — no AWS managed policies.
 */
export class HouseFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  readonly definition: FunctionDefinition;
  private readonly bindings: FunctionBindings;
  private accessPolicy?: Policy;

  constructor(scope: Construct, id: string, props: HouseFunctionProps) {
    super(scope, id);
    const { definition } = props;
    this.definition = definition;
    this.bindings = props.bindings;

    const entry = `${functionsDir}${definition.entry}`;
    if (!existsSync(entry)) {
      throw new Error(
        `Function ${definition.name}: handler module functions/${definition.entry} does not exist.`,
      );
    }

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `CallSanta ${definition.name} function`,
    });
    // Log permissions for this function's own log group only (instead of the managed
    // AWSLambdaBasicExecutionRole, which allows writing to every log group).
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry,
      handler: 'handler',
      description: `CallSanta ${definition.name}`,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: memoryMiBOf(definition),
      timeout: Duration.seconds(definition.timeoutSeconds ?? defaults.timeoutSeconds),
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      projectRoot: repoRoot,
      depsLockFilePath: `${repoRoot}package-lock.json`,
      environment: {
        POWERTOOLS_SERVICE_NAME: 'callsanta',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.bindings.environment,
      },
      bundling: houseBundling,
    });

    acknowledge(
      this.role.node.findChild('DefaultPolicy'),
      'AwsSolutions-IAM5[Resource::*]',
      'Only the X-Ray statement added by active tracing uses "*": xray:PutTraceSegments and ' +
        'xray:PutTelemetryRecords do not support resource-level permissions.',
    );

    this.grant(definition.access);
  }

  /** Turns an access declaration into least-privilege grants and the env vars handlers read. */
  grant(access: ResourceAccess): void {
    const { bindings } = this;
    const stack = Stack.of(this);

    if (access.table) {
      const { table } = bindings;
      const indexArns = tableDefinition.globalSecondaryIndexes.map(
        (index) => `${table.tableArn}/index/${index.indexName}`,
      );
      this.allow(tableActions[access.table], [table.tableArn]);
      if (access.table !== 'probe') this.allow(['dynamodb:Query'], indexArns);
      this.function.addEnvironment(envNames.table, table.tableName);
    }

    for (const id of bucketIds) {
      const mode = access.buckets?.[id];
      if (!mode) continue;
      const bucket = bindings.buckets[id];
      const objects = bucket.arnForObjects('*');
      // ListBucket makes a missing key a 404 instead of a 403, and answers HeadBucket.
      this.allow(['s3:ListBucket'], [bucket.bucketArn]);
      this.function.addEnvironment(envNames.buckets[id], bucket.bucketName);
      if (mode === 'probe') continue;
      this.allow(objectActions[mode], [objects]);
      this.acknowledgeAccess(
        wildcardResourceFinding(this, objects),
        `Object keys are per booking and created at run time, so they cannot be listed at deploy ` +
          `time; the grant covers objects in the ${id} bucket only, with ${mode} actions.`,
      );
    }

    const workflow = new Set(access.workflow ?? []);
    if (workflow.size > 0) {
      if (workflow.has('start'))
        this.allow(['states:StartExecution'], [bindings.bookingWorkflowArn]);
      if (workflow.has('callback')) {
        // Task-token calls are authorised against the state machine the token belongs to.
        this.allow(
          ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
          [bindings.bookingWorkflowArn],
        );
      }
      if (workflow.has('describe')) {
        // Executions are named per booking at run time: the grant covers this workflow's only.
        const executions = `${bindings.bookingWorkflowArn.replace(':stateMachine:', ':execution:')}:*`;
        this.allow(['states:DescribeExecution'], [executions]);
        this.acknowledgeAccess(
          wildcardResourceFinding(this, executions),
          'Execution names carry the booking id and are made at run time; the grant covers ' +
            'DescribeExecution on executions of the booking workflow only.',
        );
      }
      this.function.addEnvironment(envNames.stateMachineArn, bindings.bookingWorkflowArn);
    }

    if (access.schedules) {
      const { scheduleGroupName, schedulerRole } = bindings.scheduling;
      const schedules = stack.formatArn({
        service: 'scheduler',
        resource: 'schedule',
        resourceName: `${scheduleGroupName}/*`,
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      });
      this.allow(
        [
          'scheduler:CreateSchedule',
          'scheduler:UpdateSchedule',
          'scheduler:DeleteSchedule',
          'scheduler:GetSchedule',
        ],
        [schedules],
      );
      this.acknowledgeAccess(
        wildcardResourceFinding(this, schedules),
        'Schedules are named after bookings created at run time; the grant is limited to ' +
          'schedules inside the one booking schedule group.',
      );
      // Creating a schedule hands Scheduler its role; only that role, only to Scheduler.
      this.allow(['iam:PassRole'], [schedulerRole.roleArn], {
        StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' },
      });
      // A booking's schedule starts the booking workflow: its target input names the ARN.
      this.function.addEnvironment(envNames.stateMachineArn, bindings.bookingWorkflowArn);
      this.function.addEnvironment(envNames.scheduleGroup, scheduleGroupName);
      this.function.addEnvironment(envNames.schedulerRoleArn, schedulerRole.roleArn);
      this.function.addEnvironment(
        envNames.scheduleDeadLetterQueueArn,
        bindings.scheduling.deadLetterQueueArn,
      );
    }

    if (access.email) {
      const { email } = bindings;
      // SES authorises SendEmail against every identity the message involves: the sender's,
      // the configuration set, and — while the account is in the SES sandbox — each verified
      // recipient's identity too ("not authorized to perform ses:SendEmail on resource
      // identity/<recipient>"). Recipients are parents, known only at run time, so the grant
      // covers every identity in the account, and the condition keeps it to mail From our
      // sender: it cannot be used to send as anyone else.
      const anyIdentity = Stack.of(this).formatArn({
        service: 'ses',
        resource: 'identity',
        resourceName: '*',
      });
      this.allow(
        ['ses:SendEmail'],
        [
          email.identityArn,
          ...(email.configurationSet ? [email.configurationSet.arn] : []),
          anyIdentity,
        ],
        { StringEquals: { 'ses:FromAddress': email.fromAddress } },
      );
      this.acknowledgeAccess(
        wildcardResourceFinding(this, anyIdentity),
        'In the SES sandbox SendEmail is authorised against the recipient identity as well, and ' +
          'recipients (parents) are known only at run time; the statement is conditioned on ' +
          'ses:FromAddress being our one sender address.',
      );
      this.function.addEnvironment(envNames.emailFrom, email.fromAddress);
      if (email.configurationSet) {
        this.function.addEnvironment(sesConfigurationSetEnv, email.configurationSet.name);
      }
      if (email.discordWebhookUrl) {
        this.function.addEnvironment(discordWebhookEnv, email.discordWebhookUrl);
      }
    }

    const secrets = [...new Set(access.secrets ?? [])];
    if (secrets.length > 0) {
      // Exactly the secrets it reads, by their full ARNs, each ARN in its own variable. They
      // are encrypted with the AWS managed key aws/secretsmanager, whose key policy lets Secrets
      // Manager decrypt for any caller allowed GetSecretValue, so no KMS grant is needed.
      this.allow(
        ['secretsmanager:GetSecretValue'],
        secrets.map((name) => bindings.secretArns[name]),
      );
      for (const name of secrets) {
        this.function.addEnvironment(secretArnEnv[name], bindings.secretArns[name]);
      }
    }

    if (access.elevenLabs) {
      // ElevenLabs is outside AWS: no grant, only the ids the adapter needs. Its API key is in
      // the elevenlabs secret, so a function that talks to ElevenLabs must be able to read that.
      if (!(access.secrets ?? this.definition.access.secrets)?.includes('elevenlabs')) {
        throw new Error(
          `Function ${this.definition.name} declares elevenLabs but not the elevenlabs secret: ` +
            'it could not read the ElevenLabs API key.',
        );
      }
      this.function.addEnvironment(elevenLabsEnv.agentId, bindings.elevenLabs.agentId);
      this.function.addEnvironment(elevenLabsEnv.phoneNumberId, bindings.elevenLabs.phoneNumberId);
    }
  }

  private allow(
    actions: readonly string[],
    resources: readonly string[],
    conditions?: Record<string, Record<string, string>>,
  ): void {
    if (resources.length === 0) return;
    this.policy().addStatements(
      new PolicyStatement({ actions: [...actions], resources: [...resources], conditions }),
    );
  }

  private acknowledgeAccess(id: string, reason: string): void {
    acknowledge(this.policy(), id, reason);
  }

  /** Access grants live in their own policy, apart from the tracing and logging defaults. */
  private policy(): Policy {
    if (!this.accessPolicy) {
      this.accessPolicy = new Policy(this, 'AccessPolicy', { roles: [this.role] });
      // The function must not start serving before its grants exist.
      this.function.node.addDependency(this.accessPolicy);
    }
    return this.accessPolicy;
  }
}
