import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type SecretName,
  secretArnEnv,
  secretNames,
} from '../../functions/config/secret-schemas.ts';
import { bucketIds, envNames } from '../../functions/resources.ts';
import type { RouteDefinition } from '../../functions/routes.ts';
import { workflowTaskFunctions } from '../../functions/workflow/task-functions.ts';
import type { CallSantaStack } from '../../lib/callsanta-stack.ts';
import { elevenLabsEnv, type HouseFunction } from '../../lib/house-function.ts';
import {
  allowing,
  buildTestApp,
  environmentOf,
  flatten,
  functionDefinitions,
  grantsOf,
  houseFunctions,
  logicalId,
  type Statement,
  synthesize,
} from './synth.ts';

const definitions = functionDefinitions;

/** Any action that changes an item, through the item APIs or PartiQL, or a wildcard. */
const tableWrite =
  /^dynamodb:(\*|Put|Update|Delete|BatchWrite|PartiQLInsert|PartiQLUpdate|PartiQLDelete)/;

const actions = (statements: readonly Statement[]) =>
  statements.flatMap((statement) => statement.Action);
const resources = (statements: readonly Statement[]) =>
  [...new Set(statements.flatMap((statement) => statement.Resource.map(flatten)))].sort();

describe('least privilege per function', () => {
  let template: Template;
  let stack: CallSantaStack;
  let functions: Map<string, HouseFunction>;
  let stateMachineArn: string;
  let scheduleGroupName: string;

  beforeAll(() => {
    ({ template, stack } = synthesize());
    functions = new Map(houseFunctions(stack));
    const stateMachineName = template.toJSON().Resources[
      logicalId(stack.bookingWorkflow.stateMachine)
    ].Properties.StateMachineName as string;
    stateMachineArn = `arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:stateMachine:${stateMachineName}`;
    scheduleGroupName = template.toJSON().Resources[logicalId(stack.scheduling.scheduleGroup)]
      .Properties.Name as string;
  }, 60_000);

  function fn(name: string): HouseFunction {
    const found = functions.get(name);
    if (!found) throw new Error(`No house function ${name}: is it still in the route table?`);
    return found;
  }

  describe('the secrets, one per provider', () => {
    const secretRef = (name: SecretName) => `<${logicalId(stack.appSecrets.secrets[name])}>`;
    const declaredReaders = (name: SecretName) =>
      definitions.filter((d) => d.access.secrets?.includes(name)).map((d) => d.name);

    it.each(secretNames)(
      '%s can be read, with its ARN variable, only by functions declaring it',
      (name) => {
        // Act
        const readers = [...functions]
          .filter(([, f]) =>
            allowing(grantsOf(template, f), 'secretsmanager:GetSecretValue').some((statement) =>
              statement.Resource.some((resource) =>
                ['*', secretRef(name)].includes(flatten(resource)),
              ),
            ),
          )
          .map(([fnName]) => fnName);
        const withArn = [...functions]
          .filter(([, f]) => environmentOf(template, f)[secretArnEnv[name]] !== undefined)
          .map(([fnName]) => fnName);

        // Assert
        expect(readers.sort()).toEqual([...declaredReaders(name)].sort());
        expect(withArn.sort()).toEqual([...declaredReaders(name)].sort());
        for (const reader of declaredReaders(name)) {
          expect(flatten(environmentOf(template, fn(reader))[secretArnEnv[name]]), reader).toBe(
            secretRef(name),
          );
        }
      },
    );

    it('keeps the Stripe key from functions that never call Stripe', () => {
      const stripeReaders = declaredReaders('stripe');

      for (const name of [
        'GetBooking',
        'ElevenLabsWebhook',
        'RemotionWebhook',
        'PlaceCall',
        'CheckConversation',
        'SaveCallRecords',
        'RenderVideo',
      ]) {
        expect(stripeReaders, name).not.toContain(name);
      }
      expect(stripeReaders).toEqual(expect.arrayContaining(['StripeWebhook', 'CreateBooking']));
      expect(declaredReaders('elevenlabs').sort()).toEqual(
        [
          'CheckConversation',
          'ElevenLabsWebhook',
          // The erase deletes the booking's conversations at ElevenLabs.
          'EraseChildData',
          'GetHealth',
          'PlaceCall',
          'SaveCallRecords',
          'TranscribeVoiceNote',
        ].sort(),
      );
    });

    it('are granted as GetSecretValue on exactly the declared secrets, and no other secret action', () => {
      for (const definition of definitions.filter((d) => d.access.secrets?.length)) {
        const secretStatements = grantsOf(template, fn(definition.name)).filter((statement) =>
          statement.Action.some((action) => action.startsWith('secretsmanager:')),
        );

        expect(actions(secretStatements), definition.name).toEqual([
          'secretsmanager:GetSecretValue',
        ]);
        expect(resources(secretStatements), definition.name).toEqual(
          [...new Set(definition.access.secrets)].map(secretRef).sort(),
        );
      }
    });

    it('are readable by no other role, and have no resource policy', () => {
      // Arrange
      const readerRoles = definitions
        .filter((d) => d.access.secrets?.length)
        .map((d) => logicalId(fn(d.name).role));
      type Policy = { Properties: { Roles?: { Ref: string }[]; PolicyDocument: unknown } };
      const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Policy[];

      // Act
      const rolesWithSecretAccess = policies
        .filter((policy) =>
          JSON.stringify(policy.Properties.PolicyDocument).includes('secretsmanager'),
        )
        .flatMap((policy) => policy.Properties.Roles?.map((role) => role.Ref) ?? []);

      // Assert
      expect([...new Set(rolesWithSecretAccess)].sort()).toEqual([...readerRoles].sort());
      template.resourceCountIs('AWS::SecretsManager::ResourcePolicy', 0);
    });
  });

  describe('the table', () => {
    const readOnly = definitions.filter((d) => d.access.table !== 'readWrite').map((d) => d.name);

    it('is read-only for the pricing, availability and booking-view functions', () => {
      expect(readOnly).toEqual(
        expect.arrayContaining(['GetBooking', 'GetPricing', 'GetAvailability']),
      );
    });

    it.each(readOnly)('cannot be written by %s', (name) => {
      const writes = actions(grantsOf(template, fn(name))).filter((action) =>
        tableWrite.test(action),
      );

      expect(writes).toEqual([]);
    });

    it.each(['GetBooking', 'GetPricing', 'GetAvailability'])('can be read by %s', (name) => {
      const table = `<${logicalId(stack.data.table)}.Arn>`;

      const reads = grantsOf(template, fn(name)).filter((statement) =>
        statement.Resource.map(flatten).includes(table),
      );

      expect(actions(reads)).toEqual(
        expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']),
      );
    });
  });

  describe('the Stripe webhook', () => {
    let grants: Statement[];

    beforeAll(() => {
      grants = grantsOf(template, fn('StripeWebhook'));
    });

    it('may start executions of the booking workflow only', () => {
      const start = allowing(grants, 'states:StartExecution');

      expect(actions(start)).toEqual(['states:StartExecution']);
      expect(resources(start)).toEqual([stateMachineArn]);
      expect(environmentOf(template, fn('StripeWebhook'))[envNames.stateMachineArn]).toBeDefined();
    });

    it('may manage schedules in the booking schedule group only', () => {
      // Arrange
      const scheduler = grants.filter((statement) =>
        statement.Action.some((action) => action.startsWith('scheduler:') || action === '*'),
      );

      // Act
      const scheduleArns = resources(scheduler);

      // Assert
      expect(actions(scheduler).sort()).toEqual([
        'scheduler:CreateSchedule',
        'scheduler:DeleteSchedule',
        'scheduler:GetSchedule',
        'scheduler:UpdateSchedule',
      ]);
      expect(scheduleArns).toEqual([
        `arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/${scheduleGroupName}/*`,
      ]);
    });

    it('may pass only the scheduler role, and only to EventBridge Scheduler', () => {
      const iam = grants.filter((statement) =>
        statement.Action.some((action) => action.startsWith('iam:') || action === '*'),
      );

      expect(iam).toEqual([
        {
          Effect: 'Allow',
          Action: ['iam:PassRole'],
          Resource: [{ 'Fn::GetAtt': [logicalId(stack.scheduling.schedulerRole), 'Arn'] }],
          Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
        },
      ]);
    });

    it('may send email From our sender only, to recipient identities too (the SES sandbox)', () => {
      const ses = grants.filter((statement) =>
        statement.Action.some((action) => action.startsWith('ses:') || action === '*'),
      );

      expect(actions(ses)).toEqual(['ses:SendEmail']);
      expect(resources(ses)).toEqual([
        'arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*',
        'arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/callsanta.example',
      ]);
      // The wildcard is for recipients' identities; the condition pins the From address.
      for (const statement of ses) {
        expect(statement.Condition).toEqual({
          StringEquals: { 'ses:FromAddress': 'santa@callsanta.example' },
        });
      }
      expect(environmentOf(template, fn('StripeWebhook'))[envNames.emailFrom]).toBe(
        'santa@callsanta.example',
      );
    });
  });

  it.each(definitions.filter((d) => d.access.schedules).map((d) => d.name))(
    '%s hands schedules the scheduler role, the group, the workflow and the dead-letter queue',
    (name) => {
      const environment = environmentOf(template, fn(name));

      expect(flatten(environment[envNames.scheduleDeadLetterQueueArn])).toBe(
        `<${logicalId(stack.scheduling.deadLetterQueue)}.Arn>`,
      );
      expect(flatten(environment[envNames.schedulerRoleArn])).toBe(
        `<${logicalId(stack.scheduling.schedulerRole)}.Arn>`,
      );
      expect(environment[envNames.scheduleGroup]).toBe(scheduleGroupName);
      expect(flatten(environment[envNames.stateMachineArn])).toBe(stateMachineArn);
    },
  );

  it('lets exactly the functions declared with workflow start start executions', () => {
    const declared = definitions
      .filter((d) => d.access.workflow?.includes('start'))
      .map((d) => d.name);

    const starters = [...functions]
      .filter(([, f]) => allowing(grantsOf(template, f), 'states:StartExecution').length > 0)
      .map(([name]) => name);

    expect(declared).toEqual(expect.arrayContaining(['StripeWebhook', 'RescheduleBooking']));
    expect(starters.sort()).toEqual([...declared].sort());
  });

  describe('the ElevenLabs webhook', () => {
    let grants: Statement[];

    beforeAll(() => {
      grants = grantsOf(template, fn('ElevenLabsWebhook'));
    });

    it('may answer task tokens of the booking workflow only', () => {
      // Arrange
      const taskResponse = [
        'states:SendTaskFailure',
        'states:SendTaskHeartbeat',
        'states:SendTaskSuccess',
      ];

      // Act
      const callback = grants.filter((statement) =>
        statement.Action.some((action) => action.startsWith('states:') || action === '*'),
      );

      // Assert
      expect(actions(callback).sort()).toEqual(taskResponse);
      expect(resources(callback)).toEqual([stateMachineArn]);
      expect(allowing(grants, 'states:SendTaskSuccess').length).toBeGreaterThan(0);
      expect(
        flatten(environmentOf(template, fn('ElevenLabsWebhook'))[envNames.stateMachineArn]),
      ).toBe(stateMachineArn);
    });

    it('cannot start, stop or read executions', () => {
      for (const action of [
        'states:StartExecution',
        'states:StopExecution',
        'states:DescribeExecution',
      ]) {
        expect(allowing(grants, action), action).toEqual([]);
      }
    });
  });

  it('lets exactly the functions declared with workflow callback answer task tokens', () => {
    const declared = definitions
      .filter((d) => d.access.workflow?.includes('callback'))
      .map((d) => d.name);

    const answerers = [...functions]
      .filter(([, f]) => allowing(grantsOf(template, f), 'states:SendTaskSuccess').length > 0)
      .map(([name]) => name);

    // The dial step answers its own task when the call's outcome came before its token; the
    // Remotion webhook answers the render task's, and the render step its own when the video
    // was made before; the line steps hand lines to the waiting calls' tasks.
    expect(declared.sort()).toEqual([
      'AcquireCallCapacity',
      'ElevenLabsWebhook',
      'PlaceCall',
      'ReleaseCallCapacity',
      'RemotionWebhook',
      'RenderVideo',
    ]);
    expect(answerers.sort()).toEqual(declared);
  });

  it.each(workflowTaskFunctions.map((task) => task.name))(
    'workflow task %s cannot start executions',
    (name) => {
      const grants = grantsOf(template, fn(name));

      const answers = workflowTaskFunctions
        .find((task) => task.name === name)
        ?.access.workflow?.includes('callback');

      expect(allowing(grants, 'states:StartExecution')).toEqual([]);
      // The workflow's ARN exactly when the task answers a callback, and task-token actions then.
      expect(environmentOf(template, fn(name))[envNames.stateMachineArn] !== undefined).toBe(
        answers === true,
      );
      expect(allowing(grants, 'states:SendTaskSuccess').length > 0).toBe(answers === true);
    },
  );

  describe('ElevenLabs', () => {
    const callers = [
      'PlaceCall',
      'CheckConversation',
      'SaveCallRecords',
      'TranscribeVoiceNote',
      // The erase deletes the booking's conversations at ElevenLabs.
      'EraseChildData',
    ];

    it.each(callers)('%s gets the agent and phone number ids and the elevenlabs secret', (name) => {
      const environment = environmentOf(template, fn(name));
      const secretReads = allowing(grantsOf(template, fn(name)), 'secretsmanager:GetSecretValue');

      expect(environment).toMatchObject({
        [elevenLabsEnv.agentId]: 'agent_dev_placeholder',
        [elevenLabsEnv.phoneNumberId]: 'phnum_dev_placeholder',
      });
      expect(flatten(environment[secretArnEnv.elevenlabs])).toBe(
        `<${logicalId(stack.appSecrets.secrets.elevenlabs)}>`,
      );
      // The erase also reads the access token (the parent's link) and Stripe (the PaymentIntent
      // it forgets the receipt email on); the call path reads ElevenLabs alone.
      const alsoReads =
        name === 'EraseChildData'
          ? [stack.appSecrets.secrets['access-token'], stack.appSecrets.secrets.stripe]
          : [];
      expect(resources(secretReads).sort()).toEqual(
        [stack.appSecrets.secrets.elevenlabs, ...alsoReads].map((s) => `<${logicalId(s)}>`).sort(),
      );
    });

    it('ids go to exactly the functions declared with elevenLabs', () => {
      // Arrange
      const declared = definitions.filter((d) => d.access.elevenLabs).map((d) => d.name);

      // Act
      const withIds = [...functions]
        .filter(([, f]) => {
          const environment = environmentOf(template, f);
          return (
            environment[elevenLabsEnv.agentId] !== undefined ||
            environment[elevenLabsEnv.phoneNumberId] !== undefined
          );
        })
        .map(([name]) => name);

      // Assert
      expect([...declared].sort()).toEqual([...callers].sort());
      expect(withIds.sort()).toEqual([...declared].sort());
    });
  });

  describe('the call records', () => {
    it('SaveCallRecords may put (and, after an erase, delete) objects in the recordings bucket only', () => {
      const recordings = `<${logicalId(stack.storage.buckets.recordings)}.Arn>/*`;

      const put = allowing(grantsOf(template, fn('SaveCallRecords')), 's3:PutObject');
      const remove = allowing(grantsOf(template, fn('SaveCallRecords')), 's3:DeleteObject');

      expect(resources(put)).toEqual([recordings]);
      expect(resources(remove)).toEqual([recordings]);
    });

    it('TranscribeVoiceNote may get objects from the voice-note bucket only, and write none', () => {
      // Arrange
      const grants = grantsOf(template, fn('TranscribeVoiceNote'));
      const objectWrites = ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'];

      // Act
      const get = allowing(grants, 's3:GetObject');

      // Assert
      expect(resources(get)).toEqual([`<${logicalId(stack.storage.buckets.voiceNotes)}.Arn>/*`]);
      for (const action of objectWrites) expect(allowing(grants, action), action).toEqual([]);
    });
  });

  describe('voice-note uploads', () => {
    let grants: Statement[];

    beforeAll(() => {
      grants = grantsOf(template, fn('CreateVoiceNoteUpload'));
    });

    it('may put objects in the voice-note bucket only', () => {
      const bucket = logicalId(stack.storage.buckets.voiceNotes);

      const put = allowing(grants, 's3:PutObject');

      expect(resources(put)).toEqual([`<${bucket}.Arn>/*`]);
      expect(
        environmentOf(template, fn('CreateVoiceNoteUpload'))[envNames.buckets.voiceNotes],
      ).toEqual({
        Ref: bucket,
      });
    });

    it('has nothing on the table, the workflow, schedules, email or KMS; reads the app secret for the proof', () => {
      const services = new Set(actions(grants).map((action) => action.split(':')[0]));
      const environment = environmentOf(template, fn('CreateVoiceNoteUpload'));

      // secretsmanager: the access-token secret signs the key's proof (voice-note-proof.ts).
      expect([...services].sort()).toEqual(['logs', 's3', 'secretsmanager', 'xray']);
      expect(environment[envNames.table]).toBeUndefined();
      for (const name of secretNames) {
        expect(environment[secretArnEnv[name]] !== undefined).toBe(name === 'access-token');
      }
    });
  });

  it('lets a function put objects only into buckets it declares readWrite', () => {
    for (const definition of definitions) {
      const allowed = bucketIds
        .filter((id) =>
          ['readWrite', 'readWriteDelete'].includes(definition.access.buckets?.[id] ?? ''),
        )
        .map((id) => `<${logicalId(stack.storage.buckets[id])}.Arn>/*`);
      // The render step uploads a long call's props where Remotion's client puts them.
      if (definition.name === 'RenderVideo') {
        allowed.push(`<${logicalId(stack.video.renderBucket)}.Arn>/input-props/*`);
      }
      allowed.sort();

      const put = resources(allowing(grantsOf(template, fn(definition.name)), 's3:PutObject'));

      expect(put, definition.name).toEqual(allowed);
    }
  });
});

describe('deleting objects', () => {
  it('is granted only to the paths that remove files: erase, the voice note after its call, and the records and video steps after an erase', () => {
    // Arrange
    const { template, stack } = synthesize();

    // Act
    const deleters = houseFunctions(stack)
      .filter(([, f]) => allowing(grantsOf(template, f), 's3:DeleteObject').length > 0)
      .map(([name]) => name)
      .sort();

    // Assert
    expect(deleters).toEqual([
      'DecideAfterCall',
      'EraseChildData',
      'FinishVideo',
      'SaveCallRecords',
    ]);
  }, 60_000);

  it.each(['CreateVoiceNoteUpload'])(
    '%s writes objects but may delete none',
    (name) => {
      const { template, stack } = synthesize();
      const found = new Map(houseFunctions(stack)).get(name);
      if (!found) throw new Error(`No house function ${name}`);

      const grants = grantsOf(template, found);

      expect(allowing(grants, 's3:PutObject').length).toBeGreaterThan(0);
      expect(allowing(grants, 's3:DeleteObject')).toEqual([]);
    },
    60_000,
  );
});

describe('the elevenLabs access flag', () => {
  const route = (name: string, access: RouteDefinition['function']['access']): RouteDefinition => ({
    method: 'POST',
    path: `/test/${name}`,
    authorization: 'public',
    publicReason: 'a route that exists only in this test',
    function: { name, entry: 'workflow/check-conversation.ts', access },
  });

  it('adds the two ids and nothing else: no IAM grant, no other variable', () => {
    // Arrange: two functions that differ only by the flag.
    const access = { table: 'read', secrets: ['elevenlabs'] } as const;
    const { stack } = buildTestApp({
      routes: [route('With', { ...access, elevenLabs: true }), route('Without', access)],
    });
    const template = Template.fromStack(stack);
    const fnOf = (name: string) => {
      const found = stack.api.functions.get(name);
      if (!found) throw new Error(`No house function ${name}`);
      return found;
    };
    /** Grants apart from each function's own log group. */
    const accessGrants = (f: HouseFunction) =>
      grantsOf(template, f).filter((statement) =>
        statement.Action.every((action) => !action.startsWith('logs:')),
      );

    // Act
    const withFlag = environmentOf(template, fnOf('With'));
    const withoutFlag = environmentOf(template, fnOf('Without'));

    // Assert
    expect(accessGrants(fnOf('With'))).toEqual(accessGrants(fnOf('Without')));
    expect(withFlag).toEqual({
      ...withoutFlag,
      [elevenLabsEnv.agentId]: 'agent_dev_placeholder',
      [elevenLabsEnv.phoneNumberId]: 'phnum_dev_placeholder',
    });
  });

  it('stops synth for a function that could not read the ElevenLabs API key', () => {
    expect(() =>
      buildTestApp({ routes: [route('NoKey', { table: 'read', elevenLabs: true })] }),
    ).toThrow(/NoKey declares elevenLabs but not the elevenlabs secret/);
  });
});
