import type { Server } from 'node:http';
import { z } from 'zod';
import { AwsServiceError } from '../aws-errors.ts';
import { createAwsProtocolServer } from '../aws-protocol-server.ts';
import { parseJsonBody, readBody, sendJson } from '../http-util.ts';
import type { LocalScheduler, Schedule, ScheduleInput } from './local-scheduler.ts';

const scheduleNamePattern = /^[0-9a-zA-Z-_.]{1,64}$/;

const scheduleBody = z.object({
  GroupName: z.string().min(1).max(64).optional(),
  ScheduleExpression: z.string().min(1).max(256),
  ScheduleExpressionTimezone: z.string().min(1).max(50).optional(),
  Description: z.string().max(512).optional(),
  State: z.enum(['ENABLED', 'DISABLED']).optional(),
  ActionAfterCompletion: z.enum(['NONE', 'DELETE']).optional(),
  FlexibleTimeWindow: z.object({
    Mode: z.enum(['OFF', 'FLEXIBLE']),
    MaximumWindowInMinutes: z.number().int().min(1).max(1440).optional(),
  }),
  Target: z.object({
    Arn: z.string().min(1),
    RoleArn: z.string().min(1),
    Input: z.string().optional(),
    RetryPolicy: z
      .object({
        MaximumRetryAttempts: z.number().int().min(0).max(185).optional(),
        MaximumEventAgeInSeconds: z.number().int().min(60).max(86_400).optional(),
      })
      .optional(),
    DeadLetterConfig: z.object({ Arn: z.string().optional() }).optional(),
  }),
});

const seconds = (ms: number) => ms / 1000;

/**
 * EventBridge Scheduler's REST-JSON API (`POST/GET/PUT/DELETE /schedules/{Name}`,
 * schedule groups) over the local scheduler, for `@aws-sdk/client-scheduler` unchanged.
 */
export function createSchedulerServer(scheduler: LocalScheduler): Server {
  return createAwsProtocolServer('scheduler', async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const [collection, rawName] = url.pathname.split('/').filter(Boolean);
    const name = rawName === undefined ? undefined : decodeURIComponent(rawName);
    const query = url.searchParams;
    const reply = (body: unknown) => sendJson(res, 200, body);

    if (collection === 'schedules' && name !== undefined) {
      if (!scheduleNamePattern.test(name)) {
        throw new AwsServiceError('ValidationException', `Invalid schedule name: ${name}`);
      }
      switch (req.method) {
        case 'POST': {
          const schedule = scheduler.create(scheduleInput(name, await body(req)));
          return reply({ ScheduleArn: scheduler.arn(schedule.GroupName, schedule.Name) });
        }
        case 'PUT': {
          const schedule = scheduler.update(scheduleInput(name, await body(req)));
          return reply({ ScheduleArn: scheduler.arn(schedule.GroupName, schedule.Name) });
        }
        case 'GET': {
          const schedule = scheduler.get(query.get('groupName') ?? 'default', name);
          return reply(describe(scheduler, schedule));
        }
        case 'DELETE':
          scheduler.delete(query.get('groupName') ?? 'default', name);
          return reply({});
      }
    }
    if (collection === 'schedules' && name === undefined && req.method === 'GET') {
      const schedules = scheduler.list({
        group: query.get('ScheduleGroup') ?? undefined,
        namePrefix: query.get('NamePrefix') ?? undefined,
        state: query.get('State') ?? undefined,
      });
      return reply({
        Schedules: schedules.map((schedule) => ({
          Arn: scheduler.arn(schedule.GroupName, schedule.Name),
          Name: schedule.Name,
          GroupName: schedule.GroupName,
          State: schedule.State,
          CreationDate: seconds(schedule.CreationDate),
          LastModificationDate: seconds(schedule.LastModificationDate),
          Target: { Arn: schedule.Target.Arn },
        })),
      });
    }
    if (collection === 'schedule-groups' && name !== undefined) {
      if (req.method === 'POST') {
        scheduler.createGroup(name);
        return reply({ ScheduleGroupArn: scheduler.groupArn(name) });
      }
      if (req.method === 'GET') {
        if (!scheduler.hasGroup(name)) {
          throw new AwsServiceError(
            'ResourceNotFoundException',
            `Schedule group ${name} does not exist.`,
            404,
          );
        }
        return reply({ Arn: scheduler.groupArn(name), Name: name, State: 'ACTIVE' });
      }
    }
    throw new AwsServiceError(
      'ValidationException',
      `The local scheduler does not support ${req.method} ${url.pathname}.`,
    );
  });
}

async function body(req: Parameters<Parameters<typeof createAwsProtocolServer>[1]>[0]) {
  const parsed = scheduleBody.safeParse(parseJsonBody(await readBody(req, 256 * 1024)));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new AwsServiceError('ValidationException', problems.join('; '));
  }
  return parsed.data;
}

function scheduleInput(name: string, body: z.infer<typeof scheduleBody>): ScheduleInput {
  return {
    Name: name,
    GroupName: body.GroupName ?? 'default',
    ScheduleExpression: body.ScheduleExpression,
    ...(body.ScheduleExpressionTimezone
      ? { ScheduleExpressionTimezone: body.ScheduleExpressionTimezone }
      : {}),
    ...(body.Description ? { Description: body.Description } : {}),
    State: body.State ?? 'ENABLED',
    ActionAfterCompletion: body.ActionAfterCompletion ?? 'NONE',
    FlexibleTimeWindow: body.FlexibleTimeWindow,
    Target: body.Target,
  };
}

function describe(scheduler: LocalScheduler, schedule: Schedule) {
  const { fireAt: _fireAt, completedAt: _completedAt, ...fields } = schedule;
  return {
    ...fields,
    Arn: scheduler.arn(schedule.GroupName, schedule.Name),
    CreationDate: seconds(schedule.CreationDate),
    LastModificationDate: seconds(schedule.LastModificationDate),
  };
}
